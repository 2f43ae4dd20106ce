/** The days per year above an EU 24-hour value, against the number of days the EU allows. */
import { html, type TemplateResult } from "lit";
import type { StationDetail } from "../../../src/ground/contract/contract.ts";
import { formatFormula, formatQuantity } from "../format.ts";
import { lang, pick, t } from "../i18n.ts";

type Exceedance = StationDetail["exceedances"][number];

export function renderExceedanceTable(exceedances: readonly Exceedance[]): TemplateResult {
  const language = lang();
  const sorted = [...exceedances].sort((a, b) => b.year - a.year || a.formula.localeCompare(b.formula));
  return html`<div class="table-wrap">
    <table data-testid="exceedance-table">
      <caption class="sr-only">
        ${t("station.exceedTitle")}
      </caption>
      <thead>
        <tr>
          <th scope="col">${t("station.formula")}</th>
          <th scope="col">${t("station.year")}</th>
          <th scope="col">${t("station.norm")}</th>
          <th scope="col" class="num">${t("station.days")}</th>
          <th scope="col" class="num">${t("station.allowed")}</th>
        </tr>
      </thead>
      <tbody>
        ${
          sorted.length === 0
            ? html`<tr>
                <td colspan="5" class="muted">${t("station.exceedEmpty")}</td>
              </tr>`
            : sorted.map((row) => {
                const over = row.allowedDays !== null && row.days > row.allowedDays;
                return html`<tr data-over=${over ? "true" : "false"}>
                  <th scope="row">${formatFormula(row.formula, language)}</th>
                  <td>${row.year}</td>
                  <td>${pick(row.norm.label)} (${formatQuantity(row.norm.value, "µg/m³", language)})</td>
                  <td class="num">${over ? html`<strong>! ${row.days}</strong> <span>(${t("station.overAllowed")})</span>` : row.days}</td>
                  <td class="num">${row.allowedDays ?? "–"}</td>
                </tr>`;
              })
        }
      </tbody>
    </table>
  </div>`;
}
