/**
 * `<mm-chart-frame>`: gives a pure chart function the width it can use and redraws when that width
 * or the function changes. Components own layout, chart functions own pixels.
 */
import { LitElement, css, html } from "lit";

export type DrawChart = (width: number) => Element;

export class ChartFrame extends LitElement {
  static override properties = {
    draw: { attribute: false },
    width: { state: true },
  };

  declare draw: DrawChart | null;
  declare width: number;

  static override styles = css`
    :host {
      display: block;
      min-height: 1px;
    }
    .plot {
      overflow-x: auto;
    }
    /* Plot wraps a chart with a legend in its own <figure>. */
    .plot figure {
      margin: 0;
    }
    .plot svg {
      max-width: 100%;
      height: auto;
    }
  `;

  #observer = new ResizeObserver((entries) => {
    const entry = entries[0];
    // Whole pixels only, so sub-pixel layout jitter doesn't redraw the chart in a loop.
    if (entry) this.width = Math.floor(entry.contentRect.width);
  });

  constructor() {
    super();
    this.draw = null;
    this.width = 0;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#observer.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#observer.disconnect();
  }

  protected override render() {
    return html`<div class="plot"></div>`;
  }

  protected override updated(): void {
    const container = this.renderRoot.querySelector(".plot");
    if (!container || !this.draw || this.width <= 0) return;
    container.replaceChildren(this.draw(this.width));
  }
}

customElements.define("mm-chart-frame", ChartFrame);

declare global {
  interface HTMLElementTagNameMap {
    "mm-chart-frame": ChartFrame;
  }
}
