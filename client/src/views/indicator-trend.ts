/**
 * `<mm-indicator-trend>`: the city-wide trend of one indicator with its path to the target and its
 * forecast, loaded on its own so a slow or failing series doesn't hold up the cards beside it.
 */
import { Task } from "@lit/task";
import { LitElement, css, html } from "lit";
import type { IndicatorSummary, Role } from "../../../src/ground/contract/contract.ts";
import { api } from "../api-client.ts";
import "../chart-frame.ts";
import { trendChart, trendSummary } from "../charts/trend.ts";
import { LangController, lang, pick, t } from "../i18n.ts";
import { baseStyles } from "../styles.ts";
import { renderFailure, renderLoading } from "./failure-message.ts";
import { renderSeriesTable } from "./series-table.ts";
import { renderTrendKey, trendKeyStyles } from "./trend-key.ts";
import { annotationListStyles, NotesChangedController, renderAnnotationList } from "./annotation-list.ts";

export class IndicatorTrend extends LitElement {
  static override properties = {
    indicator: { attribute: false },
    userRole: {},
  };
  declare indicator: IndicatorSummary | null;
  declare userRole: Role;

  static override styles = [
    baseStyles,
    trendKeyStyles,
    annotationListStyles,
    css`
      h4 {
        margin: 0 0 0.5rem;
        font-size: 1rem;
      }
      figure {
        display: grid;
        gap: 0.5rem;
      }
      details {
        margin-top: 0.5rem;
      }
    `,
  ];

  #series = new Task(this, {
    args: () => [this.indicator?.id] as const,
    task: async ([id], { signal }) => {
      if (id === undefined) return null;
      return api.get("GET /api/v1/indicators/:id/series", { path: { id }, signal });
    },
  });

  constructor() {
    super();
    new LangController(this);
    // A note added or deleted elsewhere on the page: the series (with the notes in its provenance) again.
    new NotesChangedController(this, () => this.#series.run());
    this.indicator = null;
    this.userRole = "policy";
  }

  protected override render() {
    const indicator = this.indicator;
    if (!indicator) return null;
    const name = pick(indicator.name);
    return html`<section class="panel" aria-label=${name}>
      <h4>${name}</h4>
      ${this.#series.render({
        pending: renderLoading,
        error: (error) => renderFailure(error, this.userRole, () => void this.#series.run()),
        complete: (series) => {
          if (!series) return null;
          const language = lang();
          const summary = trendSummary(series.points, { name, unit: series.unit, lang: language });
          const draw = (width: number) =>
            trendChart(series.points, {
              width,
              unit: series.unit,
              target: indicator.target,
              norms: indicator.norms,
              forecast: indicator.status.forecastPath,
              lang: language,
              annotations: series.provenance.annotations,
            });
          return html`<figure data-testid="trend-chart" data-indicator=${indicator.id}>
              <mm-chart-frame .draw=${draw} aria-hidden="true"></mm-chart-frame>
              ${renderTrendKey({
                mainName: series.points[0]?.areaName ?? "",
                hasTarget: indicator.target !== null,
                hasForecast: indicator.status.forecastPath.length > 0,
                normIds: indicator.norms.map((norm) => norm.id),
              })}
              <figcaption data-testid="chart-summary">${summary}</figcaption>
              ${renderAnnotationList(series.provenance.annotations)}
            </figure>
            <details class="table-alt">
              <summary>${t("chart.showTable")}</summary>
              ${renderSeriesTable(series.points, name, series.unit)}
            </details>`;
        },
      })}
    </section>`;
  }
}

customElements.define("mm-indicator-trend", IndicatorTrend);

declare global {
  interface HTMLElementTagNameMap {
    "mm-indicator-trend": IndicatorTrend;
  }
}
