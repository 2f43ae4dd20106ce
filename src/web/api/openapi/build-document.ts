/**
 * The OpenAPI 3.1 document of the API, built once at start-up from the operations table, the access
 * table and the zod schemas (see docs in operations.ts). Express's `:param` becomes `{param}`.
 */
import type { RouteKey } from "../../../ground/contract/access.ts";
import { apiVersion } from "./api-version.ts";
import { componentJsonSchemas, securitySchemes } from "../../../ground/contract/openapi/components.ts";
import { describeOperation } from "./describe-operation.ts";
import { tags, type Operation } from "../../../ground/contract/openapi/operation.ts";
import { operations } from "../../../ground/contract/openapi/operations.ts";

export const openApiPath = (expressPath: string) => expressPath.replace(/:(\w+)/g, "{$1}");

export function buildOpenApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [key, operation] of Object.entries(operations) as [RouteKey, Operation][]) {
    const [method = "", path = ""] = key.split(" ");
    (paths[openApiPath(path)] ??= {})[method.toLowerCase()] = describeOperation(key, operation);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Milieumonitor API",
      version: apiVersion,
      description:
        "Environmental and sustainability monitor for Dutch municipalities. Log in with POST /api/v1/session; send the session cookie, and on state-changing requests the X-CSRF-Token header. Errors are application/problem+json (RFC 9457). x-roles lists the roles that may call an operation.",
      "x-description-nl":
        "Milieu- en duurzaamheidsmonitor voor Nederlandse gemeenten. Log in met POST /api/v1/session; stuur de sessiecookie mee, en bij wijzigende verzoeken de header X-CSRF-Token. Fouten zijn application/problem+json (RFC 9457). x-roles noemt de rollen die een operatie mogen aanroepen.",
      license: { name: "EUPL-1.2", identifier: "EUPL-1.2" },
    },
    servers: [{ url: "/" }],
    tags: Object.entries(tags).map(([name, { en, nl }]) => ({ name, description: en, "x-description-nl": nl })),
    paths,
    components: {
      schemas: componentJsonSchemas(),
      securitySchemes,
      headers: {
        "API-Version": { description: "The version of the API (semantic versioning), on every /api answer", schema: { type: "string", example: apiVersion } },
      },
    },
  };
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;
