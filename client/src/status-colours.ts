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

/**
 * The same statuses as map fills (the map colours by status): mid tones of the badge colours, light
 * enough for the area borders and the selection outline to show. "no-data" is the map's pale grey.
 */
export const statusFills = {
  achieved: "#6aa96f",
  "on-track": "#6f9fd8",
  "at-risk": "#f2b35b",
  "off-track": "#d9534f",
  "no-data": "#f1f3f3",
} as const;
