/** Accounts live in meta.users; demo accounts are created in demo mode only. */
import type { Role } from "../api/contract.ts";
import type { Database } from "../db/database.ts";
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

export async function ensureDemoUsers(db: Database, now: Date): Promise<void> {
  for (const user of demoUsers) {
    const existing = await db.query("SELECT 1 FROM meta.users WHERE username = $1", [user.username]);
    if (existing.length) continue;
    await db.query("INSERT INTO meta.users (username, password_hash, role, created_at) VALUES ($1, $2, $3, $4::TIMESTAMP)", [
      user.username,
      await hashPassword(DEMO_PASSWORD),
      user.role,
      now.toISOString(),
    ]);
  }
}

/** The user for these credentials, or null; disabled accounts cannot log in. */
export async function authenticate(db: Database, username: string, password: string): Promise<User | null> {
  const rows = await db.query("SELECT username, role, password_hash FROM meta.users WHERE username = $1 AND NOT disabled", [username]);
  const row = rows[0];
  if (!row) return verifyAgainstDummy(password).then(() => null);
  return (await verifyPassword(password, String(row.password_hash))) ? { username: String(row.username), role: row.role as Role } : null;
}
