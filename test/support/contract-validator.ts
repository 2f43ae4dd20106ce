/**
 * Checks one answer of the monitor against the OpenAPI document, with a standard JSON Schema validator
 * (Ajv, draft 2020-12, the dialect of OpenAPI 3.1): the status is documented for the operation, the
 * content type is, the documented headers are present and valid, and a JSON body is valid against
 * its schema. What does not hold is drift, reported by operation, status and schema path.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

// ajv-formats is CommonJS: under Node's ESM its default export is the module object.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as typeof addFormatsModule;

/** One answer as the observer saw it. `body` is the text sent, when it was sent whole (not streamed). */
export interface Observation {
  method: string;
  /** The request's path, without the query. */
  path: string;
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string | undefined>;
  body?: string;
}

export interface Drift {
  operation: string;
  status: number;
  problem: string;
}

type Json = Record<string, unknown>;
interface Response {
  headers?: Record<string, { $ref?: string; schema?: Json }>;
  content?: Record<string, { schema?: Json }>;
}
interface Route {
  template: string;
  pattern: RegExp;
  params: number;
  item: Json;
}

const DOC_ID = "urn:milieumonitor:openapi";
const METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);
const pointer = (...parts: string[]) => parts.map((part) => part.replaceAll("~", "~0").replaceAll("/", "~1")).join("/");
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const isJson = (mediaType: string) => mediaType === "application/json" || mediaType.endsWith("+json");

/** The path part of a server URL (`/`, `/api/v1`, `https://host/api/v1`), without a trailing slash. */
function basePathOf(server: unknown): string {
  const url = typeof server === "object" && server && "url" in server ? String(server.url) : "/";
  return new URL(url.replace(/\{[^}]*\}/g, "x"), "http://server.invalid").pathname.replace(/\/$/, "");
}

/** Every path template of the document as a pattern, under each server that applies to it. */
function routesOf(document: Json): Route[] {
  const rootServers = (document.servers as unknown[] | undefined) ?? [{ url: "/" }];
  const routes: Route[] = [];
  for (const [template, item] of Object.entries(document.paths as Record<string, Json>)) {
    const servers = (item.servers as unknown[] | undefined) ?? rootServers;
    for (const server of servers) {
      const full = basePathOf(server) + template;
      const source = full
        .split(/\{[^}]+\}/)
        .map(escapeRegExp)
        .join("[^/]+");
      routes.push({ template, pattern: new RegExp(`^${source}$`), params: (template.match(/\{/g) ?? []).length, item });
    }
  }
  // A literal segment beats a parameter: /users/me before /users/{username}.
  return routes.sort((a, b) => a.params - b.params);
}

function responseFor(responses: Record<string, Response>, status: number): [string, Response] | undefined {
  for (const key of [String(status), `${String(status)[0]}XX`, "default"]) {
    const response = responses[key];
    if (response) return [key, response];
  }
  return undefined;
}

/** The JSON pointer of every schema object in the document, components first, to name where a rule failed. */
function pointersOf(document: Json): Map<unknown, string> {
  const pointers = new Map<unknown, string>();
  const walk = (node: unknown, at: string) => {
    if (typeof node !== "object" || node === null || pointers.has(node)) return;
    pointers.set(node, at);
    for (const [key, child] of Object.entries(node)) walk(child, `${at}/${pointer(key)}`);
  };
  walk(document.components, "#/components");
  walk(document.paths, "#/paths");
  return pointers;
}

export interface ContractValidator {
  /** The drift of one answer; empty when it matches, or when its path and method are not in the document. */
  check(observation: Observation): Drift[];
}

export function createContractValidator(document: Json): ContractValidator {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false, verbose: true });
  addFormats(ajv);
  // The whole document is one schema resource, so `#/components/schemas/…` resolves inside it.
  ajv.addSchema({ ...document, $id: DOC_ID });
  const compiled = new Map<string, ValidateFunction>();
  const validatorAt = (path: string) => {
    let validate = compiled.get(path);
    if (!validate) compiled.set(path, (validate = ajv.compile({ $ref: `${DOC_ID}#/${path}` })));
    return validate;
  };
  const pointers = pointersOf(document);
  const message = (error: ErrorObject) => {
    const parent = pointers.get(error.parentSchema);
    const where = parent ? `${parent}/${error.keyword}` : error.schemaPath;
    return `${error.instancePath || "(body)"} ${error.message ?? "is invalid"} (schema ${where})`;
  };
  const schemaErrors = (path: string, value: unknown) => {
    const validate = validatorAt(path);
    return validate(value) ? [] : (validate.errors ?? []).map(message);
  };
  const routes = routesOf(document);
  const components = document.components as { headers?: Record<string, Json> } | undefined;

  function check({ method, path, status, headers, body }: Observation): Drift[] {
    const route = routes.find((candidate) => candidate.pattern.test(path));
    const verb = method.toLowerCase();
    if (!route || !METHODS.has(verb) || !route.item[verb]) return [];
    const operation = `${method.toUpperCase()} ${route.template}`;
    const drift: string[] = [];
    const responses = (route.item[verb] as { responses: Record<string, Response> }).responses;
    const found = responseFor(responses, status);
    if (!found) return [{ operation, status, problem: `status ${status} is not documented (documented: ${Object.keys(responses).join(", ")})` }];
    const [key, response] = found;
    const at = (...parts: string[]) => pointer("paths", route.template, verb, "responses", key, ...parts);

    for (const [name, declared] of Object.entries(response.headers ?? {})) {
      const header = declared.$ref ? components?.headers?.[declared.$ref.split("/").pop()!] : declared;
      const value = headers[name.toLowerCase()];
      if (value === undefined) {
        drift.push(`header ${name} is documented but missing`);
        continue;
      }
      const type = (header?.schema as Json | undefined)?.type;
      const typed = type === "integer" || type === "number" ? (Number.isFinite(Number(value)) ? Number(value) : value) : value;
      const schemaPath = declared.$ref ? pointer("components", "headers", declared.$ref.split("/").pop()!, "schema") : at("headers", name, "schema");
      if (header?.schema) drift.push(...schemaErrors(schemaPath, typed).map((error) => `header ${name}: ${error}`));
    }

    const mediaType = (headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
    const hasBody = status !== 204 && status !== 304 && verb !== "head" && (body === undefined ? mediaType !== "" : body.length > 0);
    if (response.content && hasBody) {
      const content = response.content[mediaType];
      if (!content) drift.push(`content type "${mediaType}" is not documented (documented: ${Object.keys(response.content).join(", ")})`);
      else if (content.schema && isJson(mediaType) && body !== undefined) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(body);
        } catch {
          drift.push(`the ${mediaType} body is not JSON`);
        }
        if (parsed !== undefined) drift.push(...schemaErrors(at("content", mediaType, "schema"), parsed));
      }
    }
    return drift.map((problem) => ({ operation, status, problem }));
  }
  return { check };
}

/** Drift as lines for a test failure: `GET /api/v1/x → 404: …`. */
export const describeDrift = (drift: readonly Drift[]) => drift.map((d) => `${d.operation} → ${d.status}: ${d.problem}`).join("\n");
