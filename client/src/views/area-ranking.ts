/**
 * The district ranking: every area of the level with its rank, status against the area target, value
 * (a count's rate, so areas of different size compare), gap to the target, difference with the city
 * and the mean of the other areas of the same urbanity (CBS "stedelijkheid", 1 very strongly urban …
 * 5 not urban). Also the map's table alternative. The area's name is a toggle button that draws its
 * series in the chart, so the map is not the only way to choose; "profiel" opens the area profile.
 */
import { html, type TemplateResult } from "lit";
import type { AreaValue, AreaValues } from "../../../src/ground/contract/contract-areas.ts";
import { comparedValue, comparisonFor } from "../area-figures.ts";
import { lang, t } from "../i18n.ts";
import { hrefFor } from "../routes.ts";
import { renderTableWrap } from "./table-wrap.ts";
import "./status-badge.ts";

export interface RankingOptions {
  selected: string | null;
  onSelect: (code: string) => void;
}

/** Ranked areas first (1 = best), then the unranked ones (small, suppressed or without a value) by name. */
function byRank(a: AreaValue, b: AreaValue): number {
  if (a.rank !== null && b.rank !== null) return a.rank - b.rank;
  if (a.rank !== null) return -1;
  if (b.rank !== null) return 1;
  return a.areaName.localeCompare(b.areaName, lang());
}

/** "klein gebied": shown with its rate, but not ranked — the title says why. */
export function renderSmallArea(): TemplateResult {
  return html`<span class="tag small-area" data-testid="small-area" title=${t("ranking.smallAreaTitle")}
    >${t("ranking.smallArea")}<span class="sr-only"> (${t("ranking.smallAreaTitle")})</span></span
  >`;
}

export function renderRanking(data: AreaValues, { selected, onSelect }: RankingOptions): TemplateResult {
  const language = lang();
  const compare = comparisonFor(data, language);
  const levels = t(`map.levels.${data.level}`);
  const { city, areaTarget } = data;
  const caption = t("ranking.caption", { levels, period: data.period ?? "–" });
  const cityCompared = comparedValue(city, compare.rated);
  const cityValue = city.suppressed ? t("indicator.suppressed") : cityCompared === null ? "–" : compare.format(cityCompared);
  const cityUnit = compare.unit(cityCompared ?? undefined);

  const valueCell = (area: AreaValue) => {
    if (area.suppressed) return html`<span data-testid="suppressed">${t("indicator.suppressed")}</span>`;
    const value = comparedValue(area, compare.rated);
    return value === null ? "–" : compare.format(value);
  };
  const similarCell = ({ similar }: AreaValue) => {
    if (similar === null) return "–";
    if (similar.mean === null) return html`<span class="muted" data-testid="similar-few">${t("ranking.similarFew")}</span>`;
    return t("ranking.similarValue", { mean: compare.format(similar.mean), count: similar.count });
  };
  const valueHeader = compare.rated ? t("ranking.rateValue", { label: compare.unit() }) : t("ranking.value", { unit: compare.unit() });

  return html`<p data-testid="ranking-city">${t("ranking.city", { name: city.areaName, value: cityValue, unit: cityUnit })}</p>
    ${
      areaTarget
        ? html`<p class="muted" data-testid="ranking-target">
            ${t("ranking.target", { value: compare.format(areaTarget.value), unit: compare.unit(areaTarget.value), year: areaTarget.deadline })}
          </p>`
        : null
    }
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
            <th scope="col">${t("ranking.status")}</th>
            <th scope="col" class="num">${valueHeader}</th>
            <th scope="col" class="num">${t("ranking.gap")}</th>
            <th scope="col" class="num">${t("ranking.vsCity")}</th>
            <th scope="col" class="num">${t("ranking.urbanity")}</th>
            <th scope="col" class="num">${t("ranking.similar")}</th>
          </tr>
        </thead>
        <tbody>
          ${[...data.areas].sort(byRank).map((area) => {
            const isSelected = area.areaCode === selected;
            return html`<tr
              data-testid="ranking-row"
              data-code=${area.areaCode}
              data-status=${area.status?.code ?? "none"}
              ?data-suppressed=${area.suppressed}
              ?data-small=${area.smallArea}
            >
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
                ${isSelected ? html`<span class="shown">(${t("ranking.shown")})</span>` : null} ${area.smallArea ? renderSmallArea() : null}
                <a
                  class="profile-link"
                  href=${hrefFor({ name: "area", code: area.areaCode })}
                  title=${t("ranking.profileOf", { name: area.areaName })}
                  data-testid="area-profile-link"
                  >${t("ranking.profile")}<span class="sr-only"> ${area.areaName}</span></a
                >
              </th>
              <td>${area.status ? html`<mm-status-badge .code=${area.status.code} title=${area.status.reason[language]}></mm-status-badge>` : "–"}</td>
              <td class="num">${valueCell(area)}</td>
              <td class="num" data-testid="gap">${area.gapToTarget === null ? "–" : compare.format(area.gapToTarget)}</td>
              <td class="num">${area.vsCity === null ? "–" : compare.format(area.vsCity, { signed: true })}</td>
              <td class="num">${area.urbanity ?? "–"}</td>
              <td class="num">${similarCell(area)}</td>
            </tr>`;
          })}
        </tbody>
      </table>`,
    )}`;
}
