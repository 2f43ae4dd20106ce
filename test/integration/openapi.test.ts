/**
 * The OpenAPI document (GET /api/v1/openapi.json) against the server itself: it covers every route of
 * the access table and nothing else, every operation can succeed and every parameter has a schema,
 * and live answers carry the members their documented schema requires. The API-Version header of the
 * Dutch API Design Rules is on every /api answer.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { routeAccess } from "../../src/ground/contract/access.ts";
import { login, startTestMonitor, type Login, type TestMonitor } from "../support/test-server.ts";
import { missingRequired } from "../support/missing-required.ts";

type Schema = Record<string, unknown>;
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: Schema;
}
interface OperationObject {
  summary: string;
  parameters?: Parameter[];
  "x-roles": string[];
  responses: Record<string, { headers?: Record<string, unknown>; content?: Record<string, { schema?: Schema }> }>;
}
/** Operations by method, and `servers` when the path item overrides the document's. */
type PathItem = { servers?: { url: string }[] } & Record<string, unknown>;
interface Document {
  openapi: string;
  info: { version: string };
  servers: { url: string }[];
  paths: Record<string, PathItem>;
  components: { schemas: Record<string, Schema> };
}

const packageVersion = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;

let monitor: TestMonitor;
let doc: Document;
let policy: Login;
let analyst: Login;

beforeAll(async () => {
  monitor = await startTestMonitor(inject("demoDir"));
  [policy, analyst] = await Promise.all([login(monitor.url, "policy"), login(monitor.url, "analyst")]);
  const response = await fetch(`${monitor.url}/api/v1/openapi.json`);
  expect(response.status).toBe(200);
  doc = JSON.parse(await response.text()) as Document;
});
afterAll(() => monitor?.close());

const get = (path: string, auth?: Login) => fetch(`${monitor.url}${path}`, { headers: auth ? { cookie: auth.cookie } : {} });

/** The path as requested: the path item's server, or the document's, before it (`/themes` → `/api/v1/themes`). */
const requestPath = (path: string) => `${(doc.paths[path]?.servers?.[0]?.url ?? doc.servers[0]?.url ?? "/").replace(/\/+$/, "")}${path}`;
const methodsOf = (item: PathItem) => Object.keys(item).filter((member) => member !== "servers");

/** `GET /api/v1/themes/:themeId` ↔ `get /themes/{themeId}` under the server /api/v1 */
const operationKeys = () =>
  Object.entries(doc.paths).flatMap(([path, item]) => methodsOf(item).map((method) => `${method.toUpperCase()} ${requestPath(path)}`));
const asOpenApi = (key: string) => key.replace(/:(\w+)/g, "{$1}");

function operation(key: string): OperationObject {
  const [method = "", path = ""] = asOpenApi(key).split(" ");
  const relative = Object.keys(doc.paths).find((candidate) => requestPath(candidate) === path);
  const found = relative === undefined ? undefined : (doc.paths[relative]![method.toLowerCase()] as OperationObject | undefined);
  if (!found) throw new Error(`no operation ${key} in the document`);
  return found;
}

/** The members the live JSON answer lacks against the schema documented for its status and type. */
async function gapsAgainstDocument(key: string, response: Response): Promise<string[]> {
  const type = (response.headers.get("content-type") ?? "").split(";")[0]!;
  const documented = operation(key).responses[String(response.status)]?.content?.[type]?.schema;
  if (!documented) throw new Error(`${key}: no schema documented for ${response.status} ${type}`);
  return missingRequired(await response.json(), documented, doc as unknown as Schema);
}

