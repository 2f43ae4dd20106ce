/**
 * The OpenAPI 3.1 document of the API, built once at start-up from the operations table, the access
 * table and the zod schemas (see docs in operations.ts). Express's `:param` becomes `{param}`.
 * The server URL carries the major version (Dutch API Design Rules, /core/uri-version): paths are
 * relative to /api/v1; the operations endpoints outside it (/healthz, /readyz, /metrics) say so with
 * a server of their own on their path item.
 */
import type { RouteKey } from "../../../ground/contract/access.ts";
import { apiVersion } from "./api-version.ts";
import { componentJsonSchemas, securitySchemes } from "../../../ground/contract/openapi/components.ts";
import { describeOperation } from "./describe-operation.ts";
import { tags, type Operation } from "../../../ground/contract/openapi/operation.ts";
import { operations } from "../../../ground/contract/openapi/operations.ts";

export const openApiPath = (expressPath: string) => expressPath.replace(/:(\w+)/g, "{$1}");

/** The server every versioned path is relative to. */
export const API_BASE = "/api/v1";

/** Who answers questions about the API (ADR /core/doc-openapi-contact); no setting names another yet. */
export const apiContact = { name: "Milieumonitor", email: "api@milieumonitor.example", url: "https://milieumonitor.example/" } as const;

/** `/api/v1/themes/{themeId}` → `/themes/{themeId}` under API_BASE; `/healthz` stays, with the root as its server. */
function pathItemKey(path: string): { key: string; outside: boolean } {
  return path.startsWith(`${API_BASE}/`) ? { key: path.slice(API_BASE.length), outside: false } : { key: path, outside: true };
}

export function buildOpenApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [key, operation] of Object.entries(operations) as [RouteKey, Operation][]) {
    const [method = "", path = ""] = key.split(" ");
    const { key: pathKey, outside } = pathItemKey(openApiPath(path));
    const item = (paths[pathKey] ??= outside ? { servers: [{ url: "/" }] } : {});
    item[method.toLowerCase()] = describeOperation(key, operation);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Milieumonitor API",
      version: apiVersion,
      description:
        "Environmental and sustainability monitor for Dutch municipalities. Log in with POST /api/v1/session; send the session cookie, and on state-changing requests the X-CSRF-Token header. Errors are application/problem+json (RFC 9457). x-roles lists the roles that may call an operation. A known path asked with a method it does not list answers 405 with an Allow header naming the methods it does (RFC 9110); OPTIONS answers 204 with that Allow header.",
      "x-description-nl":
        "Milieu- en duurzaamheidsmonitor voor Nederlandse gemeenten. Log in met POST /api/v1/session; stuur de sessiecookie mee, en bij wijzigende verzoeken de header X-CSRF-Token. Fouten zijn application/problem+json (RFC 9457). x-roles noemt de rollen die een operatie mogen aanroepen. Een bekend pad met een methode die het niet kent geeft 405, met een Allow-header die de methoden noemt die het wel kent (RFC 9110); OPTIONS geeft 204 met die Allow-header.",
      contact: { ...apiContact },
      license: { name: "EUPL-1.2", identifier: "EUPL-1.2" },
    },
    servers: [{ url: API_BASE, description: "Version 1 of the API", "x-description-nl": "Versie 1 van de API" }],
    tags: Object.entries(tags).map(([name, { en, nl }]) => ({ name, description: en, "x-description-nl": nl })),
    paths,
    components: {
      schemas: componentJsonSchemas(),
      securitySchemes,
      headers: {
        "API-Version": { description: "The version of the API (semantic versioning), on every answer", schema: { type: "string", example: apiVersion } },
      },
    },
  };
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;
