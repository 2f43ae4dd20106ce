/**
 * `<mm-nearby-measurements>`: the air-quality stations and citizen sensors nearest to a location,
 * each with its distance, quality tier in words and source, and its recent means against the EU and
 * WHO values: the 24-hour mean against the 24-hour values, the 365-day mean against the annual ones.
 * Charts for the overview, a table per station or sensor for the exact values.
 */
import { LitElement, css, html } from "lit";
import type { NearbyMeasurement, RecentValue } from "../../../../src/ground/contract/contract-dossier.ts";
import "../../chart-frame.ts";
import { exceedsAny, normChart, normRows } from "../../charts/norm-comparison.ts";
import { normKind } from "../../charts/norm-style.ts";
import { orderFormulas } from "../../charts/hourly.ts";
import { formatDistance } from "../../dossier-format.ts";
import { formatDateTime, formatFormula, formatNumber } from "../../format.ts";
import { LangController, lang, pick, t } from "../../i18n.ts";
import { baseStyles, detailStyles } from "../../styles.ts";
import { renderNormKey } from "../norm-key.ts";

const windows: readonly RecentValue["window"][] = ["365d", "24h"];

export class NearbyMeasurements extends LitElement {
  static override properties = { nearby: { attribute: false } };
  declare nearby: readonly NearbyMeasurement[];

  static override styles = [
    baseStyles,
    detailStyles,
    css`
      figure {
        margin-bottom: 1.5rem;
      }
      .measurements {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(38rem, 1fr));
        gap: 1rem;
        margin-top: 1rem;
      }
      article {
        border: 1px solid var(--mm-line);
        border-radius: 6px;
        padding: 0.75rem;
        break-inside: avoid;
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
      @media print {
        .measurements {
          display: block;
        }
        article {
          margin-bottom: 0.75rem;
        }
        .over {
          color: #000;
        }
      }
    `,
  ];

  constructor() {
    super();
    new LangController(this);
    this.nearby = [];
  }

  protected override render() {
    if (this.nearby.length === 0) return html`<p data-testid="nearby-empty">${t("dossier.nearbyEmpty")}</p>`;
    return html`${windows.map((window) => this.#renderChart(window))}
      <div class="measurements">${[...this.nearby].sort((a, b) => a.distanceM - b.distanceM).map((m) => this.#renderMeasurement(m))}</div>`;
  }

  #renderChart(window: RecentValue["window"]) {
    const language = lang();
    const data = normRows(this.nearby, window, language);
    if (data.rows.length === 0) return null;
    const over = data.rows.filter((row) => row.exceeds).length;
    const draw = (width: number) => normChart(data, { width, lang: language });
    return html`<figure data-testid="norm-chart-${window}">
      <h3>${t(`dossier.window.${window}`)}</h3>
      <mm-chart-frame .draw=${draw} aria-hidden="true"></mm-chart-frame>
      <ul class="key" aria-hidden="true">
        ${renderNormKey(data.ticks.map((tick) => tick.normId))}
        <li><strong>▲</strong> ${t("dossier.normAbove")}</li>
      </ul>
      <figcaption data-testid="norm-summary">${t("dossier.normSummary", { over, count: data.rows.length })}</figcaption>
    </figure>`;
  }

  #renderMeasurement(measurement: NearbyMeasurement) {
    const language = lang();
    const formulas = orderFormulas(measurement.values.map((v) => v.formula));
    const values = formulas.flatMap((formula) => windows.flatMap((window) => measurement.values.filter((v) => v.formula === formula && v.window === window)));
    return html`<article data-testid="nearby-measurement" data-kind=${measurement.kind} data-id=${measurement.id}>
      <h3>${measurement.name}</h3>
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
      <div class="table-wrap">
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
    return html`<tr data-exceeds=${exceedsAny(value) ? "true" : "false"}>
      <th scope="row">${formatFormula(value.formula, language)}</th>
      <td>${t(`dossier.windowShort.${value.window}`)}</td>
      <td class="num">${value.value === null ? "–" : format(value.value)}</td>
      <td>
        ${
          value.norms.length === 0
            ? html`<span class="muted">${t("dossier.noNorm")}</span>`
            : html`<ul class="checks">
                ${value.norms.map(
                  (check) =>
                    html`<li data-testid="norm-check" data-norm=${check.norm.id} data-norm-kind=${normKind(check.norm.id)}>
                      ${check.exceeds ? html`<span class="over">▲ ${t("dossier.above")}</span>` : html`<span>✓ ${t("dossier.below")}</span>`}
                      ${pick(check.norm.label, language)} (${format(check.norm.value)})
                    </li>`,
                )}
              </ul>`
        }
      </td>
    </tr>`;
  }
}

customElements.define("mm-nearby-measurements", NearbyMeasurements);

declare global {
  interface HTMLElementTagNameMap {
    "mm-nearby-measurements": NearbyMeasurements;
  }
}
