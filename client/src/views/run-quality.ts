/**
 * `<mm-run-quality name=… .runs=…>`: the quality of a pipeline's runs over time as a chart (rows
 * loaded and rejected, duration, failed runs marked: charts/run-quality.ts) with a sentence saying
 * what it shows and the same figures as a table, for whoever does not see the chart.
 */
import { LitElement, css, html, nothing } from "lit";
import type { RunSummary } from "../../../src/ground/contract/contract.ts";
import "../chart-frame.ts";
import { qualityPoints, runQualityChart } from "../charts/run-quality.ts";
import { formatCount, formatNumber } from "../format.ts";
import { LangController, lang, t } from "../i18n.ts";
import { baseStyles, detailStyles } from "../styles.ts";

export class RunQuality extends LitElement {
  static override properties = { name: {}, runs: { attribute: false } };
  declare name: string;
  declare runs: readonly RunSummary[];

  static override styles = [
    baseStyles,
    detailStyles,
    css`
      figure {
        margin: 0;
      }
    `,
  ];

  constructor() {
    super();
    new LangController(this);
    this.name = "";
    this.runs = [];
  }

  protected override render() {
    const points = qualityPoints(this.runs);
    if (points.length === 0) return nothing;
    const language = lang();
    const failed = points.filter((p) => p.failed).length;
    const draw = (width: number) => runQualityChart(points, { width, lang: language });
    return html`<section class="panel" aria-labelledby="quality-title" data-testid="run-quality">
      <h2 id="quality-title">${t("quality.title")}</h2>
      <figure>
        <mm-chart-frame .draw=${draw} aria-hidden="true" data-testid="run-quality-chart"></mm-chart-frame>
        <figcaption data-testid="run-quality-summary">${t("quality.chartLabel", { n: points.length, name: this.name, failed })}</figcaption>
      </figure>
      <details class="table-alt">
        <summary>${t("chart.showTable")}</summary>
        <div class="table-wrap">
          <table data-testid="run-quality-table">
            <caption class="sr-only">
              ${t("quality.tableCaption")}
            </caption>
            <thead>
              <tr>
                <th scope="col">${t("quality.run")}</th>
                <th scope="col">${t("quality.status")}</th>
                <th scope="col" class="num">${t("quality.loaded")}</th>
                <th scope="col" class="num">${t("quality.rejected")}</th>
                <th scope="col" class="num">${t("quality.seconds")}</th>
              </tr>
            </thead>
            <tbody>
              ${points.map(
                (p) =>
                  html`<tr data-failed=${String(p.failed)}>
                    <th scope="row">${p.run}</th>
                    <td>${p.failed ? `✕ ${t("quality.failed")}` : "✓"}</td>
                    <td class="num">${formatCount(p.loaded, language)}</td>
                    <td class="num">${formatCount(p.rejected, language)}</td>
                    <td class="num">${p.seconds === null ? "–" : t("duration.seconds", { s: formatNumber(p.seconds, language, { digits: 1 }) })}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>
      </details>
    </section>`;
  }
}

customElements.define("mm-run-quality", RunQuality);

declare global {
  interface HTMLElementTagNameMap {
    "mm-run-quality": RunQuality;
  }
}
