/**
 * `<mm-indicator-areas>`: an indicator per wijk or buurt — level switch, period choice, the
 * choropleth (by value or by status against the area target) and the ranking. Level, period and the
 * chosen area come from the URL, and a change is announced as `mm-view-state` for the page to put in
 * the URL; only the map's colouring is the component's own. A chosen area links to its profile.
 */
import { Task } from "@lit/task";
import { LitElement, css, html, unsafeCSS } from "lit";
import type { AreaLevel, IndicatorSummary, Role } from "../../../src/ground/contract/contract.ts";
import type { AreaValue, AreaValues } from "../../../src/ground/contract/contract-areas.ts";
import { api } from "../api-client.ts";
import { loadBoundaries, type AreaFeatureCollection } from "../area-boundaries.ts";
import "../chart-frame.ts";
import { choropleth, noDataFill } from "../charts/choropleth.ts";
import { colourByOptions, comparedValue, comparisonFor, type ColourBy } from "../area-figures.ts";
import { LangController, lang, pick, t } from "../i18n.ts";
import { hrefFor, type IndicatorViewState } from "../routes.ts";
import { baseStyles, provenanceStyles } from "../styles.ts";
import { renderRanking } from "./area-ranking.ts";
import { renderFailure, renderLoading } from "./failure-message.ts";
import { renderProvenanceBlock } from "./provenance-block.ts";

export type ViewStateEvent = CustomEvent<IndicatorViewState>;

/** The map levels an indicator can be shown at: none for a municipality-only indicator. */
export function mapLevels(lowest: AreaLevel): AreaLevel[] {
  if (lowest === "buurt") return ["wijk", "buurt"];
  if (lowest === "wijk") return ["wijk"];
  return [];
}

interface AreaData {
  values: AreaValues;
  boundaries: AreaFeatureCollection | null;
}

async function loadAreas(id: string, level: AreaLevel, period: string | null, signal: AbortSignal): Promise<AreaData> {
  const [values, boundaries] = await Promise.all([
    // The period comes from the permalink as text; the API takes a year (and says so for anything else).
    api.get("GET /api/v1/indicators/:id/areas", { path: { id }, query: { level, period: period ? Number(period) : undefined }, signal }),
    // Without boundaries the ranking still stands on its own.
    loadBoundaries(level).then((collection) => (collection.features.length > 0 ? collection : null)),
  ]);
  return { values, boundaries };
}

/** One sentence for the map: the range over the areas (rates for counts), and how many were withheld. */
function mapSummary(values: AreaValues): string {
  const { areas, level, period } = values;
  const compare = comparisonFor(values, lang());
  const levels = t(`map.levels.${level}`);
  const known = areas
    .map((area) => ({ area, value: comparedValue(area, compare.rated) }))
    .filter((entry): entry is { area: AreaValue; value: number } => entry.value !== null)
    .sort((a, b) => a.value - b.value);
  const low = known[0];
  const high = known[known.length - 1];
  const suppressed = areas.filter((area) => area.suppressed).length;
  const range =
    low && high
      ? t("map.summary", {
          count: known.length,
          levels,
          period: period ?? "–",
          min: compare.format(low.value),
          minName: low.area.areaName,
          max: compare.format(high.value),
          maxName: high.area.areaName,
          unit: compare.unit(),
        })
      : t("map.summaryNone", { period: period ?? "–" });
  return suppressed > 0 ? `${range} ${t("map.summarySuppressed", { count: suppressed, levels })}` : range;
}

export class IndicatorAreas extends LitElement {
  static override properties = {
    indicator: { attribute: false },
    level: {},
    period: {},
    area: {},
    userRole: {},
    colourBy: { state: true },
  };
  declare indicator: IndicatorSummary | null;
  declare level: AreaLevel;
  declare period: string | null;
  declare area: string | null;
  declare userRole: Role;
  declare colourBy: ColourBy;

