/** The one line that says how a set of indicators is doing, counted per status. */
import type { IndicatorSummary, StatusCode } from "../../../src/ground/contract/contract.ts";
import { t } from "../i18n.ts";

/** Worst first, so the headline starts with what needs attention. */
const headlineOrder: readonly StatusCode[] = ["off-track", "at-risk", "on-track", "achieved", "no-data"];

/** "19 indicatoren: 8 niet op koers, 3 risico, 5 op koers, …" — statuses without indicators are left out. */
export function statusHeadline(indicators: readonly IndicatorSummary[]): string {
  const counts = headlineOrder
    .map((code) => [code, indicators.filter((indicator) => indicator.status.code === code).length] as const)
    .filter(([, count]) => count > 0)
    .map(([code, count]) => `${count} ${t(`status.${code}`)}`);
  return t("overview.headline", { total: indicators.length, counts: counts.join(", ") });
}
