/**
 * `<mm-station-detail number=…>`: one monitoring station — the last hourly values per pollutant
 * against the EU 24-hour values, and the days per year above them; the notes on the station's data on
 * the chart and below it (the analysts' form to add them), and a "Vraag stellen" button.
 */
import { Task } from "@lit/task";
import { LitElement, css, html } from "lit";
import type { Role, StationDetail } from "../../../src/ground/contract/contract.ts";
import { api } from "../api-client.ts";
import "../chart-frame.ts";
import { dailyMeans, hourlyChart, hourlySummary, type FormulaNorm } from "../charts/hourly.ts";
import { formatDateTime, formatFormula, formatNumber, formatStationType, formatValue } from "../format.ts";
import { LangController, lang, t } from "../i18n.ts";
import { hrefFor, mayViewStations } from "../routes.ts";
import { baseStyles, detailStyles } from "../styles.ts";
import { renderExceedanceTable } from "./exceedance-table.ts";
import { renderFailure, renderLoading } from "./failure-message.ts";
import { annotationListStyles, NotesChangedController, renderAnnotationList } from "./annotation-list.ts";
import "./annotation-editor.ts";
import "./ask-question.ts";

/** The exceedance rows name the 24-hour norm of each pollutant; those are the rules to draw. */
function normsOf(detail: StationDetail): FormulaNorm[] {
  const seen = new Map<string, FormulaNorm>();
  for (const { formula, norm } of detail.exceedances) seen.set(`${formula}\u0000${norm.id}`, { formula, norm });
  return [...seen.values()];
}

export class StationDetailView extends LitElement {
  static override properties = { number: {}, userRole: {} };
  declare number: string;
  declare userRole: Role;

  static override styles = [
    baseStyles,
    detailStyles,
    annotationListStyles,
    css`
      figcaption ul {
        margin: 0;
        padding-left: 1.2rem;
      }
    `,
  ];

  #detail = new Task(this, {
    args: () => [this.number] as const,
    task: ([number], { signal }) => api.get("GET /api/v1/stations/:number", { path: { number }, signal }),
  });

  /** The station's notes; a failure to read them leaves the chart without them rather than failing the page. */
  #notes = new Task(this, {
    args: () => [this.number] as const,
    task: async ([number], { signal }) => (number ? (await api.get("GET /api/v1/annotations", { query: { station: number }, signal })).annotations : []),
  });

  constructor() {
    super();
    new LangController(this);
    // A note added or deleted on the page: load again.
    new NotesChangedController(this, () => this.#notes.run());
    this.number = "";
    this.userRole = "permit";
  }

  protected override render() {
    const back = mayViewStations(this.userRole) ? html`<p><a href=${hrefFor({ name: "stations" })}>← ${t("station.back")}</a></p>` : null;
    return html`${back}
    ${this.#detail.render({
      pending: renderLoading,
      error: (error) => renderFailure(error, this.userRole, () => void this.#detail.run()),
      complete: (detail) => this.#renderDetail(detail),
    })}`;
  }

  #renderDetail(detail: StationDetail) {
    const language = lang();
    const { station, hourly } = detail;
    const norms = normsOf(detail);
    const notes = this.#notes.value ?? [];
    const draw = (width: number) => hourlyChart(hourly, { width, norms, lang: language, annotations: notes });
    const daily = dailyMeans(hourly, language);
    const coordinate = (value: number) => formatNumber(value, language, { digits: 5 });

    return html`<h1>${t("station.title", { name: station.name })}</h1>
      <div class="panel">
        <dl data-testid="station-identity">
          <dt>${t("stations.number")}</dt>
          <dd>${station.number}</dd>
          <dt>${t("stations.type")}</dt>
          <dd>${formatStationType(station.type)}</dd>
          <dt>${t("station.location")}</dt>
          <dd>${coordinate(station.lat)}, ${coordinate(station.lon)}</dd>
          <dt>${t("stations.components")}</dt>
          <dd>${station.components.map((c) => formatFormula(c, language)).join(", ")}</dd>
        </dl>
        <mm-ask-question .subject=${{ kind: "station", station: station.number }} label=${station.name}></mm-ask-question>
      </div>
      <section class="panel" aria-labelledby="hourly-title">
        <h2 id="hourly-title">${t("station.window", { from: formatDateTime(detail.from, language), to: formatDateTime(detail.to, language) })}</h2>
        ${
          hourly.length === 0
            ? html`<p data-testid="hourly-chart">${t("station.noHourly")}</p>`
            : html`<figure data-testid="hourly-chart">
                  <mm-chart-frame .draw=${draw} aria-hidden="true"></mm-chart-frame>
                  <figcaption data-testid="chart-summary">
                    <ul>
                      ${hourlySummary(hourly, language).map((line) => html`<li>${line}</li>`)}
                    </ul>
                  </figcaption>
                  ${renderAnnotationList(notes)}
                </figure>
                <details>
                  <summary>${t("chart.showTable")}</summary>
                  <div class="table-wrap">
                    <table data-testid="daily-table">
                      <caption>
                        ${t("station.dailyTable")}
                      </caption>
                      <thead>
                        <tr>
                          <th scope="col">${t("station.day")}</th>
                          ${daily.formulas.map((f) => html`<th scope="col" class="num">${formatFormula(f, language)}</th>`)}
                        </tr>
                      </thead>
                      <tbody>
                        ${daily.days.map(
                          (day) =>
                            html`<tr>
                              <th scope="row">${day.label}</th>
                              ${daily.formulas.map((f) => {
                                const mean = day.means.get(f);
                                return html`<td class="num">${mean === undefined ? "–" : formatValue(mean, "µg/m³", language)}</td>`;
                              })}
                            </tr>`,
                        )}
                      </tbody>
                    </table>
                  </div>
                </details>`
        }
      </section>
      <section class="panel" aria-labelledby="exceed-title">
        <h2 id="exceed-title">${t("station.exceedTitle")}</h2>
        ${renderExceedanceTable(detail.exceedances)}
      </section>
      <mm-annotation-editor subject="station" subject-id=${station.number}></mm-annotation-editor>`;
  }
}

customElements.define("mm-station-detail", StationDetailView);

declare global {
  interface HTMLElementTagNameMap {
    "mm-station-detail": StationDetailView;
  }
}
