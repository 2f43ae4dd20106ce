/**
 * Accounts for the admin, while the server runs (`npm run users` needs the database file to itself).
 * Disabling a user, changing their role or password ends their sessions at once. Every change is in
 * the audit log with the admin who made it and the account as subject; never a password.
 */
import { AccountList, Account, type AuditEntry } from "../../ground/contract/contract-dossier.ts";
import { AccountError, addAccount, listAccounts, updateAccount } from "../../engine/auth/users.ts";
import type { AuditLog } from "../../engine/auth/audit-log.ts";
import { PasswordCheckBusy } from "../../engine/auth/passwords.ts";
import type { SessionStore } from "../../engine/auth/session-store.ts";
import type { StateDb } from "../../store/state/state-db.ts";
import { BadParameter, NotFound } from "../../ground/domain-errors.ts";
import { HttpError } from "../http/http-error.ts";
import { sessionOf, type Route } from "../http/routes.ts";
import { parseInput } from "../http/validate.ts";
import { msg } from "../../ground/i18n/message.ts";
import { Change, NewAccount } from "../../ground/contract/requests/users.ts";

/** Account rules broken (name taken, password too short) are the caller's to fix: 400 naming the field. */
function asProblem(error: unknown): never {
  if (error instanceof PasswordCheckBusy) throw new HttpError(429, msg("session.busy"), { retryAfter: 1 });
  if (!(error instanceof AccountError)) throw error;
  if (error.field === null) throw new NotFound(error.reason);
  throw new BadParameter(error.field, error.reason, "body");
}

/** The audit actions of a change, one per part of it (a role and a password at once are two entries). */
function changeActions(change: { role?: string; disabled?: boolean; password?: string }): AuditEntry["action"][] {
  const actions: AuditEntry["action"][] = [];
  if (change.role !== undefined) actions.push("user-role");
  if (change.disabled !== undefined) actions.push(change.disabled ? "user-disable" : "user-enable");
  if (change.password !== undefined) actions.push("user-password");
  return actions;
}

interface UserDeps {
  /** Accounts: the state database. */
  state: StateDb;
  sessions: SessionStore;
  clock: () => Date;
  audit: AuditLog;
}

export function userRoutes(route: Route, { state, sessions, clock, audit }: UserDeps): void {
  route("GET /api/v1/users", async (_req, res) => {
    res.json(AccountList.parse({ accounts: await listAccounts(state) }));
  });

  route("POST /api/v1/users", async (req, res) => {
    const body = parseInput(NewAccount, req.body, "body");
    const account = await addAccount(state, body.username, body.password, body.role, clock()).catch(asProblem);
    await audit.record(sessionOf(res)!, "user-add", account.username);
    res
      .status(201)
      .location(`/api/v1/users/${encodeURIComponent(account.username)}`)
      .json(Account.parse(account));
  });

  route("PATCH /api/v1/users/:username", async (req, res) => {
    const change = parseInput(Change, req.body, "body");
    const username = String(req.params.username);
    // An admin who disabled or demoted their own account would lock themselves out (perhaps the last admin).
    if (username === sessionOf(res)!.username) {
      if (change.disabled === true) throw new BadParameter("disabled", msg("account.notOwnAccount"), "body");
      if (change.role !== undefined && change.role !== "admin") throw new BadParameter("role", msg("account.notOwnAccount"), "body");
    }
    const account = await updateAccount(state, username, change).catch(asProblem);
    const endedSessions = await sessions.endSessionsOf(username);
    for (const action of changeActions(change)) await audit.record(sessionOf(res)!, action, username);
    res.json({ ...Account.parse(account), endedSessions });
  });
}
