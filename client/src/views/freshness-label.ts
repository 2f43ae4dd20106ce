/** How current a number is against its source's release schedule; "overdue" is said in words, not only shown. */
import { html, type TemplateResult } from "lit";
import type { DataFreshness } from "../../../src/ground/contract/contract.ts";
import { pick, t } from "../i18n.ts";

export function renderFreshness(freshness: DataFreshness): TemplateResult {
  const word = t(`indicator.freshness.${freshness.status}`);
  return html`<span class="freshness" data-testid="freshness" data-freshness=${freshness.status}
    >${freshness.status === "overdue" ? html`<strong class="overdue"><span aria-hidden="true">⚠ </span>${word}</strong>` : html`<span>${word}</span>`} ·
    ${pick(freshness.label)}</span
  >`;
}
