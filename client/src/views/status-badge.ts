/**
 * `<mm-status-badge>`: the status word with its own shape, so the status reads without colour
 * (WCAG 1.4.1); the colour only repeats what the word and shape already say.
 */
import { LitElement, css, html } from "lit";
import type { StatusCode } from "../../../src/ground/contract/contract.ts";
import { LangController, t } from "../i18n.ts";
import { statusColours } from "../status-colours.ts";

const shapes: Record<StatusCode, string> = {
  achieved: "✓",
  "on-track": "▲",
  "at-risk": "!",
  "off-track": "✕",
  "no-data": "–",
};

export class StatusBadge extends LitElement {
  static override properties = { code: {} };
  declare code: StatusCode;

  static override styles = [
    css`
      :host {
        display: inline-block;
      }
      .badge {
        display: inline-flex;
        align-items: center;
        gap: 0.35em;
        padding: 0.1rem 0.6rem 0.1rem 0.45rem;
        border-radius: 999px;
        border: 1px solid currentColor;
        font-weight: 600;
        font-size: 0.9rem;
        white-space: nowrap;
        /* The glyph is white on the status colour: without this, paper would get a white glyph on white. */
        print-color-adjust: exact;
        -webkit-print-color-adjust: exact;
      }
      .shape {
        display: inline-grid;
        place-items: center;
        width: 1.2em;
        height: 1.2em;
        border-radius: 50%;
        background: currentColor;
      }
      .shape > b {
        color: #fff;
        font-size: 0.8em;
        line-height: 1;
      }
    `,
    statusColours,
  ];

  constructor() {
    super();
    new LangController(this);
    this.code = "no-data";
  }

  protected override render() {
    return html`<span class="badge" data-status=${this.code} data-testid="status-badge"
      ><span class="shape" aria-hidden="true"><b>${shapes[this.code]}</b></span
      >${t(`status.${this.code}`)}</span
    >`;
  }
}

customElements.define("mm-status-badge", StatusBadge);

declare global {
  interface HTMLElementTagNameMap {
    "mm-status-badge": StatusBadge;
  }
}
