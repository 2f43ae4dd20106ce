/**
 * GET /api/v1/openapi.json: the API described in OpenAPI 3.1, built once at start-up. Public: it is
 * a description, no data. Revalidated on every use (no-cache) against a strong ETag of its content.
 * Readable from any site (the Dutch API Design Rules, /core/publish-openapi): tools such as an API
 * register or a linter fetch it cross-origin, without credentials.
 */
import { createHash } from "node:crypto";
import type { RequestHandler } from "express";
import type { Route } from "../http/routes.ts";
import { allowCrossOrigin } from "../http/cors.ts";
import { buildOpenApiDocument } from "./openapi/build-document.ts";

/** Mounted on the document's path before the routes: answers a CORS preflight from any origin. */
export const openApiCrossOrigin: RequestHandler = allowCrossOrigin("*");

export function openapiRoutes(route: Route): void {
  const body = JSON.stringify(buildOpenApiDocument());
  const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
  route("GET /api/v1/openapi.json", (req, res) => {
    // Also without an Origin header, so a tool that checks the header itself sees it.
    res.set("cache-control", "no-cache").set("etag", etag).set("access-control-allow-origin", "*");
    // Checked here, not left to res.send: that ignores If-None-Match when the request says
    // Cache-Control: no-cache, which fetch() adds to every conditional request.
    const tags = (req.get("if-none-match") ?? "").split(",").map((tag) => tag.trim().replace(/^W\//, ""));
    if (tags.includes(etag) || tags.includes("*")) return void res.status(304).end();
    res.type("application/json").send(body);
  });
}
