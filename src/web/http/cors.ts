/**
 * Cross-origin reads of public data: the widget script and the public API it calls, from pages of
 * the sites in MM_WIDGET_ORIGINS ("*": any site). Never with credentials: no
 * Access-Control-Allow-Credentials, so a browser never sends or exposes cookies across sites, and the
 * public routes don't read the session anyway.
 */
import type { RequestHandler } from "express";
import { msg } from "../../ground/i18n/message.ts";
import { HttpError } from "./http-error.ts";
import { quoted } from "../../ground/i18n/quoted.ts";

/** How long a browser may reuse a preflight answer, in seconds. */
const PREFLIGHT_MAX_AGE = 600;

/** The allowed origins from the setting: "*" or a comma-separated list (no trailing slashes). */
export function parseOrigins(setting: string): "*" | ReadonlySet<string> {
  if (setting.trim() === "*") return "*";
  return new Set(setting.split(",").map((origin) => origin.trim().replace(/\/+$/, "").toLowerCase()));
}

/**
 * Sets the CORS headers for an allowed `Origin` (the origin itself, or "*" when any is allowed),
 * `Vary: Origin` always, and `Cross-Origin-Resource-Policy: cross-origin` (helmet's default,
 * same-origin, would stop other sites from loading the script). Answers a preflight itself: 204 for
 * an allowed origin, 403 for another.
 */
export function allowCrossOrigin(setting: string): RequestHandler {
  const allowed = parseOrigins(setting);
  return (req, res, next) => {
    res.vary("Origin");
    res.set("cross-origin-resource-policy", "cross-origin");
    const origin = req.get("origin");
    const isAllowed = origin !== undefined && (allowed === "*" || allowed.has(origin.toLowerCase()));
    if (isAllowed) res.set("access-control-allow-origin", allowed === "*" ? "*" : origin);
    const isPreflight = req.method === "OPTIONS" && origin !== undefined && req.get("access-control-request-method") !== undefined;
    if (!isPreflight) return next();
    if (!isAllowed) return next(new HttpError(403, msg("public.originDenied", { origin: quoted(origin) })));
    res
      .set("access-control-allow-methods", "GET, HEAD")
      .set("access-control-allow-headers", "If-None-Match")
      .set("access-control-max-age", String(PREFLIGHT_MAX_AGE))
      .status(204)
      .end();
  };
}
