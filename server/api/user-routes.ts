/**
 * Accounts for the admin, while the server runs (`npm run users` needs the database file to itself).
 * Disabling a user, changing their role or password ends their sessions at once.
 */
import { z } from "zod";
import { roles } from "./contract.ts";
import { AccountList, Account } from "./contract-dossier.ts";
import { AccountError, addAccount, listAccounts, updateAccount } from "../auth/users.ts";
import { PasswordCheckBusy } from "../auth/passwords.ts";
import type { SessionStore } from "../auth/session-store.ts";
import type { Database } from "../db/database.ts";
import { HttpError } from "../http/http-error.ts";
import type { Route } from "../http/routes.ts";
import { badParameter, parseInput } from "../http/validate.ts";
import { msg, reason } from "../i18n/message.ts";
import { choices } from "../i18n/choices.ts";

const role = z.enum(roles, { error: reason("param.oneOf", { choices: choices(roles) }) });
export const NewAccount = z.object({ username: z.string().max(64), password: z.string().max(1024), role }).strict();
export const Change = z
  .object({ role: role.optional(), disabled: z.boolean({ error: reason("param.boolean") }).optional(), password: z.string().max(1024).optional() })
  .strict()
  .refine((c) => Object.keys(c).length > 0, { error: reason("param.accountChange") });

/** Account rules broken (name taken, password too short) are the caller's to fix: 400 naming the field. */
function asProblem(error: unknown): never {
  if (error instanceof PasswordCheckBusy) throw new HttpError(429, msg("session.busy"), { retryAfter: 1 });
  if (!(error instanceof AccountError)) throw error;
  if (error.field === null) throw new HttpError(404, error.reason);
  throw badParameter(error.field, error.reason, "body");
}

export function userRoutes(route: Route, { db, sessions, clock }: { db: Database; sessions: SessionStore; clock: () => Date }): void {
  route("GET /api/v1/users", async (_req, res) => {
    res.json(AccountList.parse({ accounts: await listAccounts(db) }));
  });

  route("POST /api/v1/users", async (req, res) => {
    const body = parseInput(NewAccount, req.body, "body");
    const account = await addAccount(db, body.username, body.password, body.role, clock()).catch(asProblem);
    res.status(201).location(`/api/v1/users/${encodeURIComponent(account.username)}`).json(Account.parse(account));
  });

  route("PATCH /api/v1/users/:username", async (req, res) => {
    const change = parseInput(Change, req.body, "body");
    const username = String(req.params.username);
    const account = await updateAccount(db, username, change).catch(asProblem);
    const endedSessions = sessions.endSessionsOf(username);
    res.json({ ...Account.parse(account), endedSessions });
  });
}
