/**
 * Single sign-on accounts (meta.oidc_users), found by issuer + subject: the name and e-mail address
 * in the claims are never a key, because they change and get reused (Grafana's CVE-2023-3128 matched
 * users on a mutable e-mail claim). The username is made once, at the first login, from the
 * preferred name, prefixed "sso:" so it can never be, or be taken for, a password account.
 */
import type { Role } from "../../ground/contract/contract.ts";
import type { StateDb, StateTransaction } from "../../store/state/state-db.ts";
import type { OidcIdentity } from "./oidc.ts";
import type { User } from "./users.ts";

/** Stored instead of a password hash: verifyPassword rejects it, so no password login. */
const NO_PASSWORD = "sso";

export type SsoLogin = { user: User; roleChanged: boolean } | { refused: "disabled"; username: string };

/** "sso:" and the preferred username or name in lower-case letters, digits, ".", "_" and "-". */
export function usernameBase(claims: Record<string, unknown>): string {
  const wanted = [claims.preferred_username, claims.name].find((value): value is string => typeof value === "string" && value.trim() !== "") ?? "";
  const slug = wanted
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/^[-._]+|[-._]+$/g, "")
    .slice(0, 48);
  return `sso:${slug || "user"}`;
}

async function freeUsername(tx: StateTransaction, base: string): Promise<string> {
  const taken = new Set(
    (await tx.query("SELECT username FROM meta.users WHERE username = $1 OR starts_with(username, $2)", [base, `${base}-`])).map((r) => String(r.username)),
  );
  let candidate = base;
  for (let n = 2; taken.has(candidate); n++) candidate = `${base}-${n}`;
  return candidate;
}

/**
 * The account for this identity, created at its first login; its role is set from the groups at
 * every login. A disabled account stays refused whatever its groups say.
 */
export async function resolveSsoUser(db: StateDb, identity: OidcIdentity, role: Role, now: Date): Promise<SsoLogin> {
  // Logins at the same moment may write the same rows (one user twice, or two users wanting the same
  // name): the database commits one and reports a conflict or duplicate key to the other, which runs again.
  for (let attempt = 1; ; attempt++) {
    try {
      return await resolveOnce(db, identity, role, now);
    } catch (error) {
      if (attempt >= 5 || !/conflict|duplicate key/i.test((error as Error).message)) throw error;
      // A random pause, so the losers don't collide with each other again.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}

async function resolveOnce(db: StateDb, identity: OidcIdentity, role: Role, now: Date): Promise<SsoLogin> {
  const at = now.toISOString().replace("Z", "");
  return db.transaction<SsoLogin>(async (tx) => {
    const [known] = await tx.query(
      "SELECT o.username, u.role, u.disabled FROM meta.oidc_users o LEFT JOIN meta.users u USING (username) WHERE o.issuer = $1 AND o.subject = $2",
      [identity.issuer, identity.subject],
    );
    if (known) {
      const username = String(known.username);
      // A linked account that is gone counts as disabled: fail closed rather than re-create it.
      if (known.disabled !== false) return { refused: "disabled", username };
      if (known.role !== role) await tx.query("UPDATE meta.users SET role = $2 WHERE username = $1", [username, role]);
      await tx.query("UPDATE meta.oidc_users SET last_login = $3::TIMESTAMP WHERE issuer = $1 AND subject = $2", [identity.issuer, identity.subject, at]);
      return { user: { username, role }, roleChanged: known.role !== role };
    }
    const username = await freeUsername(tx, usernameBase(identity.claims));
    await tx.query("INSERT INTO meta.users (username, password_hash, role, created_at) VALUES ($1, $2, $3, $4::TIMESTAMP)", [username, NO_PASSWORD, role, at]);
    await tx.query("INSERT INTO meta.oidc_users (issuer, subject, username, created_at, last_login) VALUES ($1, $2, $3, $4::TIMESTAMP, $4::TIMESTAMP)", [
      identity.issuer,
      identity.subject,
      username,
      at,
    ]);
    return { user: { username, role }, roleChanged: false };
  });
}
