/**
 * How every view reports a failed load: the 403 refusal, a 404, or anything else — always in the
 * UI's language (error-text.ts), never the browser's English "Failed to fetch".
 */
import { html, type TemplateResult } from "lit";
import type { Role } from "../../../src/ground/contract/contract.ts";
import { ApiError } from "../api.ts";
import { describeError } from "../error-text.ts";
import { t } from "../i18n.ts";

export function renderFailure(error: unknown, role: Role, retry?: () => void): TemplateResult {
  if (error instanceof ApiError && error.status === 403) {
    return html`<p class="alert" role="alert" data-testid="forbidden">${t("error.forbidden", { role: t(`role.${role}`) })}</p>`;
  }
  if (error instanceof ApiError && error.status === 404) {
    return html`<p class="alert" role="alert" data-testid="not-found">
      ${t("error.notFound", { message: error.problem ? (error.detail ?? error.title) : describeError(error) })}
    </p>`;
  }
  const message = describeError(error);
  return html`<div class="alert" role="alert" data-testid="load-error">
    <p>${t("error.generic", { message })}</p>
    ${retry ? html`<button type="button" @click=${retry}>${t("app.retry")}</button>` : null}
  </div>`;
}

export function renderLoading(): TemplateResult {
  return html`<p class="muted" role="status" aria-busy="true">${t("app.loading")}</p>`;
}
