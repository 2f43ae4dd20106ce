/**
 * The audit log page's state in its URL (`#/audit?user=anna&action=login,denied&from=2026-03-01`), so
 * a filtered view is a link. A parameter that doesn't fit is dropped rather than failing the page, and
 * the same state always gives the same URL (fixed parameter order).
 */
import type { AuditEntry } from "../../src/ground/contract/contract-dossier.ts";
import type { ApiQuery } from "./api-client.ts";
import { AUDIT_PAGE_SIZE, parseAuditPage } from "./dossier-routes.ts";
import { messages } from "./messages.ts";

export type AuditAction = AuditEntry["action"];

const ACTION_WORDS = "audit.action.";

/**
 * Every action the log knows, the filter's choices: those the catalogue has words for (the zod enum
 * stays out of the bundle; test/unit/client/audit-state.test.ts holds the two to each other).
 */
export const auditActions: readonly AuditAction[] = Object.keys(messages.nl)
  .filter((key) => key.startsWith(ACTION_WORDS))
  .map((key) => key.slice(ACTION_WORDS.length) as AuditAction);

export interface AuditState {
  /** A username, exactly (the API ignores case). */
  user?: string;
  actions?: AuditAction[];
  /** Part of the subject. */
  subject?: string;
  /** Days (YYYY-MM-DD) in Amsterdam, both included. */
  from?: string;
  to?: string;
  /** Part of the user, action or subject. */
  q?: string;
  page?: number;
}

const MAX_TEXT = { user: 100, subject: 200, q: 200 } as const;

const isAction = (value: string): value is AuditAction => (auditActions as readonly string[]).includes(value);

/** A real calendar day, written as the API takes it. */
export function isDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

function parseText(params: URLSearchParams, name: keyof typeof MAX_TEXT): string | undefined {
  const text = params.get(name)?.trim();
  return text && text.length <= MAX_TEXT[name] ? text : undefined;
}

export function parseAuditState(query: string): AuditState {
  const params = new URLSearchParams(query);
  const actions = [...new Set((params.get("action") ?? "").split(",").filter(isAction))];
  const from = params.get("from") ?? "";
  const to = params.get("to") ?? "";
  const state: AuditState = {
    user: parseText(params, "user"),
    actions: actions.length > 0 ? actions : undefined,
    subject: parseText(params, "subject"),
    from: isDay(from) ? from : undefined,
    to: isDay(to) ? to : undefined,
    q: parseText(params, "q"),
    page: parseAuditPage(query),
  };
  // A period the wrong way round would be refused by the API: keep the start only.
  if (state.from && state.to && state.from > state.to) state.to = undefined;
  return Object.fromEntries(Object.entries(state).filter(([, value]) => value !== undefined)) as AuditState;
}

/** The filter as the API's query (without paging): the same for the page and its CSV export. */
export function auditFilterQuery(state: AuditState): ApiQuery<"GET /api/v1/audit"> {
  return { user: state.user, action: state.actions?.join(","), subject: state.subject, from: state.from, to: state.to, q: state.q };
}

/** `?user=…&action=…` for the page's link, or "" when nothing is filtered on the first page. */
export function auditQuery(state: AuditState): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(auditFilterQuery(state))) if (value !== undefined && value !== "") params.set(name, String(value));
  if (state.page !== undefined && state.page > 1) params.set("page", String(state.page));
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** The page of entries the state shows, as the API's query. */
export function auditPageQuery(state: AuditState): ApiQuery<"GET /api/v1/audit"> {
  return { ...auditFilterQuery(state), limit: AUDIT_PAGE_SIZE, offset: ((state.page ?? 1) - 1) * AUDIT_PAGE_SIZE };
}

export { AUDIT_PAGE_SIZE };
