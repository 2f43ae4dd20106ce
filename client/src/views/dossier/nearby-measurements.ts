/**
 * `<mm-nearby-measurements>`: air quality near a location, honest about what may be counted. First a
 * summary: per pollutant, the nearby reference stations whose annual mean is below and above the legal
 * limit value, and apart from that the WHO guideline (advice, in its own dotted style). Then the
 * reference stations (Luchtmeetnet) and the citizen sensors in groups of their own, the sensors
 * indicative only: a chart per averaging window and a table per station or sensor for exact values.
 */
import { LitElement, css, html } from "lit";
import type { NearbyAir, NearbyMeasurement, NearbyNormCount, NormCheck, RecentValue } from "../../../../src/ground/contract/contract-dossier.ts";
import "../../chart-frame.ts";
import { limitMark, normChart, normRows } from "../../charts/norm-comparison.ts";
import { normKind } from "../../charts/norm-style.ts";
import { orderFormulas } from "../../charts/hourly.ts";
import { formatDistance } from "../../dossier-format.ts";
import { formatDateTime, formatFormula, formatNumber } from "../../format.ts";
import { LangController, lang, pick, t } from "../../i18n.ts";
import { baseStyles, detailStyles } from "../../styles.ts";
import { renderNormKey } from "../norm-key.ts";

const windows: readonly RecentValue["window"][] = ["365d", "24h"];
const empty: NearbyAir = { stations: [], sensors: [], summary: { legal: [], guideline: [] } };
type Group = "stations" | "sensors";

export class NearbyMeasurements extends LitElement {
  static override properties = { nearby: { attribute: false } };
  declare nearby: NearbyAir;

  static override styles = [
    baseStyles,
    detailStyles,
    css`
      figure {
        margin-bottom: 1.5rem;
      }
      .measurements {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(min(100%, 38rem), 1fr));
        gap: 1rem;
        margin-top: 1rem;
      }
      article {
        border: 1px solid var(--mm-line);
        border-radius: 6px;
        padding: 0.75rem;
        break-inside: avoid;
        min-width: 0;
      }
      .group {
        margin-top: 1.5rem;
      }
      .summary ul {
        margin: 0.25rem 0 0.75rem;
        padding-left: 1.25rem;
      }
      .key {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1.25rem;
        list-style: none;
        padding: 0;
        margin: 0.25rem 0 0;
        font-size: 0.9rem;
      }
      .key .swatch {
        vertical-align: -0.15em;
        margin-right: 0.35em;
      }
      dl.facts {
        display: flex;
        flex-wrap: wrap;
        gap: 0.1rem 1.25rem;
        margin-bottom: 0.5rem;
      }
      dl.facts div {
        display: flex;
        gap: 0.35rem;
      }
      dl.facts dt::after {
        content: ":";
      }
      .checks {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      .over {
        font-weight: 700;
        color: #a11919;
      }
      .guideline {
        color: #6a4c93;
      }
      @media print {
        .measurements {
          display: block;
        }
        article {
          margin-bottom: 0.75rem;
        }
        .over,
        .guideline {
          color: #000;
        }
      }
    `,
  ];

  constructor() {
    super();
    new LangController(this);
    this.nearby = empty;
  }

  protected override render() {
    const { stations, sensors } = this.nearby;
    if (stations.length === 0 && sensors.length === 0) return html`<p data-testid="nearby-empty">${t("dossier.nearbyEmpty")}</p>`;
    return html`${this.#renderSummary()} ${this.#renderGroup("stations", stations)} ${this.#renderGroup("sensors", sensors)}`;
  }

