/**
 * The parts of the OpenAPI document (src/web/api/openapi/) the API page reads, and how it reads them.
 * Typed here rather than imported: the page shows whatever document the server sends.
 */
import type { Role } from "../../../../src/ground/contract/contract.ts";

export type JsonSchema = Record<string, unknown>;

export interface ParameterObject {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema?: JsonSchema;
  description?: string;
  "x-description-nl"?: string;
}

export interface OperationObject {
  summary?: string;
  "x-summary-nl"?: string;
  tags?: string[];
  "x-access"?: "public" | "authenticated" | "roles";
  "x-roles"?: string[];
  parameters?: ParameterObject[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, { description?: string; content?: Record<string, unknown> }>;
}

export interface ServerObject {
  url: string;
}

/** Operations by method; `servers` overrides the document's for this path. */
export type PathItemObject = { servers?: ServerObject[] } & Record<string, OperationObject | ServerObject[] | undefined>;

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  servers?: ServerObject[];
  tags?: { name: string; description?: string; "x-description-nl"?: string }[];
  paths: Record<string, PathItemObject>;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** The answer of GET /api/v1/openapi.json as the page reads it, once its essentials are there. */
export function readOpenApiDocument(body: Record<string, unknown>): OpenApiDocument {
  const { openapi, info, paths } = body;
  if (typeof openapi !== "string" || !isObject(info) || typeof info.version !== "string" || !isObject(paths)) {
    throw new TypeError("the API did not answer with an OpenAPI document");
  }
  return body as unknown as OpenApiDocument;
}

export interface ListedOperation {
  method: string;
  path: string;
  operation: OperationObject;
}

const methodOrder = ["get", "post", "put", "patch", "delete"];

/**
 * The path as a caller requests it: the path item's server (or the document's) before the path, so
 * `/themes` under the server `/api/v1` is `/api/v1/themes` and `/healthz` under `/` stays `/healthz`.
 */
export function requestPath(doc: OpenApiDocument, path: string): string {
  const server = doc.paths[path]?.servers?.[0]?.url ?? doc.servers?.[0]?.url ?? "/";
  return `${server.replace(/\/+$/, "")}${path}`;
}

/** Operations per tag, in the document's tag order, then in path order, GET before the others. */
export function groupByTag(doc: OpenApiDocument): { tag: string; operations: ListedOperation[] }[] {
  const groups = new Map<string, ListedOperation[]>((doc.tags ?? []).map((tag) => [tag.name, []]));
  for (const [relative, methods] of Object.entries(doc.paths)) {
    const path = requestPath(doc, relative);
    for (const [method, operation] of Object.entries(methods)) {
      if (!methodOrder.includes(method)) continue;
      const operationObject = operation as OperationObject;
      const tag = operationObject.tags?.[0] ?? "";
      if (!groups.has(tag)) groups.set(tag, []);
      groups.get(tag)!.push({ method, path, operation: operationObject });
    }
  }
  for (const operations of groups.values()) {
    operations.sort((a, b) => a.path.localeCompare(b.path) || methodOrder.indexOf(a.method) - methodOrder.indexOf(b.method));
  }
  return [...groups].filter(([, operations]) => operations.length > 0).map(([tag, operations]) => ({ tag, operations }));
}

const roleNames: readonly Role[] = ["policy", "permit", "analyst", "admin"];

/** The roles the operation lists that the client knows (an unknown name is not shown as a role). */
export function rolesOf(operation: OperationObject): Role[] {
  return roleNames.filter((role) => operation["x-roles"]?.includes(role));
}

/** A schema in a few words: its values when it has an enum, else its type, with its default. */
export function describeSchema(schema: JsonSchema | undefined): { type: string; defaultValue?: string } {
  if (!schema) return { type: "" };
  const values = Array.isArray(schema.enum) ? schema.enum.map(String).join(" | ") : null;
  const type = Array.isArray(schema.type) ? schema.type.join(" | ") : typeof schema.type === "string" ? schema.type : "";
  const format = typeof schema.format === "string" ? ` (${schema.format})` : "";
  const range = typeof schema.minimum === "number" && typeof schema.maximum === "number" ? ` ${schema.minimum}–${schema.maximum}` : "";
  return { type: values ?? `${type}${format}${range}`, ...(schema.default !== undefined ? { defaultValue: String(schema.default) } : {}) };
}
