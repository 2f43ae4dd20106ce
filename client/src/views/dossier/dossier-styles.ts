/**
 * Layout of the dossier pages, on screen and on paper. Printing gives the dossier as a report: no
 * navigation or buttons (baseStyles hides them), every table complete, no chart cut across a page.
 */
import { css } from "lit";

/** Previous/next paging under a list (search results, audit log). */
export const pagerStyles = css`
  .pager {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75rem;
    margin-top: 0.75rem;
  }
  .pager p {
    margin: 0;
  }
`;

export const dossierStyles = css`
  .page-head {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    align-items: flex-start;
    gap: 0.5rem 1rem;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    align-items: center;
  }
  a.button {
    display: inline-block;
    border: 1px solid var(--mm-accent);
    border-radius: 6px;
    padding: 0.45rem 0.9rem;
    background: #fff;
    text-decoration: none;
  }
  .open-items {
    border: 2px solid #7a4100;
    border-left-width: 8px;
    background: #fff7e8;
    border-radius: 6px;
    padding: 0.75rem 1rem;
    margin-top: 1rem;
  }
  .open-items[data-count="0"] {
    border-color: var(--mm-line);
    border-left-width: 2px;
    background: var(--mm-surface);
  }
  .open-items h2 {
    margin: 0;
  }
  .open-items ul {
    margin: 0.5rem 0 0;
    padding-left: 1.2rem;
  }
  .two-columns {
    display: grid;
    grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
    gap: 1rem;
  }
  @media (max-width: 60rem) {
    .two-columns {
      grid-template-columns: minmax(0, 1fr);
    }
  }
  .small-map {
    max-width: 26rem;
  }
  .narrow {
    max-width: 34rem;
  }
  @media print {
    .table-wrap {
      overflow: visible;
    }
    .open-items {
      background: #fff;
      border-color: #000;
    }
    .two-columns {
      display: block;
    }
    /* Panels flow across the page break (a whole panel pushed to the next page leaves a gap that
       costs the site-visit sheet a third page); rows, the map and headings stay whole. */
    section,
    .panel {
      break-inside: auto;
    }
    .site-map {
      break-inside: avoid;
    }
    table {
      font-size: 9.5pt;
    }
    thead {
      display: table-header-group;
    }
  }
`;
