/**
 * The status colours, one pair per status code on `[data-status]`, shared by the app's
 * `<mm-status-badge>` and the `<mm-indicator>` widget. Only lit's `css` here, so the widget bundle
 * takes nothing else of the app (no catalogue). Listed after each component's own rules.
 */
import { css } from "lit";

export const statusColours = css`
  [data-status="achieved"] {
    color: #1b5e20;
    background: #e6f3e7;
  }
  [data-status="on-track"] {
    color: #0d4a8f;
    background: #e7f0fa;
  }
  [data-status="at-risk"] {
    color: #7a4100;
    background: #fff3df;
  }
  [data-status="off-track"] {
    color: #a11919;
    background: #fdeaea;
  }
  [data-status="no-data"] {
    color: #4d5b60;
    background: #eef1f1;
  }
`;
