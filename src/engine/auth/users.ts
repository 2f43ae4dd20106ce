/**
 * Accounts live in meta.users (in the state database: the DuckDB file, or PostgreSQL); demo accounts are created in demo mode only, and disabled when the
 * same database is served outside demo mode. Managed with `npm run users` or the admin API.
 */
import { roles, type Role } from "../../ground/contract/contract.ts";
// The rules are shared with the admin's account page, which shows them as they are typed.
import { MIN_PASSWORD_LENGTH, isLongEnoughPassword, isValidUsername } from "../../ground/contract/account-rules.ts";
import type { StateQuery } from "../../store/state/state-db.ts";
import { isoSeconds, utcTimestamp } from "../../store/state/timestamps.ts";
import { msg, renderMessage, type Message } from "../../ground/i18n/message.ts";
import { quoted } from "../../ground/i18n/quoted.ts";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "./passwords.ts";

export interface User {
  username: string;
  role: Role;
}

export const DEMO_PASSWORD = "demo";
export const demoUsers: User[] = [
  { username: "policy", role: "policy" },
  { username: "permit", role: "permit" },
  { username: "analyst", role: "analyst" },
  { username: "admin", role: "admin" },
];

export async function ensureDemoUsers(db: StateQuery, now: Date): Promise<void> {
  for (const user of demoUsers) {
    const existing = await db.query("SELECT 1 FROM meta.users WHERE username = $1", [user.username]);
    if (existing.length) continue;
    // A writer and its readers start at once on one shared state database: the first insert wins.
    await db.query("INSERT INTO meta.users (username, password_hash, role, created_at) VALUES ($1, $2, $3, $4::TIMESTAMP) ON CONFLICT (username) DO NOTHING", [
      user.username,
      await hashPassword(DEMO_PASSWORD),
      user.role,
      utcTimestamp(now),
    ]);
  }
}

export async function accountExists(db: StateQuery, username: string): Promise<boolean> {
  return (await db.query("SELECT 1 FROM meta.users WHERE username = $1", [username])).length > 0;
}

/** The account as it is now, or null when it is disabled or gone. */
export async function currentUser(db: StateQuery, username: string): Promise<User | null> {
  const rows = await db.query("SELECT username, role FROM meta.users WHERE username = $1 AND NOT disabled", [username]);
  return rows[0] ? { username: String(rows[0].username), role: rows[0].role as Role } : null;
}

/** The user for these credentials, or null; disabled accounts cannot log in. */
export async function authenticate(db: StateQuery, username: string, password: string): Promise<User | null> {
  const rows = await db.query("SELECT username, role, password_hash FROM meta.users WHERE username = $1 AND NOT disabled", [username]);
  const row = rows[0];
  if (!row) return verifyAgainstDummy(password).then(() => null);
  return (await verifyPassword(password, String(row.password_hash))) ? { username: String(row.username), role: row.role as Role } : null;
}

export interface Account extends User {
  disabled: boolean;
  createdAt: string;
  /** The last successful login; null when the account never logged in. */
  lastLoginAt: string | null;
  /** A single sign-on account (linked in meta.oidc_users): no password to set. */
  sso: boolean;
}

/** An account rule broken: `field` names the input to fix; null when the account does not exist. */
export class AccountError extends Error {
  constructor(
    readonly field: string | null,
    readonly reason: Message,
  ) {
    super(field ? `${field}: ${renderMessage("en", reason)}` : renderMessage("en", reason));
  }
}

function checkNew(username: string, password: string, role: string): asserts role is Role {
  if (!isValidUsername(username)) throw new AccountError("username", msg("account.username"));
  if (!isLongEnoughPassword(password)) throw new AccountError("password", msg("account.passwordLength", { min: MIN_PASSWORD_LENGTH }));
  if (!roles.includes(role as Role)) throw new AccountError("role", msg("account.role", { roles: roles.join(", ") }));
}

