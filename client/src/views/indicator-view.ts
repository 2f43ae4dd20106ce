/**
 * `<mm-indicator-view indicator-id=…>`: one indicator in depth — status card, the trend per
 * station with the municipal line emphasized, the values as a table and as CSV.
 */
import { Task } from "@lit/task";
import { LitElement, css, html } from "lit";
import type { IndicatorSummary, Role, Series } from "../../../server/api/contract.ts";
import { ApiError, fetchJson } from "../api.ts";
import "../chart-frame.ts";
import { trendChart, trendSummary } from "../charts/trend.ts";
import { formatNumber } from "../format.ts";
import { LangController, lang, pick, t } from "../i18n.ts";
import { hrefFor } from "../routes.ts";
import { baseStyles } from "../styles.ts";
import { renderFailure, renderLoading } from "./failure-message.ts";
import "./indicator-card.ts";
import { renderSeriesTable } from "./series-table.ts";

interface IndicatorData {
  indicator: IndicatorSummary;
  city: Series;
  stations: Series | null;
}

async function loadIndicator(id: string, signal: AbortSignal): Promise<IndicatorData> {
  const base = `/api/v1/indicators/${encodeURIComponent(id)}`;
  const [indicator, city, stations] = await Promise.all([
    fetchJson<IndicatorSummary>(base, { signal }),
    fetchJson<Series>(`${base}/series`, { signal }),
    fetchJson<Series>(`${base}/series?by=breakdown`, { signal }).catch((error: unknown) => {
      // Register-based indicators (waste, energy) have no stations (400), and a role may be refused
      // station detail (403) while still allowed the municipal series: either way, draw the city only.
      if (error instanceof ApiError && (error.status === 400 || error.status === 403)) return null;
      throw error;
    }),
  ]);
  return { indicator, city, stations };
}

export class IndicatorView extends LitElement {
  static override properties = {
    indicatorId: { attribute: "indicator-id" },
    role: {},
  };
  declare indicatorId: string;
  declare role: Role;

  static override styles = [
    baseStyles,
    css`
      .layout {
        display: grid;
        gap: 1rem;
        grid-template-columns: minmax(0, 1fr);
        align-items: start;
      }
      @media (min-width: 60rem) {
        .layout {
          grid-template-columns: 22rem minmax(0, 1fr);
        }
      }
      .description {
        max-width: 60rem;
      }
      .norms-panel {
        margin-top: 1rem;
      }
      ul.norms {
        margin: 0.25rem 0 0;
        padding-left: 1.2rem;
      }
      .actions {
        margin-top: 1rem;
      }
    `,
  ];

  #data = new Task(this, {
    args: () => [this.indicatorId] as const,
    task: ([id], { signal }) => loadIndicator(id, signal),
  });

  constructor() {
    super();
    new LangController(this);
    this.indicatorId = "";
    this.role = "policy";
  }

  protected override render() {
    return html`<p><a href=${hrefFor({ name: "themes" })}>← ${t("nav.themes")}</a></p>
      ${this.#data.render({
        pending: renderLoading,
        error: (error) => renderFailure(error, this.role, () => void this.#data.run()),
        complete: (data) => this.#renderIndicator(data),
      })}`;
  }

  #renderIndicator({ indicator, city, stations }: IndicatorData) {
    const language = lang();
    const name = pick(indicator.name);
    const cityCode = city.points[0]?.areaCode;
    const points = [...city.points, ...(stations?.points ?? [])];
    const areaCount = new Set(points.map((p) => p.areaCode)).size;
    const draw = (width: number) =>
      trendChart(points, {
        width,
        unit: city.unit,
        target: indicator.target,
        norms: indicator.norms,
        lang: language,
        highlight: cityCode,
        height: 340,
      });
    const csvHref = `/api/v1/indicators/${encodeURIComponent(indicator.id)}/series?format=csv`;

    return html`<h1>${name}</h1>
      <p class="description">${pick(indicator.description)}</p>
      <div class="layout">
        <div>
          <mm-indicator-card .indicator=${indicator}></mm-indicator-card>
          ${indicator.norms.length > 0
            ? html`<div class="panel norms-panel">
                <h2>${t("indicator.norms")}</h2>
                <ul class="norms">
                  ${indicator.norms.map(
                    (norm) => html`<li>${pick(norm.label)}: ${formatNumber(norm.value, language)} ${indicator.unit}</li>`,
                  )}
                </ul>
              </div>`
            : null}
        </div>
        <section class="panel" aria-label=${t("indicator.details", { name })}>
          <figure data-testid="trend-chart" data-indicator=${indicator.id}>
            <mm-chart-frame .draw=${draw} aria-hidden="true"></mm-chart-frame>
            <figcaption data-testid="chart-summary">
              ${trendSummary(points, { name, unit: city.unit, lang: language, highlight: cityCode })}.
              ${stations ? t("indicator.stationsNote") : null} ${t("chart.areas", { count: areaCount })}
            </figcaption>
          </figure>
          <p class="actions">
            <a href=${csvHref} download data-testid="csv-download">${t("indicator.download")}</a>
          </p>
          ${renderSeriesTable(points, t("indicator.tableTitle"), city.unit)}
        </section>
      </div>`;
  }
}

customElements.define("mm-indicator-view", IndicatorView);

declare global {
  interface HTMLElementTagNameMap {
    "mm-indicator-view": IndicatorView;
  }
}
