/**
 * `<mm-indicator indicator="no2-annual-mean" lang="nl">`: one public indicator of the Milieumonitor
 * on another site's page. Built on its own (vite.widget.config.ts) into `/widget/mm-indicator.js`,
 * with Lit and nothing else of the app: no Plot, no app catalogue, no fonts.
 *
 * @example
 * <script type="module" src="https://monitor.example.nl/widget/mm-indicator.js"></script>
 * <mm-indicator indicator="no2-annual-mean" lang="nl"></mm-indicator>
 */
import { Task } from "@lit/task";
import { LitElement, html, nothing } from "lit";
import type { PublicIndicator } from "../../../src/ground/contract/contract-public.ts";
import type { StatusCode } from "../../../src/ground/contract/contract.ts";
import { sparkline } from "../charts/sparkline.ts";
import { formatUnit, formatValue } from "../number-format.ts";
import { IndicatorUnavailable, loadPublicIndicator, monitorBase } from "./load-public-indicator.ts";
import { widgetText, type WidgetLang, type WidgetMessageKey } from "./widget-messages.ts";
import { widgetStyles } from "./widget-styles.ts";

/** The status has a shape and a word besides its colour (WCAG 1.4.1), as in the app's badge. */
const shapes: Record<StatusCode, string> = { achieved: "✓", "on-track": "▲", "at-risk": "!", "off-track": "✕", "no-data": "–" };

export class MmIndicator extends LitElement {
  static override properties = {
    indicator: {},
    language: { attribute: "lang" },
    src: {},
  };
  /** The indicator's id, e.g. "no2-annual-mean"; only indicators the policy plan marks public are shown. */
  declare indicator: string | null;
  /** "nl" (default) or "en", from the `lang` attribute. */
  declare language: string | null;
  /** The monitor's base URL; default: where this script was loaded from. */
  declare src: string | null;

  static override styles = widgetStyles;

  private readonly data = new Task(this, {
    args: () => [this.indicator, this.src] as const,
    task: async ([indicator, src], { signal }) => {
      if (!indicator) throw new IndicatorUnavailable("no indicator attribute");
      return loadPublicIndicator(monitorBase(src, import.meta.url), indicator, signal);
    },
  });

  constructor() {
    super();
    this.indicator = null;
    this.language = null;
    this.src = null;
  }

  private get chosenLang(): WidgetLang {
    return this.language === "en" ? "en" : "nl";
  }

  private text(key: WidgetMessageKey, values?: Record<string, string>) {
    return widgetText(this.chosenLang, key, values);
  }

  private number(value: number, unit: string) {
    return formatValue(value, unit, this.chosenLang);
  }

  protected override render() {
    const lang = this.chosenLang;
    return this.data.render({
      initial: () => html`<p class="state" lang=${lang} data-state="loading" role="status">${this.text("widget.loading")}</p>`,
      pending: () => html`<p class="state" lang=${lang} data-state="loading" role="status">${this.text("widget.loading")}</p>`,
      error: () => html`<p class="state" lang=${lang} data-state="error" role="status">${this.text("widget.unavailable")}</p>`,
      complete: (indicator) => this.renderIndicator(indicator),
    });
  }

  private renderIndicator(data: PublicIndicator) {
    const lang = this.chosenLang;
    const base = monitorBase(this.src, import.meta.url);
    const more = new URL(`#/indicators/${encodeURIComponent(data.id)}`, base).href;
    return html`<article lang=${lang} data-state="ready" aria-labelledby="name">
      <p class="name" id="name">${data.name[lang]} <span class="small">· ${data.municipality.name}</span></p>
      ${
        data.latest
          ? html`<p class="value" data-testid="latest">
              <span class="number">${this.number(data.latest.value, data.unit)}</span> <span>${formatUnit(data.unit, lang, data.latest.value)}</span>
              <span class="small">(${data.latest.period})</span>
            </p>`
          : html`<p class="value" data-state="no-data">${this.text("widget.noData")}</p>`
      }
      <div class="line">
        <span class="badge" data-status=${data.status.code} data-testid="status"
          ><span aria-hidden="true">${shapes[data.status.code]}</span>${this.text(`widget.status.${data.status.code}`)}</span
        >
        ${this.renderSparkline(data)}
      </div>
      <p class="small">${data.status.reason[lang]}</p>
      ${data.target ? html`<p>${this.text("widget.target", { label: data.target.label[lang] })}</p>` : nothing}
      <p class="small">${this.text("widget.source", { source: data.source, licence: data.licence })}</p>
      <p class="small"><a href=${more}>${this.text("widget.more")}</a></p>
    </article>`;
  }

  private renderSparkline({ recent, unit }: PublicIndicator) {
    if (!recent.some((point) => point.value !== null)) return nothing;
    const values = recent
      .map(
        ({ period, value, suppressed }) =>
          `${period} ${value !== null ? this.number(value, unit) : this.text(suppressed ? "widget.suppressed" : "widget.missing")}`,
      )
      .join("; ");
    const label = this.text("widget.trend", { from: recent[0]!.period, to: recent.at(-1)!.period, unit: formatUnit(unit, this.chosenLang), values });
    return sparkline(
      recent.map((point) => point.value),
      { label, width: 120, height: 32 },
    );
  }
}

// The script may be included twice (another URL, another version): the first definition stays.
if (!customElements.get("mm-indicator")) customElements.define("mm-indicator", MmIndicator);

declare global {
  interface HTMLElementTagNameMap {
    "mm-indicator": MmIndicator;
  }
}
