/**
 * `<mm-indicator-chart>`: the municipality's series with the path to the target, the forecast band
 * and the norms; a chosen area's series beside it (or, for air quality, the stations). A sentence, a
 * table and the provenance go with it.
 */
import { Task } from "@lit/task";
import { LitElement, css, html } from "lit";
import type { IndicatorSummary, Role, Series, SeriesPoint, Target } from "../../../src/ground/contract/contract.ts";
import { ApiError } from "../api.ts";
import { api } from "../api-client.ts";
import "../chart-frame.ts";
import { trendChart, trendSummary } from "../charts/trend.ts";
import { describeError } from "../error-text.ts";
import { formatUnit, formatValue } from "../format.ts";
import { LangController, lang, pick, t } from "../i18n.ts";
import { baseStyles, provenanceStyles } from "../styles.ts";
import { renderExportLinks } from "./export-links.ts";
import { renderFailure, renderLoading } from "./failure-message.ts";
import { renderProvenanceBlock } from "./provenance-block.ts";
import { renderSeriesTable } from "./series-table.ts";
import { renderTableWrap } from "./table-wrap.ts";
import { renderTrendKey, trendKeyStyles } from "./trend-key.ts";
import { annotationListStyles, NotesChangedController, renderAnnotationList } from "./annotation-list.ts";

interface ChartData {
  city: Series;
  /** The chosen area's series, or why it could not be loaded. */
  area: Series | { failed: string } | null;
  stations: Series | null;
}

async function loadChartData(indicator: IndicatorSummary, area: string | null, signal: AbortSignal): Promise<ChartData> {
  const series = (query: { area?: string; by?: "breakdown" } = {}) =>
    api.get("GET /api/v1/indicators/:id/series", { path: { id: indicator.id }, query, signal });
  const [city, areaSeries, stations] = await Promise.all([
    series(),
    area === null
      ? null
      : series({ area }).catch((error: unknown) => {
          // A bad area in a permalink (400, 404) still leaves the city's chart worth showing.
          if (error instanceof ApiError && (error.status === 400 || error.status === 404)) return { failed: describeError(error) };
          throw error;
        }),
    // Stations only while no area is chosen: one comparison at a time keeps the chart readable.
    indicator.breakdown === "stations" && area === null
      ? series({ by: "breakdown" }).catch((error: unknown) => {
          if (error instanceof ApiError && error.status === 403) return null;
          throw error;
        })
      : null,
  ]);
  return { city, area: areaSeries, stations };
}

/** The plan's straight path from baseline to target, read at one year. */
function trajectoryAt(target: Target, year: number): number {
  const span = target.deadline - target.baselineYear;
  if (span <= 0) return target.value;
  return target.baselineValue + ((target.value - target.baselineValue) * (year - target.baselineYear)) / span;
}

export class IndicatorChart extends LitElement {
  static override properties = {
    indicator: { attribute: false },
    area: {},
    userRole: {},
  };
  declare indicator: IndicatorSummary | null;
  declare area: string | null;
  declare userRole: Role;

  static override styles = [
    baseStyles,
    provenanceStyles,
    trendKeyStyles,
    annotationListStyles,
    css`
      .selected {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1rem;
        align-items: center;
      }
      .selected button {
        background: transparent;
        color: var(--mm-accent);
        padding: 0.15rem 0.6rem;
      }
      details {
        margin-top: 0.5rem;
      }
      details table {
        margin-bottom: 0.75rem;
      }
    `,
  ];

