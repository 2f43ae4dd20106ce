/**
 * Single sign-on with OpenID Connect. `GET /api/v1/session/oidc` sends the browser to the provider;
 * the provider sends it back to `GET /api/v1/session/oidc/callback`, which checks state, nonce and
 * PKCE, maps the groups to a role and starts a session exactly as the password login does. Both are
 * browser navigations, so every refusal is a redirect to the login view with a reason it can show
 * (`/#/login?sso=no-role`), and no session. The start may name the app page to return to
 * (`?next=/indicators/…`, see src/ground/contract/return-route.ts): it is validated there, kept on
 * the server with the pending login, and only ever put after `/#`, so it cannot redirect elsewhere.
 */
import type { Request, Response } from "express";
import type { SsoRefusal } from "../../ground/contract/contract.ts";
import { SsoStartQuery } from "../../ground/contract/requests/session.ts";
import type { StateDb } from "../../store/state/state-db.ts";
import type { AuditLog } from "../../engine/auth/audit-log.ts";
import { createOidcClient } from "../../engine/auth/oidc.ts";
import { readGroups, roleForGroups } from "../../engine/auth/oidc-roles.ts";
import { resolveOidcSettings, type OidcConfig } from "../../engine/auth/oidc-settings.ts";
import { resolveSsoUser } from "../../engine/auth/oidc-users.ts";
import { createPendingLogins } from "../../engine/auth/pending-logins.ts";
import type { SessionStore } from "../../engine/auth/session-store.ts";
import { currentUser, recordLogin } from "../../engine/auth/users.ts";
import { readCookie } from "../http/cookies.ts";
import { parseInput } from "../http/validate.ts";
import type { Route } from "../http/routes.ts";
import type { SessionCookie } from "../http/session-cookie.ts";
import type { Logger } from "../../ground/logger.ts";

const PENDING_TTL_MS = 10 * 60_000;

interface OidcDeps {
  /** Accounts: the state database. */
  state: StateDb;
  logger: Logger;
  clock: () => Date;
  /** The provider's settings, and whether cookies are Secure. */
  config: OidcConfig & { MM_SECURE_COOKIES: boolean };
  sessions: SessionStore;
  cookie: SessionCookie;
  audit: AuditLog;
}

export function oidcRoutes(route: Route, { state, logger, clock, config, sessions, cookie, audit }: OidcDeps): void {
  const settings = resolveOidcSettings(config);
  const oidc = settings ? createOidcClient(settings) : null;
  const pending = createPendingLogins({ ttlMs: PENDING_TTL_MS, clock });
  const secure = config.MM_SECURE_COOKIES;
  const pendingCookie = secure ? "__Host-mm_oidc" : "mm_oidc";
  // Lax, not Strict: the provider's redirect back is a cross-site navigation that must carry it.
  const pendingCookieOptions = { httpOnly: true, sameSite: "lax" as const, secure, path: "/" };

  const refuse = async (res: Response, reason: SsoRefusal, why: string, username = "", returnTo: string | null = null) => {
    // No claims, names or subject ids in the log: the reason is enough to find the cause.
    logger.warn({ reason }, `sso login refused (${reason}): ${why}`);
    // Audited once the provider has answered a login started here; before that, a request costs an
    // anonymous caller nothing, and each one writing a row would let anyone flood the audit log.
    if (reason !== "unavailable" && reason !== "expired")
      await audit
        .record({ username, role: "" }, "login-failed", `sso:${reason}`)
        .catch((error: unknown) => logger.error({ err: error }, `audit log write failed: ${(error as Error).message}`));
    // The page asked for stays asked for: a second attempt from the login page still returns there.
    res.redirect(303, `/#/login?sso=${reason}${returnTo ? `&next=${encodeURIComponent(returnTo)}` : ""}`);
  };

  route("GET /api/v1/session/oidc", async (req, res) => {
    const { next } = parseInput(SsoStartQuery, req.query, "query");
    if (!oidc) return refuse(res, "unavailable", "single sign-on is not configured (MM_OIDC_ISSUER)");
    let start;
    try {
      start = await oidc.begin();
    } catch (error) {
      return refuse(res, "unavailable", `provider discovery failed: ${(error as Error).message}`);
    }
    res.cookie(pendingCookie, pending.add(start.checks, next ?? null), { ...pendingCookieOptions, maxAge: PENDING_TTL_MS });
    res.redirect(303, start.url.href);
  });

  route("GET /api/v1/session/oidc/callback", async (req, res) => {
    const id = readCookie(req.headers.cookie, pendingCookie);
    const started = id ? pending.take(id) : null;
    res.clearCookie(pendingCookie, pendingCookieOptions);
    if (!oidc || !settings) return refuse(res, "unavailable", "single sign-on is not configured (MM_OIDC_ISSUER)");
    if (!started) return refuse(res, "expired", "no pending login for this browser (expired, used already, or never started here)");
    const { returnTo } = started;
    let identity;
    try {
      identity = await oidc.complete(callbackUrl(settings.redirectUri, req), started.checks);
    } catch (error) {
      return refuse(res, "failed", `the provider's answer did not verify: ${(error as Error).message}`, "", returnTo);
    }
    const role = roleForGroups(readGroups(identity.claims, settings.groupsClaim), settings.roleMap);
    if (!role) return refuse(res, "no-role", `none of the user's groups (claim ${settings.groupsClaim}) is in MM_OIDC_ROLE_MAP`, "", returnTo);
    const login = await resolveSsoUser(state, identity, role, clock());
    if ("refused" in login) return refuse(res, "disabled", "the account is disabled", login.username, returnTo);
    // A role changed by the provider's groups ends the account's other sessions, as an admin's change does.
    if (login.roleChanged) await sessions.endSessionsOf(login.user.username);
    // As the password login: the session is stored for the account as it is then (an admin may
    // disable it or change its role meanwhile), read after the account version it is checked against.
    let session = null;
    for (let check = 1; check <= 3 && !session; check++) {
      const version = await sessions.accountVersion(login.user.username);
      const user = await currentUser(state, login.user.username);
      if (!user) return refuse(res, "disabled", "the account is disabled", login.user.username, returnTo);
      session = await cookie.start(res, user, version);
    }
    if (!session) return refuse(res, "failed", "the account kept changing during the login", login.user.username, returnTo);
    await audit.record(session, "login", "sso");
    // The login stands when this write fails: the last-login column is for the admin's overview only.
    await recordLogin(state, session.username, clock()).catch((error: unknown) =>
      logger.error({ err: error }, `last login not recorded: ${error instanceof Error ? error.message : String(error)}`),
    );
    res.redirect(303, returnTo ? `/#${returnTo}` : "/");
  });
}

/** The URL the provider redirected to: the configured redirect URI, never the Host header, plus the query. */
function callbackUrl(redirectUri: URL, req: Request): URL {
  const url = new URL(redirectUri);
  const query = req.originalUrl.indexOf("?");
  url.search = query === -1 ? "" : req.originalUrl.slice(query);
  return url;
}
