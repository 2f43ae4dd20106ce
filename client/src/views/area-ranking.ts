/**
 * The district ranking: every area of the level with its rank, value, difference with the city and
 * the mean of the other areas of the same urbanity (CBS "stedelijkheid", 1 very strongly urban … 5
 * not urban). Also the map's table alternative. The area's name is a
 * toggle button that draws its series in the chart, so the map is not the only way to choose.
 */
import { html, type TemplateResult } from "lit";
import type { AreaValue, AreaValues } from "../../../src/ground/contract/contract.ts";
import { formatNumber } from "../format.ts";
import { lang, t } from "../i18n.ts";
import { renderTableWrap } from "./table-wrap.ts";

export interface RankingOptions {
  selected: string | null;
  onSelect: (code: string) => void;
}

/** Ranked areas first (1 = best), then the unranked ones (suppressed or without a value) by name. */
function byRank(a: AreaValue, b: AreaValue): number {
  if (a.rank !== null && b.rank !== null) return a.rank - b.rank;
  if (a.rank !== null) return -1;
  if (b.rank !== null) return 1;
  return a.areaName.localeCompare(b.areaName, lang());
}

export function renderRanking(data: AreaValues, { selected, onSelect }: RankingOptions): TemplateResult {
  const language = lang();
  const format = (value: number, signed = false) => formatNumber(value, language, { signed });
  const levels = t(`map.levels.${data.level}`);
  const { city } = data;
  const caption = t("ranking.caption", { levels, period: data.period ?? "–" });
  const cityValue = city.suppressed ? t("indicator.suppressed") : city.value === null ? "–" : format(city.value);

  const valueCell = (area: AreaValue) => {
    if (area.suppressed) return html`<span data-testid="suppressed">${t("indicator.suppressed")}</span>`;
    return area.value === null ? "–" : format(area.value);
  };
  const similarCell = ({ similar }: AreaValue) =>
    similar?.mean == null ? "–" : t("ranking.similarValue", { mean: format(similar.mean), count: similar.count });

  return html`<p data-testid="ranking-city">${t("ranking.city", { name: city.areaName, value: cityValue, unit: data.unit })}</p>
    ${renderTableWrap(
      caption,
      html`<table data-testid="ranking" data-level=${data.level}>
        <caption>
          ${caption}
        </caption>
        <thead>
          <tr>
            <th scope="col" class="num">${t("ranking.rank")}</th>
            <th scope="col">${t("ranking.area")}</th>
            <th scope="col" class="num">${t("ranking.value", { unit: data.unit })}</th>
            <th scope="col" class="num">${t("ranking.vsCity")}</th>
            <th scope="col" class="num">${t("ranking.urbanity")}</th>
            <th scope="col" class="num">${t("ranking.similar")}</th>
          </tr>
        </thead>
        <tbody>
          ${[...data.areas].sort(byRank).map((area) => {
            const isSelected = area.areaCode === selected;
            return html`<tr data-testid="ranking-row" data-code=${area.areaCode} ?data-suppressed=${area.suppressed}>
              <td class="num">${area.rank ?? "–"}</td>
              <th scope="row">
                <button
                  type="button"
                  class="area-button"
                  aria-pressed=${isSelected ? "true" : "false"}
                  data-testid="select-area"
                  @click=${() => onSelect(area.areaCode)}
                >
                  ${area.areaName}
                </button>
                ${isSelected ? html`<span class="shown">(${t("ranking.shown")})</span>` : null}
              </th>
              <td class="num">${valueCell(area)}</td>
              <td class="num">${area.vsCity === null ? "–" : format(area.vsCity, true)}</td>
              <td class="num">${area.urbanity ?? "–"}</td>
              <td class="num">${similarCell(area)}</td>
            </tr>`;
          })}
        </tbody>
      </table>`,
    )}`;
}
