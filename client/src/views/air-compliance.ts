/**
 * `<mm-air-compliance>`: the air-quality theme's stations against the limit values for one year — a
 * summary naming the stations that fail a 2030 value, a map of the stations by that verdict, the
 * annual means against the limit values (law) and the WHO guideline (advice), and the table of
 * stations × pollutants with coverage, exceedance days and the three verdicts, failing stations first.
 */
import { Task } from "@lit/task";
import { LitElement, css, html, svg } from "lit";
import type { AirCompliance, ComponentCompliance, StandardVerdict, StationCompliance } from "../../../src/ground/contract/contract-air.ts";
import type { Role } from "../../../src/ground/contract/contract.ts";
import { api } from "../api-client.ts";
import { loadBoundaries } from "../area-boundaries.ts";
import "../chart-frame.ts";
import { annualLimitsChart, standardLineStyles, type StandardLine } from "../charts/annual-limits.ts";
import { stationComplianceMap, verdictMarks, type Verdict2030, type VerdictPoint } from "../charts/station-compliance-map.ts";
import { formatFormula, formatNumber } from "../format.ts";
import { LangController, lang, pick, t, type MessageKey } from "../i18n.ts";
import { baseStyles } from "../styles.ts";
import { renderFailure, renderLoading } from "./failure-message.ts";
import { renderTableWrap } from "./table-wrap.ts";

const standardColumns: { id: StandardVerdict["id"]; key: MessageKey }[] = [
  { id: "eu-current", key: "air.euCurrent" },
  { id: "eu-2030", key: "air.eu2030" },
  { id: "who-2021", key: "air.who" },
];

/** A station's 2030 verdict over its pollutants: fails if any fails, meets only if all meet. */
export function verdict2030(station: StationCompliance): Verdict2030 {
  const verdicts = station.components.map((c) => c.standards.find((s) => s.id === "eu-2030")?.complies ?? null);
  if (verdicts.includes(false)) return "fails";
  return verdicts.length > 0 && verdicts.every((v) => v === true) ? "complies" : "unknown";
}

const verdictText = (complies: boolean | null) => t(complies === true ? "air.complies" : complies === false ? "air.fails" : "air.unknown");
const verdictGlyph = (complies: boolean | null) => (complies === true ? "✓" : complies === false ? "✗" : "?");

export class AirComplianceView extends LitElement {
  static override properties = {
    userRole: {},
    year: { state: true },
  };
  declare userRole: Role;
  declare year: number | undefined;

  static override styles = [
    baseStyles,
    css`
      .controls {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1rem;
        align-items: center;
      }
      .grid {
        display: grid;
        gap: 1rem;
        grid-template-columns: minmax(0, 1fr);
      }
      @media (min-width: 60rem) {
        .grid {
          grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
        }
      }
      /* The visually hidden reasons are positioned absolutely: kept inside the scrolling box, not the page. */
      .table-wrap {
        position: relative;
      }
      table {
        border-collapse: collapse;
        font-size: 0.9rem;
      }
      th,
      td {
        padding: 0.25rem 0.5rem;
        text-align: left;
        vertical-align: top;
        border-bottom: 1px solid #d5dbda;
      }
      td.num {
        text-align: right;
        font-variant-numeric: tabular-nums;
      }
      tr.fails2030 th[scope="row"],
      tr.fails2030 td {
        background: #fbeaea;
      }
      .badge {
        display: inline-block;
        margin-left: 0.25rem;
        padding: 0 0.3rem;
        border-radius: 0.2rem;
        background: #a11919;
        color: #fff;
        font-size: 0.75rem;
        font-weight: 600;
      }
      .verdict-false {
        color: #a11919;
        font-weight: 600;
      }
      .verdict-null {
        color: #5b6669;
      }
      .legend {
        list-style: none;
        padding: 0;
        margin: 0.25rem 0;
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1rem;
        font-size: 0.85rem;
      }
      .legend svg {
        vertical-align: middle;
        margin-right: 0.3rem;
      }
      figure {
        margin: 0;
      }
      details {
        margin-top: 0.75rem;
      }
    `,
  ];

