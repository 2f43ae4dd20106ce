/**
 * `<mm-indicator-parts>`: what an indicator's total is made of and why it moved. It asks the API for
 * the indicator's parts over time (which also says what a change can be broken down by), shows them
 * stacked per year with a table alternative when the source holds them (CO₂ by sector, renewable
 * energy by source), and places the "why" section for every indicator that offers a breakdown.
 */
import { Task } from "@lit/task";
import { LitElement, css, html } from "lit";
import type { IndicatorSummary, Role } from "../../../src/ground/contract/contract.ts";
import type { IndicatorParts } from "../../../src/ground/contract/contract-why.ts";
import { api } from "../api-client.ts";
import "../chart-frame.ts";
import { partOrder, stackedPartsChart } from "../charts/stacked-parts.ts";
import { formatUnit, formatValue } from "../format.ts";
import { LangController, lang, pick, t } from "../i18n.ts";
import { baseStyles } from "../styles.ts";
import { renderFailure, renderLoading } from "./failure-message.ts";
import "./indicator-contributions.ts";
import { renderTableWrap } from "./table-wrap.ts";

export class IndicatorPartsView extends LitElement {
  static override properties = {
    indicator: { attribute: false },
    userRole: {},
  };
  declare indicator: IndicatorSummary | null;
  declare userRole: Role;

  static override styles = [
    baseStyles,
    css`
      :host {
        display: grid;
        gap: 1rem;
        margin-bottom: 1rem;
      }
      figure {
        margin: 0;
        display: grid;
        gap: 0.5rem;
      }
    `,
  ];

  #parts = new Task(this, {
    args: () => [this.indicator?.id] as const,
    task: ([id], { signal }) => (id === undefined ? null : api.get("GET /api/v1/indicators/:id/parts", { path: { id }, signal })),
  });

  constructor() {
    super();
    new LangController(this);
    this.indicator = null;
    this.userRole = "policy";
  }

  protected override render() {
    const indicator = this.indicator;
    if (!indicator) return null;
    return this.#parts.render({
      pending: renderLoading,
      error: (error) => renderFailure(error, this.userRole, () => void this.#parts.run()),
      complete: (parts) =>
        parts
          ? html`${parts.by && parts.points.length > 0 ? this.#renderStack(indicator, parts) : null}
            ${
              parts.offered.length > 0
                ? html`<mm-indicator-contributions
                    .indicatorId=${indicator.id}
                    .offered=${parts.offered}
                    .userRole=${this.userRole}
                  ></mm-indicator-contributions>`
                : null
            }`
          : null,
    });
  }

  #renderStack(indicator: IndicatorSummary, parts: IndicatorParts) {
    const language = lang();
    const by = t(`why.by.${parts.by!}`);
    const title = t("parts.title", { by });
    const latest = parts.points.reduce((max, p) => (p.period > max ? p.period : max), "");
    const inLatest = parts.points.filter((p) => p.period === latest);
    const largest = [...inLatest].sort((a, b) => b.value - a.value)[0];
    const total = inLatest.reduce((sum, p) => sum + p.value, 0);
    const unit = formatUnit(parts.unit, language);
    const summary = largest
      ? t("parts.summary", {
          name: pick(indicator.name),
          period: latest,
          total: formatValue(total, parts.unit, language),
          unit,
          largest: pick(largest.name),
          value: formatValue(largest.value, parts.unit, language),
        })
      : "";
    const draw = (width: number) => stackedPartsChart(parts.points, { width, unit: parts.unit, lang: language });
    return html`<section class="panel" aria-labelledby="parts-title" data-testid="parts-stack" data-by=${parts.by!}>
      <h2 id="parts-title">${title}</h2>
      <figure>
        <mm-chart-frame .draw=${draw} aria-hidden="true"></mm-chart-frame>
        <figcaption>${summary}</figcaption>
      </figure>
      <details class="table-alt">
        <summary>${t("chart.showTable")}</summary>
        ${this.#renderTable(parts, title)}
      </details>
    </section>`;
  }

  #renderTable(parts: IndicatorParts, caption: string) {
    const language = lang();
    const names = partOrder(parts.points, language);
    const periods = [...new Set(parts.points.map((p) => p.period))].sort();
    const cell = (period: string, name: string) => {
      const point = parts.points.find((p) => p.period === period && pick(p.name, language) === name);
      return point ? formatValue(point.value, parts.unit, language) : "–";
    };
    const total = (period: string) =>
      formatValue(
        parts.points.filter((p) => p.period === period).reduce((sum, p) => sum + p.value, 0),
        parts.unit,
        language,
      );
    const unit = formatUnit(parts.unit, language);
    return renderTableWrap(
      `${caption} (${unit})`,
      html`<table data-testid="parts-table">
        <caption>
          ${caption} (${unit})
        </caption>
        <thead>
          <tr>
            <th scope="col">${t("chart.period")}</th>
            ${names.map((name) => html`<th scope="col" class="num">${name}</th>`)}
            <th scope="col" class="num">${t("parts.total")}</th>
          </tr>
        </thead>
        <tbody>
          ${periods.map(
            (period) =>
              html`<tr>
                <th scope="row">${period}</th>
                ${names.map((name) => html`<td class="num">${cell(period, name)}</td>`)}
                <td class="num">${total(period)}</td>
              </tr>`,
          )}
        </tbody>
      </table>`,
    );
  }
}

customElements.define("mm-indicator-parts", IndicatorPartsView);

declare global {
  interface HTMLElementTagNameMap {
    "mm-indicator-parts": IndicatorPartsView;
  }
}