/** Every account, or the one named; an account is an SSO account when meta.oidc_users links it. */
async function readAccounts(db: StateQuery, username: string | null): Promise<Account[]> {
  const rows = await db.query(
    `SELECT u.username, u.role, u.disabled, u.created_at, u.last_login_at,
       EXISTS (SELECT 1 FROM meta.oidc_users o WHERE o.username = u.username) AS sso
     FROM meta.users u WHERE $1::VARCHAR IS NULL OR u.username = $1 ORDER BY u.username`,
    [username],
  );
  return rows.map((r) => ({
    username: String(r.username),
    role: r.role as Role,
    disabled: Boolean(r.disabled),
    createdAt: isoSeconds(r.created_at),
    lastLoginAt: isoSeconds(r.last_login_at, "nullable"),
    sso: Boolean(r.sso),
  }));
}

export async function listAccounts(db: StateQuery): Promise<Account[]> {
  return readAccounts(db, null);
}

/** Called on each successful login, password or single sign-on, for the admin's "last login". */
export async function recordLogin(db: StateQuery, username: string, now: Date): Promise<void> {
  await db.query("UPDATE meta.users SET last_login_at = $2::TIMESTAMP WHERE username = $1", [username, now.toISOString().replace("Z", "")]);
}

export async function addAccount(db: StateQuery, username: string, password: string, role: string, now: Date): Promise<Account> {
  checkNew(username, password, role);
  if ((await db.query("SELECT 1 FROM meta.users WHERE username = $1", [username])).length)
    throw new AccountError("username", msg("account.exists", { username: quoted(username) }));
  await db.query("INSERT INTO meta.users (username, password_hash, role, created_at) VALUES ($1, $2, $3, $4::TIMESTAMP)", [
    username,
    await hashPassword(password),
    role,
    now.toISOString().replace("Z", ""),
  ]);
  return { username, role, disabled: false, createdAt: now.toISOString().slice(0, 19) + "Z", lastLoginAt: null, sso: false };
}

/** Changes role, disabled flag or password; the caller ends the account's sessions. */
export async function updateAccount(db: StateQuery, username: string, change: { role?: string; disabled?: boolean; password?: string }): Promise<Account> {
  if (change.role !== undefined && !roles.includes(change.role as Role)) throw new AccountError("role", msg("account.role", { roles: roles.join(", ") }));
  if (change.password !== undefined && !isLongEnoughPassword(change.password))
    throw new AccountError("password", msg("account.passwordLength", { min: MIN_PASSWORD_LENGTH }));
  if (change.password !== undefined && username.startsWith("sso:")) throw new AccountError("password", msg("account.ssoPassword"));
  const [existing] = await readAccounts(db, username);
  if (!existing) throw new AccountError(null, msg("unknown.user", { username: quoted(username) }));
  if (change.password !== undefined && existing.sso) throw new AccountError("password", msg("account.ssoPassword"));
  await db.query("UPDATE meta.users SET role = $2, disabled = $3, password_hash = coalesce($4, password_hash) WHERE username = $1", [
    username,
    change.role ?? existing.role,
    change.disabled ?? existing.disabled,
    change.password === undefined ? null : await hashPassword(change.password),
  ]);
  return { ...existing, role: (change.role as Role | undefined) ?? existing.role, disabled: change.disabled ?? existing.disabled };
}

/** Outside demo mode, demo accounts that still have the demo password are disabled; returns their names. */
export async function disableDemoAccounts(db: StateQuery): Promise<string[]> {
  const disabled = [];
  for (const { username } of demoUsers) {
    const rows = await db.query("SELECT password_hash FROM meta.users WHERE username = $1 AND NOT disabled", [username]);
    if (rows[0] && (await verifyPassword(DEMO_PASSWORD, String(rows[0].password_hash)))) {
      await db.query("UPDATE meta.users SET disabled = true WHERE username = $1", [username]);
      disabled.push(username);
    }
  }
  return disabled;
}
