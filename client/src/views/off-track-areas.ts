/** The theme's wijken furthest off track, as the overview lists them under each theme. */
import { html } from "lit";
import type { OffTrackArea, Theme } from "../../../src/ground/contract/contract.ts";
import { formatRate } from "../area-figures.ts";
import { formatUnit, formatValue } from "../format.ts";
import { lang, pick, t } from "../i18n.ts";
import { hrefFor } from "../routes.ts";

/** "Wijken furthest off track": at most five, worst first as the API orders them, each to its profile. */
export function renderOffTrackAreas(theme: Theme) {
  if (theme.offTrackAreas.length === 0) return null;
  const language = lang();
  const names = new Map(theme.indicators.map((indicator) => [indicator.id, indicator]));
  const headingId = `off-track-${theme.id}`;
  const item = (area: OffTrackArea) => {
    const indicator = names.get(area.indicatorId);
    const unit = indicator ? formatUnit(indicator.unit, language) : "";
    const rated = area.rateUnit !== null;
    return html`<li data-testid="off-track-area" data-code=${area.areaCode} data-status=${area.status}>
      <a href=${hrefFor({ name: "area", code: area.areaCode })} data-testid="off-track-area-link">${area.areaName}</a> —
      ${t("overview.offTrackArea", {
        indicator: indicator ? pick(indicator.name) : area.indicatorId,
        status: t(`status.${area.status}`),
        gap: rated ? formatRate(area.gapToTarget, language) : formatValue(area.gapToTarget, indicator?.unit ?? "", language),
        unit: rated ? t("overview.perInhabitants", { unit }) : unit,
      })}
    </li>`;
  };
  return html`<div class="off-track-areas" data-testid="off-track-areas">
    <h3 id=${headingId}>${t("overview.offTrackAreas")}</h3>
    <ol aria-labelledby=${headingId}>
      ${theme.offTrackAreas.map(item)}
    </ol>
  </div>`;
}
