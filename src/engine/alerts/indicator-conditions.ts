/**
 * indicator-off-track: an indicator whose status (docs/status-rule.md) is off-track. Judged on what
 * the policy role sees (aggregates, small cells suppressed), so the alert may be shown to every role
 * and never rests on a suppressed value; it carries the status and its reason, no values.
 */
import type { Theme } from "../../ground/contract/contract.ts";
import { localize } from "../../ground/i18n/localize.ts";
import { msg } from "../../ground/i18n/message.ts";
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
        message: localize(msg("alert.indicatorOffTrack", { indicator: indicator.name, reason: indicator.status.reason })),
        details: { indicator: indicator.id, theme: theme.id, status: indicator.status.code },
      })),
  );
}
