/**
 * Request ids and the access log: every request gets an id (the caller's X-Request-Id when it is a
 * plain token, else a new UUID), answered in the X-Request-Id header and kept in
 * `res.locals.requestId`, and one log line when the response ends.
 *
 * The line names the route pattern (/api/v1/establishments/:id), not the URL: path parameters and
 * query strings can carry personal data (an establishment, an address, a username). Only a request
 * that matched no route logs its path, still without the query. Cookies, Authorization and bodies
 * are never logged, and of the session only its role.
 */
import { randomUUID } from "node:crypto";
import type { RequestHandler, Response } from "express";
import type { Logger } from "../../ground/logger.ts";
import { sessionOf } from "./routes.ts";

/** What an incoming X-Request-Id may be; anything else (CRLF, spaces, too long) is replaced. */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/** Probes and scrapers call these every few seconds: logged at debug, so they do not flood the log. */
const QUIET_ROUTES = new Set(["/healthz", "/readyz", "/metrics"]);

export const requestIdOf = (res: Response): string | undefined => res.locals.requestId as string | undefined;

/** What `onEnd` learns of each answered request (not of one the client gave up on). */
export interface RequestEnd {
  method: string;
  /** The route pattern, or null when no route matched. */
  route: string | null;
  status: number;
  seconds: number;
}

/** Logs every request, and hands each answered one to `onEnd` (the metrics' request durations). */
export function logRequests(logger: Logger, onEnd: (request: RequestEnd) => void = () => {}): RequestHandler {
  return (req, res, next) => {
    const given = req.get("x-request-id");
    const requestId = given !== undefined && REQUEST_ID_PATTERN.test(given) ? given : randomUUID();
    res.locals.requestId = requestId;
    res.set("X-Request-Id", requestId);
    const started = performance.now();
    // Taken now: middleware mounted on a prefix (/api) shortens req.path while it runs. It has no query string.
    const path = req.path;
    // "close" comes for every response, also one the client gave up on before it was sent.
    res.once("close", () => {
      const pattern = (req.route as { path?: unknown } | undefined)?.path;
      const route = typeof pattern === "string" ? `${req.baseUrl}${pattern}` : null;
      const role = sessionOf(res)?.role;
      const elapsedMs = performance.now() - started;
      if (res.writableFinished) onEnd({ method: req.method, route, status: res.statusCode, seconds: elapsedMs / 1000 });
      const fields = {
        requestId,
        method: req.method,
        route,
        ...(route ? {} : { path }),
        status: res.statusCode,
        durationMs: Math.round(elapsedMs),
        ...(role ? { role } : {}),
        ...(res.writableFinished ? {} : { aborted: true }),
      };
      const level = route && QUIET_ROUTES.has(route) ? "debug" : res.statusCode >= 500 ? "error" : "info";
      logger[level](fields, `${req.method} ${route ?? path} ${res.statusCode} ${fields.durationMs} ms`);
    });
    next();
  };
}
