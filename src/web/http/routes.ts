/**
 * Registers API routes by their key in the access table, putting the role check (and the CSRF check
 * for state-changing methods) in front of every handler. There is no other way to add a route.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { Router, type Express, type Request, type RequestHandler, type Response } from "express";
import { routeAccess, isAllowed, type RouteKey } from "../../ground/contract/access.ts";
import type { Session, SessionStore } from "../../engine/auth/session-store.ts";
import { readCookie } from "./cookies.ts";
import { HttpError } from "./http-error.ts";
import { msg } from "../../ground/i18n/message.ts";
import { quoted } from "../../ground/i18n/quoted.ts";

export type RouteHandler = RequestHandler;

export const sessionOf = (res: Response): Session | null => (res.locals.session as Session | undefined) ?? null;

/** Whether the request was let in by its bearer token (BearerTokens) rather than a session: a session sent along is not who acted. */
export const viaBearer = (res: Response): boolean => res.locals.bearer === true;

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

const hasBody = (req: Request) => req.headers["transfer-encoding"] !== undefined || Number(req.headers["content-length"] ?? 0) > 0;

/**
 * Paths that never read the session (ADR 0010): the public API and the widget script answer the
 * same to everyone, so a cookie sent along must neither renew the session's idle timer nor put a
 * role in their access-log line.
 */
export const SESSION_FREE_PREFIXES = ["/api/v1/public", "/widget"] as const;

/** Lower-cased because Express routes case-insensitively: /API/V1/PUBLIC/... reaches the public route too. */
const isSessionFree = (path: string) => {
  const lower = path.toLowerCase();
  return SESSION_FREE_PREFIXES.some((prefix) => lower === prefix || lower.startsWith(`${prefix}/`));
};

/**
 * Looks up the session cookie on every request but those under SESSION_FREE_PREFIXES; an unknown or
 * expired id is simply no session. A state database that does not answer fails the request (503 or
 * 500 through the error handler), never lets it through as logged out or in.
 */
export function loadSession(sessions: SessionStore, cookieName: string): RequestHandler {
  return async (req, res, next) => {
    const id = isSessionFree(req.path) ? undefined : readCookie(req.headers.cookie, cookieName);
    try {
      res.locals.session = id ? await sessions.touch(id) : null;
    } catch (error) {
      next(error);
      return;
    }
    next();
  };
}

export type Route = (key: RouteKey, handler: RouteHandler) => void;

/**
 * Called for every refused request of a logged-in user (403), for the audit log; the request gives
 * what was asked for (src/web/http/denied-subject.ts).
 */
export type OnDenied = (session: Session, route: RouteKey, req: Request) => Promise<void>;

/**
 * Routes a machine may call with `Authorization: Bearer <token>` instead of a session (e.g. the
 * backup command); a route without a configured token accepts none.
 */
export type BearerTokens = Partial<Record<RouteKey, string | undefined>>;

const digest = (text: string) => createHash("sha256").update(text).digest();

export function hasBearer(req: Request, token: string | undefined): boolean {
  const given = /^Bearer (\S+)$/.exec(req.get("authorization") ?? "")?.[1];
  return Boolean(token && given && timingSafeEqual(digest(given), digest(token)));
}

export function createRouteRegistrar(app: Express, onDenied: OnDenied = async () => {}, bearerTokens: BearerTokens = {}): Route {
  return (key, handler) => {
    const access = routeAccess[key];
    const [method, path] = key.split(" ") as [string, string];
    const checkSession = async (req: Request, res: Response) => {
      const session = sessionOf(res);
      if (access !== "public" && !session) throw new HttpError(401, msg("request.logIn"));
      if (!isAllowed(access, session?.role)) {
        await onDenied(session!, key, req);
        throw new HttpError(403, msg("request.roleDenied", { role: String(session?.role), method, path }));
      }
      if (session && access !== "public" && !SAFE_METHODS.has(req.method) && req.get("x-csrf-token") !== session.csrfToken) {
        await onDenied(session, key, req);
        throw new HttpError(403, msg("request.csrf"));
      }
    };
    const authorize: RequestHandler = async (req, res, next) => {
      // A bearer token is no ambient credential (a browser never sends one by itself): no CSRF check.
      if (hasBearer(req, bearerTokens[key])) res.locals.bearer = true;
      else await checkSession(req, res);
      // A form or text/plain body (what a cross-site form can send) is never accepted.
      if (!SAFE_METHODS.has(req.method) && hasBody(req) && !req.is("application/json")) {
        throw new HttpError(415, msg("request.jsonBody"));
      }
      next();
    };
    app[method.toLowerCase() as "get" | "post" | "patch" | "delete"](path, authorize, handler);
  };
}

/** The methods the access table lists per path, HEAD with GET (Express answers it by the GET route), and OPTIONS. */
function allowedMethodsByPath(): Map<string, Set<string>> {
  const byPath = new Map<string, Set<string>>();
  for (const key of Object.keys(routeAccess)) {
    const [method, path] = key.split(" ") as [string, string];
    const methods = byPath.get(path) ?? new Set<string>();
    methods.add(method);
    if (method === "GET") methods.add("HEAD");
    byPath.set(path, methods);
  }
  return byPath;
}

/**
 * RFC 9110: a path the access table knows, asked with a method it does not list, is a 405 whose
 * `Allow` names the methods it does list (the resource exists, so a 404 would be wrong); OPTIONS is
 * answered 204 with the same `Allow`. Mount it after every route and before the 404, so only a
 * request no route took gets here. Should several patterns match one path (a literal segment and
 * a `:param` in its place), their methods are collected first and the answer is given once.
 */
export function methodNotAllowed(): Router {
  const router = Router({ strict: true });
  for (const [path, methods] of allowedMethodsByPath()) {
    router.all(path, (_req, res, next) => {
      const allow = (res.locals.allow as Set<string> | undefined) ?? new Set<string>();
      for (const method of methods) allow.add(method);
      res.locals.allow = allow;
      next();
    });
  }
  router.use((req, res, next) => {
    const allow = res.locals.allow as Set<string> | undefined;
    if (!allow) return next();
    const header = [...allow, "OPTIONS"].join(", ");
    res.set("Allow", header);
    if (req.method === "OPTIONS") return void res.status(204).end();
    next(new HttpError(405, msg("request.methodNotAllowed", { method: req.method, path: quoted(req.baseUrl + req.path), allow: header })));
  });
  return router;
}
