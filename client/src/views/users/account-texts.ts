/**
 * The account page's texts and checks, without Lit (unit-tested in node): the username and password
 * rules as the admin types (from src/ground/contract/account-rules.ts, the server's own rules), the
 * field a server refusal names, and the status line of a change.
 */
import type { Role } from "../../../../src/ground/contract/contract.ts";
import {
  MAX_USERNAME_LENGTH,
  MIN_PASSWORD_LENGTH,
  isLongEnoughPassword,
  isValidUsername,
  passwordLength,
} from "../../../../src/ground/contract/account-rules.ts";
import { ApiError } from "../../api.ts";
import { describeError } from "../../error-text.ts";
import { t } from "../../i18n.ts";

/** In the order the select offers them (contract.ts `roles`, which the client cannot import: zod). */
export const roleChoices: readonly Role[] = ["policy", "permit", "analyst", "admin"];

export interface Rule {
  met: boolean;
  text: string;
}

export const usernameRules = (username: string): Rule[] => [{ met: isValidUsername(username), text: t("users.rule.username", { max: MAX_USERNAME_LENGTH }) }];

export const passwordRules = (password: string): Rule[] => [
  { met: isLongEnoughPassword(password), text: t("users.rule.passwordLength", { min: MIN_PASSWORD_LENGTH, count: passwordLength(password) }) },
];

/**
 * The body field a 400 names. The problem's `invalidParams` does not reach the client's ApiError, so
 * the field is read from its detail ("body parameter username: …", "parameter username in de body: …"):
 * the field name that comes first.
 */
export function refusedField<F extends string>(error: unknown, fields: readonly F[]): F | null {
  if (!(error instanceof ApiError) || error.status !== 400 || !error.detail) return null;
  const detail = error.detail;
  const found = fields
    .map((field) => ({ field, at: detail.search(new RegExp(`\\b${field}\\b`)) }))
    .filter(({ at }) => at >= 0)
    .sort((a, b) => a.at - b.at);
  return found[0]?.field ?? null;
}

/** The server's reason for a refused field, without the "body parameter x:" it starts with. */
export function refusalText(error: unknown): string {
  if (error instanceof ApiError && error.detail) return error.detail.replace(/^[^:]*:\s*/, "");
  return describeError(error);
}

/** "Rol van piet gewijzigd in analist. 2 sessies beëindigd." */
export function changeMessage(done: string, endedSessions?: number): string {
  if (endedSessions === undefined) return done;
  const ended = endedSessions === 1 ? t("users.endedSessions.one") : t("users.endedSessions.other", { count: endedSessions });
  return `${done} ${ended}`;
}