  static override styles = [
    baseStyles,
    provenanceStyles,
    css`
      .controls {
        display: flex;
        flex-wrap: wrap;
        gap: 0.75rem 2rem;
        align-items: end;
        margin-bottom: 0.75rem;
      }
      fieldset {
        border: 1px solid var(--mm-line);
        border-radius: 6px;
        padding: 0.25rem 0.75rem 0.5rem;
        margin: 0;
      }
      fieldset label {
        margin-right: 1rem;
      }
      select {
        font: inherit;
        margin-left: 0.5rem;
        padding: 0.2rem 0.4rem;
      }
      .grid {
        display: grid;
        gap: 1.5rem;
        grid-template-columns: minmax(0, 1fr);
        align-items: start;
      }
      @media (min-width: 64rem) {
        .grid {
          grid-template-columns: minmax(0, 2fr) minmax(0, 3fr);
        }
      }
      table[data-testid="ranking"] {
        font-size: 0.9rem;
      }
      table[data-testid="ranking"] td.num {
        white-space: nowrap;
      }
      ul.legend {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1.25rem;
        list-style: none;
        padding: 0;
        margin: 0.5rem 0 0;
        font-size: 0.9rem;
      }
      .swatch {
        display: inline-block;
        width: 1.1em;
        height: 1.1em;
        vertical-align: -0.2em;
        margin-right: 0.35em;
        border: 1px solid #9aa5a8;
        print-color-adjust: exact;
        -webkit-print-color-adjust: exact;
      }
      .swatch.suppressed {
        background: repeating-linear-gradient(45deg, #4d5b60 0 1.6px, #e4e4e4 1.6px 4.2px);
      }
      .swatch.missing {
        background: ${unsafeCSS(noDataFill)};
      }
      .swatch.selected {
        border: 3px solid var(--mm-ink);
      }
      button.area-button {
        background: none;
        border: 0;
        padding: 0;
        color: var(--mm-accent);
        text-decoration: underline;
        text-align: left;
        font-weight: 600;
      }
      button.area-button[aria-pressed="true"] {
        color: var(--mm-ink);
        text-decoration-thickness: 3px;
      }
      a.profile-link {
        margin-left: 0.5rem;
        font-size: 0.85rem;
        font-weight: normal;
      }
      .tag {
        display: inline-block;
        margin-left: 0.35rem;
        padding: 0 0.4rem;
        border: 1px solid var(--mm-muted);
        border-radius: 4px;
        font-size: 0.75rem;
        font-weight: normal;
        white-space: nowrap;
      }
      .map-selection {
        margin: 0.5rem 0 0;
      }
      .shown {
        margin-left: 0.35rem;
        font-size: 0.85rem;
        font-weight: normal;
      }
      @media print {
        button.area-button {
          color: #000;
          text-decoration: none;
        }
        .grid {
          grid-template-columns: minmax(0, 1fr);
        }
      }
    `,
  ];

