/** The published status rule, folded away on screen and printed open: a report must say how it judged. */
import { html, type TemplateResult } from "lit";
import type { Localized } from "../../../src/ground/contract/contract.ts";
import { pick, t } from "../i18n.ts";

export function renderStatusRule(rule: Localized): TemplateResult {
  return html`<details class="rule panel" data-testid="status-rule" data-print="open">
    <summary>${t("status.ruleTitle")}</summary>
    <p>${pick(rule)}</p>
  </details>`;
}
