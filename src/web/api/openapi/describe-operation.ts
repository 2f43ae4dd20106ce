/**
 * One operation of the document: its entry in the operations table plus what follows from the
 * access table (who may call it, how to authenticate) and from its schemas (the usual errors).
 */
import { roles } from "../../../ground/contract/contract.ts";
import { routeAccess, type RouteKey } from "../../../ground/contract/access.ts";
import { isWriterRoute } from "../../../ground/contract/writer-routes.ts";
import { componentRef } from "../../../ground/contract/openapi/components.ts";
import type { Operation, Reply } from "../../../ground/contract/openapi/operation.ts";
import { problem } from "../../../ground/contract/openapi/operation.ts";
import { parametersOf, requestBodyOf } from "./parameters.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** `GET /api/v1/themes/:themeId` → `getApiV1ThemesThemeId`. */
const operationIdOf = (method: string, path: string) =>
  method.toLowerCase() + path.replace(/[^A-Za-z0-9]+([A-Za-z0-9])?/g, (_, next: string | undefined) => (next ?? "").toUpperCase());

/**
 * Every answer carries API-Version (app.ts sets it for /api and for the operations endpoints), but
 * load shedding answers an /api 503 before that, so that one is documented without it.
 */
function responseOf(reply: Reply, withVersion: boolean) {
  const headers = { ...(withVersion ? { "API-Version": { $ref: "#/components/headers/API-Version" } } : {}), ...reply.headers };
  return {
    description: reply.description,
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
    ...(reply.content
      ? {
          content: Object.fromEntries(
            Object.entries(reply.content).map(([type, schema]) => [
              type,
              schema === null ? {} : { schema: typeof schema === "string" ? componentRef(schema) : schema },
            ]),
          ),
        }
      : {}),
  };
}

export function describeOperation(key: RouteKey, operation: Operation) {
  const access = routeAccess[key];
  const [method = "", path = ""] = key.split(" ");
  const isApi = path.startsWith("/api/");
  const changes = !SAFE_METHODS.has(method);
  const parameters = [...parametersOf(operation.path, "path"), ...parametersOf(operation.query, "query")];
  const requestBody = requestBodyOf(operation.body);

  const errors: Record<number, Reply> = {};
  // Express tags every answer it sends whole with an ETag (the answer cache with its own), and answers
  // a GET whose If-None-Match names it with 304 and no body; a browser revalidating does exactly that.
  if (method === "GET")
    errors[304] = {
      description: "Not modified: If-None-Match names the answer's current ETag (no body)",
      headers: { ETag: { description: "The answer's ETag", schema: { type: "string" } } },
    };
  if (parameters.length > 0 || requestBody) errors[400] = problem("A parameter is invalid; invalidParams names it and says how to fix it");
  if (access !== "public") errors[401] = problem("Not logged in");
  if (Array.isArray(access) || (changes && access !== "public"))
    errors[403] = problem("The role may not call this, or the X-CSRF-Token header is missing or wrong");
  if (operation.path) errors[404] = problem("No such resource");
  if (requestBody || changes) errors[415] = problem("The body is not application/json");
  if (isApi)
    errors[503] = problem(
      isWriterRoute(key)
        ? "Too many requests in progress (try again after Retry-After), or this is a read-only reader (MM_MODE=reader): send it to the writer"
        : "Too many requests in progress; try again after Retry-After",
    );
  errors[500] = problem("An unexpected error: nothing internal is said, the server logged it under the requestId");
  const replies = { ...errors, ...operation.responses };

  const session = changes ? { cookieAuth: [], csrfHeader: [] } : { cookieAuth: [] };
  const security = access === "public" ? (operation.bearer ? [{}, { bearerAuth: [] }] : []) : [session, ...(operation.bearer ? [{ bearerAuth: [] }] : [])];

  return {
    operationId: operationIdOf(method, path),
    summary: operation.summary,
    "x-summary-nl": operation.summaryNl,
    tags: [operation.tag],
    "x-access": Array.isArray(access) ? "roles" : access,
    "x-roles": Array.isArray(access) ? [...access] : [...roles],
    security,
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(requestBody ? { requestBody } : {}),
    responses: Object.fromEntries(Object.entries(replies).map(([status, reply]) => [status, responseOf(reply, !(isApi && status === "503"))])),
  };
}
