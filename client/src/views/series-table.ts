/** The table alternative of a trend chart: one row per period, one column per area; a withheld value says so. */
import { html, type TemplateResult } from "lit";
import type { SeriesPoint } from "../../../src/ground/contract/contract.ts";
import { formatUnit, formatValue } from "../format.ts";
import { lang, t } from "../i18n.ts";
import { renderTableWrap } from "./table-wrap.ts";

export function renderSeriesTable(points: readonly SeriesPoint[], caption: string, unit: string): TemplateResult {
  const areas = new Map<string, string>();
  const periods = new Set<string>();
  const values = new Map<string, SeriesPoint>();
  for (const point of points) {
    areas.set(point.areaCode, point.areaName);
    periods.add(point.period);
    values.set(`${point.period}\u0000${point.areaCode}`, point);
  }
  const cell = (period: string, code: string) => {
    const point = values.get(`${period}\u0000${code}`);
    if (point?.suppressed) return t("indicator.suppressed");
    return point === undefined || point.value === null ? "–" : formatValue(point.value, unit, lang());
  };
  const unitName = formatUnit(unit, lang());
  return renderTableWrap(
    `${caption} (${unitName})`,
    html`<table data-testid="series-table">
      <caption>
        ${caption} (${unitName})
      </caption>
      <thead>
        <tr>
          <th scope="col">${t("chart.period")}</th>
          ${[...areas.values()].map((name) => html`<th scope="col" class="num">${name}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${[...periods].sort().map(
          (period) =>
            html`<tr>
              <th scope="row">${period}</th>
              ${[...areas.keys()].map((code) => html`<td class="num">${cell(period, code)}</td>`)}
            </tr>`,
        )}
      </tbody>
    </table>`,
  );
}
