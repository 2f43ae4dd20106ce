/** The overview's tables: fixed columns side by side on a wide screen, one block per indicator (status on its first line) on a phone. */
import { css } from "lit";

export const themeOverviewStyles = css`
  .headline {
    font-size: 1.15rem;
    font-weight: 600;
    margin: 0 0 0.75rem;
  }
  section.theme {
    margin-block: 1.5rem;
  }
  section.theme h2 a {
    text-decoration-thickness: 1px;
  }
  /* Fixed columns, so the six themes' tables line up under each other. */
  table {
    table-layout: fixed;
    min-width: 54rem;
  }
  td,
  th {
    vertical-align: middle;
  }
  col.indicator {
    width: 23%;
  }
  col.latest,
  col.target {
    width: 14%;
  }
  col.gap {
    width: 9%;
  }
  col.trend {
    width: 9rem;
  }
  col.status {
    width: 11rem;
  }
  .value strong {
    font-size: 1.1rem;
  }
  .sparkline {
    color: var(--mm-ink);
    display: block;
  }
  .data {
    font-size: 0.85rem;
    max-width: 22rem;
  }
  .rule {
    max-width: 60rem;
  }
  .headline a[aria-current="true"] {
    text-decoration-thickness: 3px;
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1.5rem;
    align-items: center;
    margin-bottom: 0.75rem;
  }
  .controls select {
    font: inherit;
    margin-left: 0.5rem;
    padding: 0.2rem 0.4rem;
  }
  .gap-share {
    display: block;
    font-size: 0.8rem;
  }
  /* The column header says it on a wide screen; a phone shows no headers. */
  .narrow-label {
    display: none;
  }
  .off-track-areas h3 {
    font-size: 1rem;
    margin: 0.75rem 0 0.25rem;
  }
  .off-track-areas ol {
    margin: 0;
    padding-left: 1.5rem;
  }
  .off-track-areas li {
    margin-block: 0.2rem;
  }
  /*
       * A phone or a narrow window: each indicator becomes a block — name and status on the first
       * line, so the status is seen without scrolling sideways — instead of a six-column table.
       */
  @media (max-width: 50rem) {
    table {
      min-width: 0;
      table-layout: auto;
    }
    colgroup {
      display: none;
    }
    thead {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
    }
    tbody,
    tr,
    th,
    td {
      display: block;
    }
    tbody tr {
      display: grid;
      grid-template-columns: minmax(0, 1fr) auto;
      grid-template-areas: "name status" "latest trend" "target target" "gap gap" "data data";
      gap: 0.25rem 0.75rem;
      padding: 0.6rem 0;
      border-bottom: 1px solid var(--mm-line);
    }
    tbody th,
    tbody td {
      padding: 0;
      border: 0;
    }
    tbody th {
      grid-area: name;
    }
    tbody td.value {
      grid-area: latest;
      text-align: left;
    }
    tbody td.target {
      grid-area: target;
    }
    tbody td.gap {
      grid-area: gap;
      text-align: left;
    }
    tbody td.gap .narrow-label {
      display: inline;
    }
    tbody td.gap .gap-share {
      display: inline;
      margin-left: 0.35rem;
    }
    tbody td.trend {
      grid-area: trend;
    }
    tbody td.status {
      grid-area: status;
    }
    tbody td.data {
      grid-area: data;
      max-width: none;
    }
  }
`;