  #data = new Task(this, {
    args: () => [this.indicator?.id, this.level, this.period] as const,
    task: async ([id, level, period], { signal }) => (id === undefined ? null : loadAreas(id, level, period, signal)),
  });

  constructor() {
    super();
    new LangController(this);
    this.indicator = null;
    this.level = "wijk";
    this.period = null;
    this.area = null;
    this.userRole = "policy";
    this.colourBy = "value";
  }

  #announce(state: IndicatorViewState) {
    this.dispatchEvent(new CustomEvent<IndicatorViewState>("mm-view-state", { detail: state, bubbles: true, composed: true }));
  }

  /** Choosing the chosen area again puts it away: the buttons are toggles. */
  #select = (code: string) => this.#announce({ area: code === this.area ? undefined : code });

  protected override render() {
    const indicator = this.indicator;
    if (!indicator) return null;
    const levels = mapLevels(indicator.lowestLevel);
    return html`<section class="panel" aria-labelledby="areas-title" data-testid="areas">
      <h2 id="areas-title">${t("map.title")}</h2>
      ${
        levels.length === 0
          ? html`<p data-testid="no-map">${t("map.noMap")}</p>`
          : html`${this.#renderControls(levels)}
            ${this.#data.render({
              pending: renderLoading,
              error: (error) => renderFailure(error, this.userRole, () => void this.#data.run()),
              complete: (data) => (data ? this.#renderAreas(data) : null),
            })}`
      }
    </section>`;
  }

  /** Drawn from the last loaded values while the next load runs, so a control keeps its focus. */
  #renderControls(levels: readonly AreaLevel[]) {
    const periods = this.#data.value?.values.periods ?? [];
    const shown = this.#data.value?.values.period ?? this.period;
    return html`<div class="controls no-print">
      ${
        levels.length > 1
          ? html`<fieldset data-testid="level-switch">
              <legend>${t("map.level")}</legend>
              ${levels.map(
                (level) =>
                  html`<label
                    ><input type="radio" name="level" value=${level} .checked=${level === this.level} @change=${() => this.#announce({ level })} />
                    ${t(`map.level.${level}`)}</label
                  >`,
              )}
            </fieldset>`
          : null
      }
      ${this.#renderColourBy()}
      ${
        periods.length > 0
          ? html`<label
              >${t("map.period")}
              <select data-testid="period-select" @change=${(event: Event) => this.#announce({ period: (event.target as HTMLSelectElement).value })}>
                ${[...periods].reverse().map((period) => html`<option value=${period} .selected=${period === shown}>${period}</option>`)}
              </select></label
            >`
          : null
      }
    </div>`;
  }

  /** Only offered when the areas have a status, i.e. the indicator has a target. */
  #renderColourBy() {
    const areas = this.#data.value?.values.areas ?? [];
    if (!areas.some((area) => area.status !== null)) return null;
    return html`<fieldset data-testid="colour-by">
      <legend>${t("map.colourBy")}</legend>
      ${colourByOptions.map(
        (option) =>
          html`<label
            ><input
              type="radio"
              name="colour-by"
              value=${option}
              .checked=${option === this.colourBy}
              @change=${() => {
                this.colourBy = option;
              }}
            />
            ${t(`map.colourBy.${option}`)}</label
          >`,
      )}
    </fieldset>`;
  }

  /** The chosen area (or the wijk whose buurten are outlined) with the way to its profile. */
  #renderSelection({ areas }: AreaValues) {
    const area = this.area;
    if (!area) return null;
    const name = areas.find((candidate) => candidate.areaCode === area)?.areaName ?? area;
    return html`<p class="map-selection" data-testid="map-selection">
      ${t("map.selectedArea", { name })} ·
      <a href=${hrefFor({ name: "area", code: area })} data-testid="map-profile-link">${t("map.openProfile", { name })}</a>
    </p>`;
  }

  #renderAreas({ values, boundaries }: AreaData) {
    if (values.period === null || values.areas.length === 0) return html`<p data-testid="areas-empty">${t("map.empty")}</p>`;
    const draw = (width: number) =>
      choropleth(boundaries!, values.areas, {
        width: Math.min(width, 640),
        unit: values.unit,
        lang: lang(),
        selected: this.area,
        onSelect: this.#select,
        rateLabel: values.rate ? pick(values.rate.label) : null,
        colourBy: this.colourBy,
      });
    return html`<p class="muted no-print">${t("map.hint")}</p>
      <div class="grid">
        ${
          boundaries
            ? html`<figure data-testid="choropleth" data-level=${values.level} data-colour-by=${this.colourBy}>
                <mm-chart-frame .draw=${draw} aria-hidden="true"></mm-chart-frame>
                ${this.#renderLegend(values)}
                <figcaption data-testid="map-summary">${mapSummary(values)} ${t("map.tableNote")}</figcaption>
                ${this.#renderSelection(values)}
              </figure>`
            : html`<p data-testid="no-boundaries">${mapSummary(values)} ${t("map.noBoundaries")}</p>`
        }
        <div>
          ${values.rate ? html`<p class="muted" data-testid="rate-note">${t("map.rateNote", { label: pick(values.rate.label) })}</p>` : null}
          ${boundaries ? null : this.#renderSelection(values)} ${renderRanking(values, { selected: this.area, onSelect: this.#select })}
          ${values.suppressionRule ? html`<p class="muted" data-testid="suppression-rule">${pick(values.suppressionRule)}</p>` : null}
        </div>
      </div>
      ${renderProvenanceBlock(values.provenance)}`;
  }

  /** What the map's colour scale doesn't say: suppressed, no data, chosen. */
  #renderLegend({ areas }: AreaValues) {
    const hasSuppressed = areas.some((area) => area.suppressed);
    const hasMissing = areas.some((area) => !area.suppressed && area.value === null);
    return html`<ul class="legend" data-testid="map-legend">
      ${hasSuppressed ? html`<li><span class="swatch suppressed"></span>${t("map.legendSuppressed")}</li>` : null}
      ${hasMissing ? html`<li><span class="swatch missing"></span>${t("map.legendNoData")}</li>` : null}
      ${this.area ? html`<li><span class="swatch selected"></span>${t("map.legendSelected")}</li>` : null}
    </ul>`;
  }
}

customElements.define("mm-indicator-areas", IndicatorAreas);

declare global {
  interface HTMLElementTagNameMap {
    "mm-indicator-areas": IndicatorAreas;
  }
  interface HTMLElementEventMap {
    "mm-view-state": ViewStateEvent;
  }
}