  #data = new Task(this, {
    args: () => [this.indicator, this.area] as const,
    task: ([indicator, area], { signal }) => (indicator ? loadChartData(indicator, area, signal) : null),
  });

  constructor() {
    super();
    new LangController(this);
    // A note added or deleted on this page (the analysts' form): the series, with its notes, again.
    new NotesChangedController(this, () => this.#data.run());
    this.indicator = null;
    this.area = null;
    this.userRole = "policy";
  }

  protected override render() {
    const indicator = this.indicator;
    if (!indicator) return null;
    return html`<section class="panel" aria-labelledby="chart-title" data-testid="indicator-chart">
      <h2 id="chart-title">${t("indicator.chartTitle")}</h2>
      ${this.#data.render({
        pending: renderLoading,
        error: (error) => renderFailure(error, this.userRole, () => void this.#data.run()),
        complete: (data) => (data ? this.#renderChart(indicator, data) : null),
      })}
    </section>`;
  }

  #renderChart(indicator: IndicatorSummary, { city, area, stations }: ChartData) {
    if (!city.points.some((point) => point.value !== null)) return html`<p data-testid="no-data">${t("indicator.noData")}</p>`;
    const language = lang();
    const areaSeries = area && "points" in area ? area : null;
    const cityCode = city.points[0]?.areaCode;
    const others = areaSeries?.points.filter((point) => point.areaCode !== cityCode) ?? stations?.points ?? [];
    const points: SeriesPoint[] = [...city.points, ...others];
    const draw = (width: number) =>
      trendChart(points, {
        width,
        unit: city.unit,
        target: indicator.target,
        norms: indicator.norms,
        forecast: indicator.status.forecastPath,
        lang: language,
        highlight: cityCode,
        height: 340,
        annotations: city.provenance.annotations,
      });
    const areaName = areaSeries?.points[0]?.areaName ?? this.area;

    return html`${
        this.area
          ? html`<p class="selected" data-testid="selected-area">
              <span>${t("indicator.selected", { name: areaName ?? "" })}</span>
              <button type="button" data-testid="clear-area" @click=${this.#clearArea}>${t("indicator.clearArea")}</button>
            </p>`
          : null
      }
      ${
        area && "failed" in area
          ? html`<p class="alert" role="alert" data-testid="area-error">${t("indicator.areaFailed", { area: this.area ?? "", message: area.failed })}</p>`
          : null
      }
      <figure data-testid="trend-chart" data-indicator=${indicator.id}>
        <mm-chart-frame .draw=${draw} aria-hidden="true"></mm-chart-frame>
        ${renderTrendKey({
          mainName: city.points[0]?.areaName ?? "",
          hasTarget: indicator.target !== null,
          hasForecast: indicator.status.forecastPath.length > 0,
          normIds: indicator.norms.map((norm) => norm.id),
        })}
        <figcaption data-testid="chart-summary">
          ${this.#summary(indicator, city, areaSeries)} ${stations && !areaSeries ? t("indicator.stationsNote") : null}
        </figcaption>
        ${renderAnnotationList(city.provenance.annotations)}
      </figure>
      <details class="table-alt" data-print="open">
        <summary>${t("chart.showTable")}</summary>
        ${renderSeriesTable(points, t("indicator.tableTitle"), city.unit)} ${this.#renderForecastTable(indicator)}
      </details>
      ${renderExportLinks((query) => api.url("GET /api/v1/indicators/:id/series", { path: { id: indicator.id }, query }))}
      ${renderProvenanceBlock(city.provenance)}`;
  }

  #clearArea = () => {
    this.dispatchEvent(new CustomEvent("mm-view-state", { detail: { area: undefined }, bubbles: true, composed: true }));
  };

  #summary(indicator: IndicatorSummary, city: Series, area: Series | null): string {
    const language = lang();
    const name = pick(indicator.name);
    const format = (value: number) => formatValue(value, city.unit, language);
    const cityCode = city.points[0]?.areaCode;
    const trend = trendSummary(city.points, { name, unit: city.unit, lang: language, highlight: cityCode });
    const forecast = indicator.status.forecast;
    const citySentence = forecast
      ? t("indicator.summaryForecast", {
          trend,
          year: forecast.year,
          value: format(forecast.value),
          low: format(forecast.low),
          high: format(forecast.high),
          unit: formatUnit(city.unit, language, forecast.value),
        })
      : t("indicator.summaryArea", { trend });
    const areaPoints = area?.points.filter((point) => point.areaCode !== cityCode) ?? [];
    const areaName = areaPoints[0]?.areaName;
    if (!areaName) return citySentence;
    const areaTrend = trendSummary(areaPoints, { name: `${name} (${areaName})`, unit: city.unit, lang: language });
    return `${citySentence} ${t("indicator.summaryArea", { trend: areaTrend })}`;
  }

  #renderForecastTable({ status, target, unit }: IndicatorSummary) {
    if (status.forecastPath.length === 0) return null;
    const format = (value: number) => formatValue(value, unit, lang());
    return renderTableWrap(
      t("indicator.forecastTable"),
      html`<table data-testid="forecast-table">
        <caption>
          ${t("indicator.forecastTable")}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t("indicator.year")}</th>
            <th scope="col" class="num">${t("indicator.forecastValue")}</th>
            <th scope="col" class="num">${t("indicator.forecastLow")}</th>
            <th scope="col" class="num">${t("indicator.forecastHigh")}</th>
            ${target ? html`<th scope="col" class="num">${t("indicator.trajectoryValue")}</th>` : null}
          </tr>
        </thead>
        <tbody>
          ${status.forecastPath.map(
            (point) =>
              html`<tr>
                <th scope="row">${point.year}</th>
                <td class="num">${format(point.value)}</td>
                <td class="num">${format(point.low)}</td>
                <td class="num">${format(point.high)}</td>
                ${target ? html`<td class="num">${format(trajectoryAt(target, point.year))}</td>` : null}
              </tr>`,
          )}
        </tbody>
      </table>`,
    );
  }
}

customElements.define("mm-indicator-chart", IndicatorChart);

declare global {
  interface HTMLElementTagNameMap {
    "mm-indicator-chart": IndicatorChart;
  }
}
