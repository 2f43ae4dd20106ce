/**
 * Accounts for the admin, while the server runs (`npm run users` needs the database file to itself).
 * Disabling a user, changing their role or password ends their sessions at once.
 */
import { z } from "zod";
import { roles } from "./contract.ts";
import { AccountList, Account } from "./contract-dossier.ts";
import { AccountError, addAccount, listAccounts, updateAccount } from "../auth/users.ts";
import type { SessionStore } from "../auth/session-store.ts";
import type { Database } from "../db/database.ts";
import { HttpError } from "../http/http-error.ts";
import type { Route } from "../http/routes.ts";
import { parseInput } from "../http/validate.ts";

const role = z.enum(roles, { error: `must be one of ${roles.join(", ")}` });
export const NewAccount = z.object({ username: z.string().max(64), password: z.string().max(1024), role }).strict();
export const Change = z
  .object({ role: role.optional(), disabled: z.boolean({ error: "must be true or false" }).optional(), password: z.string().max(1024).optional() })
  .strict()
  .refine((c) => Object.keys(c).length > 0, { error: "give role, disabled or password" });

/** Account rules broken (name taken, password too short) are the caller's to fix: 400 naming the field. */
function asProblem(error: unknown): never {
  if (!(error instanceof AccountError)) throw error;
  if (error.message.startsWith("unknown user")) throw new HttpError(404, "Not Found", { detail: error.message });
  const [name] = error.message.split(":");
  throw new HttpError(400, "Bad Request", { detail: error.message, invalidParams: [{ name, reason: error.message }] });
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
