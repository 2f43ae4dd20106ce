/** Styles shared by every component's shadow root: type, links, focus, tables, buttons. */
import { css } from "lit";

export const baseStyles = css`
  :host {
    display: block;
    --mm-ink: #1f2a2e;
    --mm-muted: #4d5b60;
    --mm-line: #d5dcdb;
    --mm-surface: #ffffff;
    --mm-accent: #0b6660;
    --mm-focus: #1a5fb4;
    color: var(--mm-ink);
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  h1,
  h2,
  h3 {
    line-height: 1.25;
    margin: 0 0 0.5rem;
  }
  h1 {
    font-size: 1.6rem;
  }
  h2 {
    font-size: 1.25rem;
  }
  h3 {
    font-size: 1.05rem;
  }
  a {
    color: var(--mm-accent);
  }
  a:hover {
    text-decoration-thickness: 2px;
  }
  :focus-visible {
    outline: 3px solid var(--mm-focus);
    outline-offset: 2px;
    border-radius: 2px;
  }
  button {
    font: inherit;
    cursor: pointer;
    border: 1px solid var(--mm-accent);
    background: var(--mm-accent);
    color: #fff;
    border-radius: 6px;
    padding: 0.45rem 0.9rem;
  }
  button[disabled] {
    opacity: 0.6;
    cursor: progress;
  }
  .muted {
    color: var(--mm-muted);
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  .panel {
    background: var(--mm-surface);
    border: 1px solid var(--mm-line);
    border-radius: 8px;
    padding: 1rem;
  }
  .table-wrap {
    overflow-x: auto;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-variant-numeric: tabular-nums;
  }
  caption {
    text-align: left;
    font-weight: 600;
    padding-bottom: 0.4rem;
  }
  th,
  td {
    text-align: left;
    padding: 0.4rem 0.6rem;
    border-bottom: 1px solid var(--mm-line);
    vertical-align: top;
  }
  td.num,
  th.num {
    text-align: right;
  }
  details > summary {
    cursor: pointer;
    color: var(--mm-accent);
  }
  .alert {
    border-left: 4px solid #a11919;
    background: #fdf0f0;
    padding: 0.75rem 1rem;
    border-radius: 4px;
  }
  figure {
    margin: 0;
  }
  figcaption {
    color: var(--mm-muted);
    font-size: 0.95rem;
    margin-top: 0.4rem;
  }
  .overdue {
    color: #7a4100;
  }
  .print-only {
    display: none;
  }
  /*
   * Printing gives a report: black on white, no controls, nothing split across a page. Closed
   * <details> are left out; the ones worth printing are opened by print-details.ts.
   */
  @media print {
    :host {
      --mm-ink: #000;
      --mm-muted: #222;
      --mm-accent: #000;
      --mm-line: #999;
      color: #000;
    }
    .print-only {
      display: block;
    }
    .no-print,
    button:not(.area-button),
    select,
    input,
    fieldset {
      display: none !important;
    }
    a {
      color: inherit;
      text-decoration: none;
    }
    .panel {
      border-color: #999;
      background: #fff;
      break-inside: avoid;
    }
    figure,
    tr,
    .provenance-block {
      break-inside: avoid;
    }
    h1,
    h2,
    h3 {
      break-after: avoid;
    }
    details:not([open]) {
      display: none;
    }
    details.table-alt > summary {
      display: none;
    }
    details > summary {
      color: inherit;
      list-style: none;
    }
  }
`;

/** The provenance list under a chart: small, two columns, and printed with the chart it belongs to. */
export const provenanceStyles = css`
  .provenance-block {
    margin-top: 0.75rem;
    padding-top: 0.5rem;
    border-top: 1px solid var(--mm-line);
    font-size: 0.85rem;
  }
  .provenance-block h3 {
    font-size: 0.9rem;
    margin: 0 0 0.25rem;
  }
  .provenance-block dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.1rem 0.75rem;
    margin: 0;
  }
  .provenance-block dt {
    font-weight: 600;
  }
  .provenance-block dd {
    margin: 0;
  }
`;

/** Detail pages: sections apart, and label–value lists in two aligned columns. */
export const detailStyles = css`
  section {
    margin-top: 1rem;
  }
  dl {
    display: grid;
    grid-template-columns: minmax(0, max-content) minmax(0, 1fr);
    gap: 0.25rem 1rem;
    margin: 0;
  }
  dt {
    font-weight: 600;
  }
  /* Long labels and values (a coordinate pair, an id) wrap rather than widen a phone's page. */
  dt,
  dd {
    overflow-wrap: anywhere;
  }
  dd {
    margin: 0;
  }
`;
