import type { Role, SessionInfo, SessionOptions } from "../../ground/contract/contract.ts";
import type { StateDb } from "../../store/state/state-db.ts";
import { Conflict } from "../../ground/domain-errors.ts";
import type { LoginThrottle } from "../../engine/auth/login-throttle.ts";
import { PasswordCheckBusy } from "../../engine/auth/passwords.ts";
import type { Session, SessionStore } from "../../engine/auth/session-store.ts";
import type { AuditLog } from "../../engine/auth/audit-log.ts";
import { accountExists, authenticate, recordLogin, type User } from "../../engine/auth/users.ts";
import { HttpError } from "../http/http-error.ts";
import { msg } from "../../ground/i18n/message.ts";
import { sessionOf, type Route } from "../http/routes.ts";
import type { SessionCookie } from "../http/session-cookie.ts";
import { parseInput } from "../http/validate.ts";
import type { Logger } from "../../ground/logger.ts";
import { Credentials } from "../../ground/contract/requests/session.ts";

interface SessionDeps {
  /** Accounts (and the audit log's store): the state database. */
  state: StateDb;
  logger: Logger;
  /** Whether this is the demo, and whether single sign-on is offered. */
  config: { MM_DEMO: boolean; MM_OIDC_ISSUER?: string | undefined };
  sessions: SessionStore;
  throttle: LoginThrottle;
  cookie: SessionCookie;
  audit: AuditLog;
  /** When a login happened, for the account's "last login". */
  clock: () => Date;
}

/** An account changed during each of this many password checks in a row: the login gives up. */
const MAX_CHECKS = 3;

export function sessionRoutes(route: Route, { state, logger, config, sessions, throttle, cookie, audit, clock }: SessionDeps): void {
  const record = (user: { username: string; role: Role | "" }, action: "login" | "login-failed") =>
    audit
      .record(user, action, "password")
      .catch((error: unknown) => logger.error({ err: error }, `audit log write failed: ${error instanceof Error ? error.message : String(error)}`));

  const info = (session: Session): SessionInfo => ({
    username: session.username,
    role: session.role,
    csrfToken: session.csrfToken,
    demo: config.MM_DEMO,
  });

  route("POST /api/v1/session", async (req, res) => {
    if (!req.is("application/json")) throw new HttpError(415, msg("session.jsonCredentials"));
    const { username, password } = parseInput(Credentials, req.body, "body");
    const keys = [`user:${username.toLowerCase()}`, `ip:${req.ip}`];
    const admission = await throttle.begin(keys);
    if (!admission.admitted) throw new HttpError(429, msg("session.throttled"), { retryAfter: admission.retryAfterSeconds });
    let login: { user: User; session: Session | null } | null = null;
    try {
      // The account is read before its password is checked, and may change meanwhile (an admin
      // disables it): the session is only stored for the account as it is then, else checked again.
      for (let check = 1; check <= MAX_CHECKS && !login?.session; check++) {
        const version = await sessions.accountVersion(username);
        const user = await authenticate(state, username, password);
        login = user && { user, session: await cookie.start(res, user, version) };
        if (!login) break;
      }
    } catch (error) {
      if (!(error instanceof PasswordCheckBusy)) throw error;
      await throttle.giveBack(admission.attempt);
      throw new HttpError(429, msg("session.busy"), { retryAfter: 1 });
    }
    if (!login) {
      // A name that is no account may be a password typed in the wrong field: it is not written down.
      await record({ username: (await accountExists(state, username)) ? username : "(unknown)", role: "" }, "login-failed");
      throw new HttpError(401, msg("session.wrongCredentials"));
    }
    if (!login.session) throw new Conflict(msg("session.accountChanged"));
    await throttle.giveBack(admission.attempt);
    await record(login.user, "login");
    // The login stands when this write fails: the last-login column is for the admin's overview only.
    await recordLogin(state, login.user.username, clock()).catch((error: unknown) =>
      logger.error({ err: error }, `last login not recorded: ${error instanceof Error ? error.message : String(error)}`),
    );
    res.json(info(login.session));
  });

  route("GET /api/v1/session", (_req, res) => {
    res.json(info(sessionOf(res)!));
  });

  route("DELETE /api/v1/session", async (_req, res) => {
    await cookie.end(res);
    res.status(204).end();
  });

  /** What the login page may offer besides the password form. */
  route("GET /api/v1/session/options", (_req, res) => {
    res.json({ sso: config.MM_OIDC_ISSUER !== undefined } satisfies SessionOptions);
  });
}
