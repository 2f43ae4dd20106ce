/**
 * `<mm-chart-frame>`: gives a pure chart function the width it can use and redraws when that width
 * or the function changes. Components own layout, chart functions own pixels. Charts draw one per
 * task, those near the screen first and the rest when the browser is idle (draw-queue.ts), so a
 * page's first paint isn't held up by its charts. Observable Plot itself loads after the first
 * paint of a page with a frame (charts/plot.ts); a frame draws once it has arrived.
 */
import { LitElement, css, html } from "lit";
import { loadPlot, plotLoaded } from "./charts/plot.ts";
import { queueDraw } from "./draw-queue.ts";

export type DrawChart = (width: number) => Element;

export class ChartFrame extends LitElement {
  static override properties = {
    draw: { attribute: false },
    width: { state: true },
    ready: { state: true },
  };

  declare draw: DrawChart | null;
  declare width: number;
  /** Near the screen, or its turn in the idle queue came: from then on it draws as soon as it can. */
  declare ready: boolean;

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

  #nearScreen = new IntersectionObserver(
    (entries) => {
      if (!entries.some((entry) => entry.isIntersecting)) return;
      this.#nearScreen.disconnect();
      this.#leaveQueue?.();
      this.#leaveQueue = queueDraw(() => this.#markReady(), "soon");
    },
    { rootMargin: "200px 0px" },
  );
  #leaveQueue: (() => void) | null = null;

  constructor() {
    super();
    this.draw = null;
    this.width = 0;
    this.ready = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#observer.observe(this);
    this.#loadPlot();
    if (this.ready) return;
    this.#nearScreen.observe(this);
    this.#leaveQueue = queueDraw(() => this.#markReady(), "idle");
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#observer.disconnect();
    this.#nearScreen.disconnect();
    this.#leaveQueue?.();
    this.#leaveQueue = null;
  }

  #markReady(): void {
    this.ready = true;
    this.#nearScreen.disconnect();
    this.#leaveQueue?.();
    this.#leaveQueue = null;
  }

  protected override render() {
    return html`<div class="plot"></div>`;
  }

  /**
   * Plot is asked for once the frame that shows the page's text is painted (it is no part of the
   * first screen), once for all frames; each frame draws (again) when it has arrived.
   */
  #loadPlot(): void {
    if (plotLoaded()) return;
    requestAnimationFrame(() =>
      setTimeout(() =>
        loadPlot().then(
          () => this.requestUpdate(),
          // The chart stays empty (its text alternative beside it still says what it shows); the
          // next frame to connect, or this one reconnecting, tries again.
          (error: unknown) => console.error("Observable Plot did not load", error),
        ),
      ),
    );
  }

  protected override updated(): void {
    const container = this.renderRoot.querySelector(".plot");
    if (!container || !this.draw || !this.ready || this.width <= 0 || !plotLoaded()) return;
    container.replaceChildren(this.draw(this.width));
  }
}

customElements.define("mm-chart-frame", ChartFrame);

declare global {
  interface HTMLElementTagNameMap {
    "mm-chart-frame": ChartFrame;
  }
}
