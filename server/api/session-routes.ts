import { z } from "zod";
import type { SessionInfo } from "./contract.ts";
import type { AppDeps } from "../app.ts";
import type { LoginThrottle } from "../auth/login-throttle.ts";
import type { Session, SessionStore } from "../auth/session-store.ts";
import { authenticate } from "../auth/users.ts";
import { HttpError } from "../http/http-error.ts";
import { sessionOf, type Route } from "../http/routes.ts";
import { parseInput } from "../http/validate.ts";

const Credentials = z.object({
  username: z.string({ error: "username is required" }).min(1, { error: "username is required" }).max(100),
  password: z.string({ error: "password is required" }).min(1, { error: "password is required" }).max(1000),
});

interface SessionDeps {
  deps: AppDeps;
  sessions: SessionStore;
  throttle: LoginThrottle;
  cookieName: string;
}

export function sessionRoutes(route: Route, { deps, sessions, throttle, cookieName }: SessionDeps): void {
  const info = (session: Session): SessionInfo => ({
    username: session.username,
    role: session.role,
    csrfToken: session.csrfToken,
    demo: deps.config.MM_DEMO,
  });
  const cookieOptions = {
    httpOnly: true,
    sameSite: "strict" as const,
    secure: deps.config.MM_SECURE_COOKIES,
    path: "/",
  };

  route("POST /api/v1/session", async (req, res) => {
    if (!req.is("application/json")) throw new HttpError(415, "Unsupported Media Type", { detail: "send the credentials as application/json" });
    const { username, password } = parseInput(Credentials, req.body, "body");
    const keys = [`user:${username.toLowerCase()}`, `ip:${req.ip}`];
    if (throttle.isBlocked(keys)) throw new HttpError(429, "Too Many Requests", { detail: "too many failed logins; wait a minute and try again" });
    const user = await authenticate(deps.db, username, password);
    if (!user) {
      throttle.recordFailure(keys);
      throw new HttpError(401, "Unauthorized", { detail: "unknown username or wrong password" });
    }
    throttle.reset(keys);
    // A fresh id at every login: a session id planted before login is worthless afterwards.
    const previous = sessionOf(res);
    if (previous) sessions.destroy(previous.id);
    const session = sessions.create(user);
    res.cookie(cookieName, session.id, { ...cookieOptions, maxAge: deps.config.MM_SESSION_MAX_HOURS * 3_600_000 });
    res.json(info(session));
  });

  route("GET /api/v1/session", (_req, res) => {
    res.json(info(sessionOf(res)!));
  });

  route("DELETE /api/v1/session", (_req, res) => {
    sessions.destroy(sessionOf(res)!.id);
    res.clearCookie(cookieName, cookieOptions);
    res.status(204).end();
  });
}
