/**
 * The admin's audit log query: filters (user, actions, subject, period, free text), paging, and
 * `format=csv` for an export of every matching entry (up to a cap). Dates are days in the
 * municipality's time zone, both ends included.
 */
import { z } from "zod";
import { AuditEntry } from "../contract-dossier.ts";
import { choices } from "../../i18n/choices.ts";
import { reason } from "../../i18n/message.ts";
import { boundedInt, csvOptions } from "../params.ts";

export type AuditAction = AuditEntry["action"];
export const auditActions: readonly AuditAction[] = AuditEntry.shape.action.options;

const isAction = (value: string): value is AuditAction => (auditActions as readonly string[]).includes(value);

const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { error: reason("param.notEmpty") })
    .max(max, { error: reason("param.maxChars", { max }) });

/** One action or several, comma-separated (`action=login,denied`): a link keeps them in one parameter. */
const actionList = z
  .string()
  .transform((list) => list.split(",").map((part) => part.trim()))
  .refine((list) => list.every(isAction), { error: reason("param.oneOf", { choices: choices(auditActions) }) })
  .transform((list) => [...new Set(list as AuditAction[])]);

const isoDate = (name: string) => z.iso.date({ error: reason("param.date", { name }) });

export const AuditQuery = z
  .object({
    /** The username, exactly (case-insensitive). */
    user: text(100).optional(),
    action: actionList.optional(),
    /** Part of the subject. */
    subject: text(200).optional(),
    from: isoDate("from").optional(),
    to: isoDate("to").optional(),
    /** Part of the username, the action or the subject. */
    q: text(200).optional(),
    limit: boundedInt(1, 500).default(100),
    offset: boundedInt(0, 10_000_000).default(0),
    format: z.enum(["json", "csv"], { error: reason("param.oneOf", { choices: choices(["json", "csv"]) }) }).optional(),
    ...csvOptions,
  })
  .strict()
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { error: reason("param.fromNotAfterTo"), path: ["from"] });
export type AuditQuery = z.output<typeof AuditQuery>;

/** What the audit log is filtered by (the query without paging and file options). */
export type AuditFilter = Pick<AuditQuery, "user" | "action" | "subject" | "from" | "to" | "q">;
