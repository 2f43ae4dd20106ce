/**
 * indicator-off-track: an indicator whose status (docs/status-rule.md) is off-track. Judged on what
 * the policy role sees (aggregates, small cells suppressed), so the alert may be shown to every role
 * and never rests on a suppressed value; it carries the status and its reason, no values.
 */
import type { Theme } from "../api/contract.ts";
import type { AlertCondition } from "./alert-condition.ts";
import { selects, type AlertRule } from "./alert-rules.ts";

export function indicatorConditions(rule: Extract<AlertRule, { kind: "indicator-off-track" }>, themes: Theme[]): AlertCondition[] {
  return themes.flatMap((theme) =>
    theme.indicators
      .filter((indicator) => indicator.status.code === "off-track" && selects(rule.indicators, indicator.id))
      .map((indicator) => ({
        rule: rule.id,
        kind: rule.kind,
        subject: indicator.id,
        message: {
          nl: `Indicator ${indicator.name.nl} is niet op koers. ${indicator.status.reason.nl}`,
          en: `Indicator ${indicator.name.en} is off track. ${indicator.status.reason.en}`,
        },
        details: { indicator: indicator.id, theme: theme.id, status: indicator.status.code },
      })),
  );
}