  #renderSummary() {
    const { stations, summary } = this.nearby;
    const language = lang();
    const common = (count: NearbyNormCount) => ({
      formula: formatFormula(count.formula, language),
      norm: pick(count.norm.label, language),
      value: formatNumber(count.norm.value, language),
      above: count.above,
      of: count.of,
      below: count.of - count.above,
    });
    const legal = (count: NearbyNormCount) =>
      html`<li data-testid="legal-count" data-formula=${count.formula} data-norm=${count.norm.id} data-above=${count.above} data-of=${count.of}>
        ${count.of === 0 ? t("dossier.legalNone", common(count)) : t("dossier.legalLine", common(count))}
        ${count.indicative > 0 ? t("dossier.legalIndicative", { count: count.indicative }) : null}
      </li>`;
    const guideline = (count: NearbyNormCount) =>
      html`<li data-testid="guideline-count" data-formula=${count.formula} data-norm=${count.norm.id} data-above=${count.above} data-of=${count.of}>
        ${t("dossier.guidelineLine", common(count))}
      </li>`;
    const guidelines = summary.guideline.filter((count) => count.of > 0);
    return html`<div class="summary" data-testid="nearby-summary">
      <h3>${t("dossier.legalTitle")}</h3>
      <ul class="key" aria-hidden="true">
        ${renderNormKey(summary.legal.map((count) => count.norm.id))}
      </ul>
      ${
        stations.length === 0 || summary.legal.length === 0
          ? html`<p data-testid="legal-empty">${t("dossier.legalEmpty")}</p>`
          : html`<ul data-testid="legal-summary">
              ${summary.legal.map(legal)}
            </ul>`
      }
      ${
        guidelines.length === 0
          ? null
          : html`<h3>${t("dossier.guidelineTitle")}</h3>
              <ul class="key" aria-hidden="true">
                ${renderNormKey(["who-2021"])}
              </ul>
              <ul data-testid="guideline-summary">
                ${guidelines.map(guideline)}
              </ul>`
      }
    </div>`;
  }

  #renderGroup(group: Group, measurements: readonly NearbyMeasurement[]) {
    return html`<section class="group" data-testid="nearby-${group}" aria-labelledby="nearby-${group}-title">
      <h3 id="nearby-${group}-title">${t(group === "stations" ? "dossier.stationsTitle" : "dossier.sensorsTitle")}</h3>
      <p class="muted" data-testid="nearby-${group}-explain">${t(group === "stations" ? "dossier.stationsExplain" : "dossier.sensorsExplain")}</p>
      ${
        measurements.length === 0
          ? html`<p data-testid="nearby-${group}-empty">${t(group === "stations" ? "dossier.stationsEmpty" : "dossier.sensorsEmpty")}</p>`
          : html`${windows.map((window) => this.#renderChart(group, measurements, window))}
              <div class="measurements">${[...measurements].sort((a, b) => a.distanceM - b.distanceM).map((m) => this.#renderMeasurement(m))}</div>`
      }
    </section>`;
  }

  #renderChart(group: Group, measurements: readonly NearbyMeasurement[], window: RecentValue["window"]) {
    const language = lang();
    const data = normRows(measurements, window, language);
    if (data.rows.length === 0) return null;
    const exceeds = data.rows.filter((row) => row.mark === "exceeds").length;
    const indicative = data.rows.filter((row) => row.mark === "indicative").length;
    const draw = (width: number) => normChart(data, { width, lang: language });
    return html`<figure data-testid="norm-chart-${window}" data-group=${group}>
      <h4>${t(`dossier.window.${window}`)}</h4>
      <mm-chart-frame .draw=${draw} aria-hidden="true"></mm-chart-frame>
      <ul class="key" aria-hidden="true">
        ${renderNormKey(data.ticks.map((tick) => tick.normId))} ${exceeds > 0 ? html`<li><strong>▲</strong> ${t("dossier.normAbove")}</li>` : null}
        ${indicative > 0 ? html`<li>△ ${t("dossier.normIndicative")}</li>` : null}
      </ul>
      <figcaption data-testid="norm-summary">${t("dossier.normSummary", { exceeds, indicative, count: data.rows.length })}</figcaption>
    </figure>`;
  }

  #renderMeasurement(measurement: NearbyMeasurement) {
    const language = lang();
    const formulas = orderFormulas(measurement.values.map((v) => v.formula));
    const values = formulas.flatMap((formula) => windows.flatMap((window) => measurement.values.filter((v) => v.formula === formula && v.window === window)));
    return html`<article data-testid="nearby-measurement" data-kind=${measurement.kind} data-id=${measurement.id}>
      <h4>${measurement.name}</h4>
      <dl class="facts">
        <div>
          <dt>${t("dossier.measurementKind")}</dt>
          <dd>${t(`dossier.measurementKind.${measurement.kind}`)} ${measurement.id}</dd>
        </div>
        <div>
          <dt>${t("dossier.distance")}</dt>
          <dd>${formatDistance(measurement.distanceM, language)}</dd>
        </div>
        <div>
          <dt>${t("dossier.quality")}</dt>
          <dd data-testid="quality-tier" data-tier=${measurement.qualityTier}>${t(`tier.${measurement.qualityTier}`)}</dd>
        </div>
        <div>
          <dt>${t("dossier.source")}</dt>
          <dd>${measurement.source}</dd>
        </div>
        <div>
          <dt>${t("dossier.latest")}</dt>
          <dd>${measurement.latest ? formatDateTime(measurement.latest, language) : "–"}</dd>
        </div>
      </dl>
      <!-- A phone scrolls the table in its box: focusable, so a keyboard can scroll it too. -->
      <div class="table-wrap" tabindex="0" role="region" aria-label=${t("dossier.normTableCaption", { name: measurement.name })}>
        <table data-testid="norm-table">
          <caption class="sr-only">
            ${t("dossier.normTableCaption", { name: measurement.name })}
          </caption>
          <thead>
            <tr>
              <th scope="col">${t("dossier.component")}</th>
              <th scope="col">${t("dossier.window")}</th>
              <th scope="col" class="num">${t("dossier.valueUg")}</th>
              <th scope="col">${t("dossier.normCheck")}</th>
            </tr>
          </thead>
          <tbody>
            ${values.map((value) => this.#renderValue(value))}
          </tbody>
        </table>
      </div>
    </article>`;
  }

  #renderValue(value: RecentValue) {
    const language = lang();
    const format = (n: number) => formatNumber(n, language);
    const coverage = value.window === "365d" && value.value !== null ? t("dossier.coverage", { share: Math.round(value.coverage * 100) }) : null;
    return html`<tr data-mark=${limitMark(value) ?? "none"} data-reading=${value.reading}>
      <th scope="row">${formatFormula(value.formula, language)}</th>
      <td>
        ${t(`dossier.windowShort.${value.window}`)}${coverage ? html`, ${coverage}` : null}
        ${value.reading === "indicative" && value.value !== null ? html`<br /><span class="muted" data-testid="reading-indicative">${t("dossier.readingIndicative")}</span>` : null}
      </td>
      <td class="num">${value.value === null ? "–" : format(value.value)}</td>
      <td>
        ${
          value.norms.length === 0
            ? html`<span class="muted">${t("dossier.noNorm")}</span>`
            : html`<ul class="checks">
                ${value.norms.map(
                  (check) =>
                    html`<li
                      data-testid="norm-check"
                      data-norm=${check.norm.id}
                      data-norm-kind=${normKind(check.norm.id)}
                      data-above=${check.above ? "true" : "false"}
                      data-reading=${value.reading}
                    >
                      ${value.value === null ? null : this.#renderCheck(check, value.reading)} ${pick(check.norm.label, language)} (${format(check.norm.value)})
                    </li>`,
                )}
              </ul>`
        }
      </td>
    </tr>`;
  }

  /** Law tested, law compared, or advice: never "above the limit value" for what may not be tested. */
  #renderCheck(check: NormCheck, reading: RecentValue["reading"]) {
    if (check.kind === "guideline")
      return html`<span class="guideline">${check.above ? `◆ ${t("dossier.aboveGuideline")}` : `◇ ${t("dossier.belowGuideline")}`}</span>`;
    if (reading === "assessment")
      return check.above ? html`<span class="over">▲ ${t("dossier.aboveLimit")}</span>` : html`<span>✓ ${t("dossier.belowLimit")}</span>`;
    return html`<span>${check.above ? `△ ${t("dossier.higherIndicative")}` : t("dossier.lowerIndicative")}</span>`;
  }
}

customElements.define("mm-nearby-measurements", NearbyMeasurements);

declare global {
  interface HTMLElementTagNameMap {
    "mm-nearby-measurements": NearbyMeasurements;
  }
}
