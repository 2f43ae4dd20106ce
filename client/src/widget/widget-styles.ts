/** The widget's look: plain, readable on any site, in the host page's font; no external fonts. */
import { css } from "lit";
import { statusColours } from "../status-colours.ts";

export const widgetStyles = [
  css`
    :host {
      display: block;
      max-width: 22rem;
      color: #1d2a2f;
      font: inherit;
      line-height: 1.4;
    }
    article,
    .state {
      border: 1px solid #c9d3d6;
      border-radius: 0.5rem;
      padding: 0.75rem 1rem;
      background: #fff;
    }
    p {
      margin: 0 0 0.35rem;
    }
    .name {
      font-weight: 700;
      font-size: 1.05em;
    }
    .value {
      display: flex;
      align-items: baseline;
      flex-wrap: wrap;
      gap: 0.3em;
    }
    .number {
      font-size: 1.8em;
      font-weight: 700;
      font-variant-numeric: tabular-nums;
    }
    .line {
      display: flex;
      align-items: center;
      gap: 0.75rem;
      flex-wrap: wrap;
    }
    .badge {
      display: inline-flex;
      align-items: center;
      gap: 0.35em;
      padding: 0.05rem 0.55rem;
      border-radius: 999px;
      border: 1px solid currentColor;
      font-weight: 600;
      font-size: 0.9em;
    }
    .sparkline {
      color: #0d4a8f;
    }
    .small {
      font-size: 0.85em;
      color: #4d5b60;
    }
    a {
      color: #0d4a8f;
    }
    a:focus-visible {
      outline: 2px solid #0d4a8f;
      outline-offset: 2px;
    }
  `,
  statusColours,
];
