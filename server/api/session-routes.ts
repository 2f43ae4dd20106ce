import { z } from "zod";
import type { Role, SessionInfo, SessionOptions } from "./contract.ts";
import type { AppDeps } from "../app.ts";
import type { LoginThrottle } from "../auth/login-throttle.ts";
import type { Session } from "../auth/session-store.ts";
import type { AuditLog } from "../auth/audit-log.ts";
import { accountExists, authenticate } from "../auth/users.ts";
import { HttpError } from "../http/http-error.ts";
import { msg, reason } from "../i18n/message.ts";
import { sessionOf, type Route } from "../http/routes.ts";
import type { SessionCookie } from "../http/session-cookie.ts";
import { parseInput } from "../http/validate.ts";

export const Credentials = z.object({
  username: z.string({ error: reason("param.required", { name: "username" }) }).min(1, { error: reason("param.required", { name: "username" }) }).max(100, { error: reason("param.maxChars", { max: 100 }) }),
  password: z.string({ error: reason("param.required", { name: "password" }) }).min(1, { error: reason("param.required", { name: "password" }) }).max(1000, { error: reason("param.maxChars", { max: 1000 }) }),
});

interface SessionDeps {
  deps: AppDeps;
  throttle: LoginThrottle;
  cookie: SessionCookie;
  audit: AuditLog;
}

export function sessionRoutes(route: Route, { deps, throttle, cookie, audit }: SessionDeps): void {
  const record = (user: { username: string; role: Role | "" }, action: "login" | "login-failed") =>
    audit.record(user, action, "password").catch((error: unknown) => deps.logger.error({ err: error }, `audit log write failed: ${error instanceof Error ? error.message : String(error)}`));

  const info = (session: Session): SessionInfo => ({
    username: session.username,
    role: session.role,
    csrfToken: session.csrfToken,
    demo: deps.config.MM_DEMO,
  });

  route("POST /api/v1/session", async (req, res) => {
    if (!req.is("application/json")) throw new HttpError(415, msg("session.jsonCredentials"));
    const { username, password } = parseInput(Credentials, req.body, "body");
    const keys = [`user:${username.toLowerCase()}`, `ip:${req.ip}`];
    if (throttle.isBlocked(keys)) throw new HttpError(429, msg("session.throttled"));
    const user = await authenticate(deps.db, username, password);
    if (!user) {
      throttle.recordFailure(keys);
      // A name that is no account may be a password typed in the wrong field: it is not written down.
      await record({ username: (await accountExists(deps.db, username)) ? username : "(unknown)", role: "" }, "login-failed");
      throw new HttpError(401, msg("session.wrongCredentials"));
    }
    throttle.reset(keys);
    await record(user, "login");
    res.json(info(cookie.start(res, user)));
  });

  route("GET /api/v1/session", (_req, res) => {
    res.json(info(sessionOf(res)!));
  });

  route("DELETE /api/v1/session", (_req, res) => {
    cookie.end(res);
    res.status(204).end();
  });

  /** What the login page may offer besides the password form. */
  route("GET /api/v1/session/options", (_req, res) => {
    res.json({ sso: deps.config.MM_OIDC_ISSUER !== undefined } satisfies SessionOptions);
  });
}