describe("the document", () => {
  it("is OpenAPI 3.1 with the package version, revalidated against an ETag", async () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info.version).toBe(packageVersion);
    const first = await get("/api/v1/openapi.json");
    expect(first.headers.get("content-type")).toMatch(/^application\/json/);
    expect(first.headers.get("cache-control")).toBe("no-cache");
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await fetch(`${monitor.url}/api/v1/openapi.json`, { headers: { "if-none-match": etag! } });
    expect(again.status).toBe(304);
  });

  it("has an operation for every route of the access table, and none for a route that does not exist", () => {
    const routes = Object.keys(routeAccess).map(asOpenApi).sort();
    expect(operationKeys().sort()).toEqual(routes);
  });

  it("documents who may call each operation as x-roles, from the access table", () => {
    expect(operation("GET /api/v1/pipelines")["x-roles"]).toEqual(["analyst", "admin"]);
    expect(operation("GET /api/v1/indicators/:id/series")["x-roles"]).toEqual(["policy", "permit", "analyst", "admin"]);
  });

  it("gives every operation a success answer (a redirect for the single sign-on navigations)", () => {
    for (const key of operationKeys()) {
      const statuses = Object.keys(operation(key).responses);
      const redirectsOnly = key.includes("/session/oidc");
      expect(
        statuses.some((status) => (redirectsOnly ? /^3\d\d$/ : /^2\d\d$/).test(status)),
        key,
      ).toBe(true);
    }
  });

  it("gives every parameter a schema, and every {param} of a path a path parameter", () => {
    for (const key of operationKeys()) {
      const parameters = operation(key).parameters ?? [];
      for (const parameter of parameters) expect(parameter.schema, `${key} ${parameter.name}`).toBeTypeOf("object");
      const inPath = [...key.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      const declared = parameters.filter((p) => p.in === "path" && p.required).map((p) => p.name);
      expect(declared.sort(), key).toEqual(inPath.sort());
    }
  });

  it("offers the series in every format of ?format=, from the schema that validates the query", async () => {
    const series = operation("GET /api/v1/indicators/:id/series");
    const format = series.parameters!.find((p) => p.name === "format")!;
    expect(format.schema!.enum).toEqual(expect.arrayContaining(["json", "csv", "arrow"]));
    const mediaTypes = Object.keys(series.responses["200"]!.content!);
    expect(mediaTypes).toHaveLength((format.schema!.enum as string[]).length);
    expect(mediaTypes).toEqual(expect.arrayContaining(["application/json", "text/csv", "application/vnd.apache.arrow.stream"]));
    const csv = await get("/api/v1/indicators/no2-annual-mean/series?format=csv", policy);
    expect(mediaTypes).toContain(csv.headers.get("content-type")!.split(";")[0]);
  });
});

describe("live answers against the documented schemas", () => {
  it("the checker finds a missing member (so the checks below can fail)", async () => {
    const response = await get("/api/v1/session", policy);
    const body = (await response.json()) as Record<string, unknown>;
    delete body.csrfToken;
    const schema = doc.components.schemas.SessionInfo!;
    expect(missingRequired(body, schema, doc as unknown as Schema)).toEqual(["$.csrfToken"]);
  });

  it.each([
    ["GET /api/v1/session", "/api/v1/session", "policy"],
    ["GET /api/v1/themes", "/api/v1/themes", "policy"],
    ["GET /api/v1/indicators/:id/series", "/api/v1/indicators/no2-annual-mean/series?by=breakdown", "policy"],
    ["GET /api/v1/indicators/:id/areas", "/api/v1/indicators/green-share/areas?level=wijk", "policy"],
    ["GET /api/v1/pipelines", "/api/v1/pipelines", "analyst"],
  ] as const)("%s has every required member", async (key, path, who) => {
    const response = await get(path, who === "policy" ? policy : analyst);
    expect(response.status).toBe(200);
    expect(await gapsAgainstDocument(key, response)).toEqual([]);
  });

  it("a refused and a bad request are the documented problem+json", async () => {
    const forbidden = await get("/api/v1/pipelines", policy);
    expect(forbidden.status).toBe(403);
    expect(await gapsAgainstDocument("GET /api/v1/pipelines", forbidden)).toEqual([]);
    const bad = await get("/api/v1/indicators/no2-annual-mean/series?from=soon", policy);
    expect(bad.status).toBe(400);
    expect(await gapsAgainstDocument("GET /api/v1/indicators/:id/series", bad)).toEqual([]);
  });

  it("sends API-Version with the package version on /api answers, errors included", async () => {
    for (const response of [
      await get("/api/v1/themes", policy),
      await get("/api/v1/themes"),
      await get("/api/v1/no-such-thing", policy),
      await get("/api/v1/openapi.json"),
    ]) {
      expect(response.headers.get("api-version"), response.url).toBe(packageVersion);
    }
  });
});