  #data = new Task(this, {
    args: () => [this.year] as const,
    task: ([year], { signal }) => api.get("GET /api/v1/air-quality/compliance", { query: { year }, signal }),
  });

  #boundaries = new Task(this, {
    args: () => [] as const,
    task: async () => {
      const [wijken, buurten] = await Promise.all([loadBoundaries("wijk"), loadBoundaries("buurt")]);
      return { wijken: wijken.features, buurten: buurten.features };
    },
  });

  constructor() {
    super();
    new LangController(this);
    this.userRole = "policy";
    this.year = undefined;
  }

  protected override render() {
    return html`<section class="panel" aria-labelledby="air-compliance-title" data-testid="air-compliance">
      <h2 id="air-compliance-title">${t("air.title")}</h2>
      <p class="muted">${t("air.intro")}</p>
      ${this.#data.render({
        pending: renderLoading,
        error: (error) => renderFailure(error, this.userRole, () => void this.#data.run()),
        complete: (data) => this.#renderData(data),
      })}
    </section>`;
  }

  #renderData(data: AirCompliance) {
    if (data.year === null || data.stations.length === 0) return html`<p data-testid="air-empty">${t("air.empty")}</p>`;
    const failing = data.stations.filter((s) => s.failsEu2030);
    return html`<div class="controls">
        <label
          >${t("air.year")}
          <select data-testid="air-year" @change=${(event: Event) => (this.year = Number((event.target as HTMLSelectElement).value))}>
            ${data.years.map((year) => html`<option value=${year} .selected=${year === data.year}>${year}</option>`)}
          </select></label
        >
      </div>
      <p data-testid="air-summary">
        ${
          failing.length > 0
            ? t("air.failing2030", { count: failing.length, total: data.stations.length, names: failing.map((s) => s.name).join(", ") })
            : t("air.noneFailing2030", { total: data.stations.length })
        }
      </p>
      <div class="grid">${this.#renderMap(data.stations)} ${this.#renderChart(data.stations, "NO2")}</div>
      ${this.#renderTable(data)}
      <details>
        <summary>${t("air.rules")}</summary>
        <p data-testid="air-rules">${pick(data.rules)}</p>
      </details>`;
  }

  #renderMap(stations: readonly StationCompliance[]) {
    const points: VerdictPoint[] = stations.map((s) => {
      const verdict = verdict2030(s);
      return {
        number: s.number,
        name: s.name,
        lat: s.lat,
        lon: s.lon,
        verdict,
        label: `${s.name}: ${t(`air.legend${verdict === "fails" ? "Fails" : verdict === "complies" ? "Complies" : "Unknown"}`)}`,
      };
    });
    const count = (verdict: Verdict2030) => points.filter((p) => p.verdict === verdict).length;
    const summary = t("air.mapSummary", { total: points.length, failing: count("fails"), complying: count("complies"), unknown: count("unknown") });
    const legend = html`<ul class="legend">
      ${(["fails", "complies", "unknown"] as const).map(
        (verdict) =>
          html`<li>
            <span style="color:${verdictMarks[verdict].fill}" aria-hidden="true">${verdictMarks[verdict].glyph}</span> ${t(
              verdict === "fails" ? "air.legendFails" : verdict === "complies" ? "air.legendComplies" : "air.legendUnknown",
            )}
          </li>`,
      )}
    </ul>`;
    return html`<figure data-testid="air-map">
      <h3>${t("air.mapTitle")}</h3>
      ${this.#boundaries.render({
        pending: renderLoading,
        error: (error) => renderFailure(error, this.userRole, () => void this.#boundaries.run()),
        complete: ({ wijken, buurten }) =>
          html`<mm-chart-frame .draw=${(width: number) => stationComplianceMap(points, { width, wijken, buurten })} aria-hidden="true"></mm-chart-frame>`,
      })}
      ${legend}
      <figcaption class="muted" data-testid="air-map-summary">${summary}</figcaption>
    </figure>`;
  }

  #renderChart(stations: readonly StationCompliance[], formula: string) {
    const language = lang();
    const rows = stations.flatMap((s) => {
      const c = s.components.find((c) => c.formula === formula);
      return c && c.annualMean !== null
        ? [{ name: s.name, value: c.annualMean, fails2030: c.standards.some((v) => v.id === "eu-2030" && v.complies === false) }]
        : [];
    });
    const sample = stations.flatMap((s) => s.components).find((c) => c.formula === formula);
    if (rows.length === 0 || !sample) return null;
    const short: Record<StandardLine["id"], string> = { "eu-current": t("air.euCurrent"), "eu-2030": t("air.eu2030"), "who-2021": t("air.who") };
    const lines: StandardLine[] = sample.standards.map((s) => ({ id: s.id, kind: s.kind, value: s.annualValue, label: short[s.id] }));
    const value = (id: StandardLine["id"]) => formatNumber(lines.find((l) => l.id === id)?.value ?? NaN, language, { digits: 0 });
    const name = formatFormula(formula, language);
    const summary = t("air.chartSummary", {
      formula: name,
      values: rows.map((r) => `${r.name} ${formatNumber(r.value, language)}`).join(", "),
      current: value("eu-current"),
      eu2030: value("eu-2030"),
      who: value("who-2021"),
    });
    const swatch = (id: StandardLine["id"]) => {
      const style = standardLineStyles[id];
      return svg`<line x1="1" y1="7" x2="27" y2="7" stroke=${style.stroke} stroke-width=${style.width} stroke-dasharray=${style.dash}></line>`;
    };
    return html`<figure data-testid="air-chart">
      <h3>${t("air.chartTitle", { formula: name })}</h3>
      <mm-chart-frame .draw=${(width: number) => annualLimitsChart(rows, lines, { width, lang: language })} aria-hidden="true"></mm-chart-frame>
      <ul class="legend" data-testid="air-chart-legend">
        <li data-kind="limit">
          <svg width="28" height="14" aria-hidden="true">${swatch("eu-current")}</svg
          ><svg width="28" height="14" aria-hidden="true">${swatch("eu-2030")}</svg>${t("air.legendLaw")}
        </li>
        <li data-kind="guideline"><svg width="28" height="14" aria-hidden="true">${swatch("who-2021")}</svg>${t("air.legendAdvice")}</li>
      </ul>
      <figcaption class="muted">${summary}</figcaption>
    </figure>`;
  }

  #renderTable(data: AirCompliance) {
    const language = lang();
    const cell = (standard: StandardVerdict | undefined) => {
      const complies = standard?.complies ?? null;
      const reason = standard?.reason ? pick(standard.reason) : "";
      return html`<td class="verdict-${String(complies)}" data-standard=${standard?.id ?? ""} data-complies=${String(complies)} title=${reason}>
        <span aria-hidden="true">${verdictGlyph(complies)}</span> ${verdictText(complies)}${reason ? html`<span class="sr-only">: ${reason}</span>` : null}
      </td>`;
    };
    const days = (c: ComponentCompliance) =>
      c.daily.length === 0 ? "–" : c.daily.map((d) => `${d.count} / ${d.allowed} (${formatNumber(d.value, language, { digits: 0 })})`).join("; ");
    const rows = data.stations.flatMap((station) =>
      station.components.map(
        (c, i) =>
          html`<tr class=${station.failsEu2030 ? "fails2030" : ""} data-testid="air-row" data-station=${station.number} data-formula=${c.formula}>
            ${
              i === 0
                ? html`<th scope="row" rowspan=${station.components.length}>
                    ${station.name}${station.failsEu2030 ? html`<span class="badge" data-testid="fails-2030">${t("air.failsBadge")}</span>` : null}
                  </th>`
                : null
            }
            <td>${formatFormula(c.formula, language)}</td>
            <td class="num">${c.annualMean === null ? html`<span class="verdict-null">${t("air.notJudged")}</span>` : formatNumber(c.annualMean, language)}</td>
            <td class="num">${formatNumber(c.coverage * 100, language, { digits: 0 })} %</td>
            <td class="num">${days(c)}</td>
            ${standardColumns.map(({ id }) => cell(c.standards.find((s) => s.id === id)))}
            <td>${t(`air.tier.${c.tier}`)}</td>
          </tr>`,
      ),
    );
    return renderTableWrap(
      t("air.tableLabel"),
      html`<table data-testid="air-table" data-year=${String(data.year)}>
        <caption class="sr-only">
          ${t("air.tableLabel")}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t("air.station")}</th>
            <th scope="col">${t("air.component")}</th>
            <th scope="col">${t("air.annualMean")}</th>
            <th scope="col">${t("air.coverage")}</th>
            <th scope="col">${t("air.days")}</th>
            ${standardColumns.map(({ key }) => html`<th scope="col">${t(key)}</th>`)}
            <th scope="col">${t("air.tier")}</th>
          </tr>
        </thead>
        <tbody>
          ${rows}
        </tbody>
      </table>`,
    );
  }
}

customElements.define("mm-air-compliance", AirComplianceView);

declare global {
  interface HTMLElementTagNameMap {
    "mm-air-compliance": AirComplianceView;
  }
}
