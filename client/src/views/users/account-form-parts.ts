/**
 * What the account forms share: the rules list under a field, the event that announces a change,
 * and the form styles. The texts and checks are in account-texts.ts.
 */
import { css, html, type TemplateResult } from "lit";
import { t } from "../../i18n.ts";
import type { Rule } from "./account-texts.ts";

/** The rules under a field, met or not in words as well as by mark; the field points here with aria-describedby. */
export function renderRules(id: string, field: string, rules: Rule[]): TemplateResult {
  return html`<ul class="rules" id=${id} aria-label=${t("users.rules", { field })} data-testid="rules">
    ${rules.map(
      (rule) =>
        html`<li data-met=${rule.met ? "true" : "false"}>
          <span aria-hidden="true">${rule.met ? "✓" : "✗"}</span>
          <span class="sr-only">${t(rule.met ? "users.rule.met" : "users.rule.unmet")}</span>
          ${rule.text}
        </li>`,
    )}
  </ul>`;
}

/** Fired (bubbling, composed) when an account was added or changed: the page reloads the list and announces the message. */
export const accountChangedEvent = "mm-account-changed";

export function announceChange(from: Element, message: string): void {
  from.dispatchEvent(new CustomEvent<string>(accountChangedEvent, { detail: message, bubbles: true, composed: true }));
}

export const formStyles = css`
  label {
    display: grid;
    gap: 0.25rem;
    font-weight: 600;
  }
  input,
  select {
    font: inherit;
    padding: 0.45rem 0.6rem;
    border: 1px solid #7b8a8e;
    border-radius: 6px;
    background: #fff;
    color: inherit;
    max-width: 100%;
  }
  input[aria-invalid="true"] {
    border-color: #a11919;
  }
  .rules {
    list-style: none;
    margin: 0;
    padding: 0;
    font-size: 0.9rem;
    font-weight: 400;
  }
  /* The containing block of the hidden "met:" text, so inside a table that scrolls it scrolls too, never widening the page. */
  .rules li {
    position: relative;
  }
  .rules li[data-met="true"] {
    color: #1d6b2f;
  }
  .rules li[data-met="false"] {
    color: var(--mm-muted);
  }
  .field-error {
    color: #a11919;
    font-size: 0.9rem;
    font-weight: 600;
    margin: 0;
  }
  button.secondary {
    background: #fff;
    color: var(--mm-accent);
  }
`;
