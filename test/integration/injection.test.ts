/**
 * Hostile input on every parameter of every GET route (property-based, fast-check): quotes, SQL
 * fragments, DuckDB's file and extension functions, prototype keys, 10 kB strings, unicode and
 * control characters. Never a 5xx, never SQL or an internal message in the answer, nothing written
 * to disk, the data unchanged. And the database itself is locked down, whatever SQL reached it.
 */
import { existsSync, readdirSync } from "node:fs";
import os from "node:os";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { routeAccess } from "../../src/ground/contract/access.ts";
import { quoted } from "../../src/ground/i18n/quoted.ts";
import { login, startTestMonitor, type Login, type TestMonitor } from "../support/test-server.ts";

let monitor: TestMonitor;
let admin: Login;
let permit: Login;

const CANARY = `${os.tmpdir()}/mm-injection-canary`;
const nasty = [
  "'",
  '"',
  "';--",
  "' OR '1'='1",
  `'; COPY (SELECT * FROM meta.users) TO '${CANARY}.csv'; --`,
  `x') UNION SELECT * FROM read_csv('/etc/passwd') --`,
  "read_csv('/etc/passwd')",
  `'; ATTACH '${CANARY}.duckdb' AS evil; --`,
  "'; INSTALL httpfs; LOAD httpfs; --",
  "'; DROP TABLE main.establishments; --",
  "$1",
  "__proto__",
  "constructor",
  "%00",
  "\u0000\u0001\u001b[31m",
  "\u202eevil\u202c",
  "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🌳",
  "../../../../etc/passwd",
  "x".repeat(10_000),
];

/** Every parameter each GET route takes, path parameters as `:name`. A new route must be added here. */
const parameters: Record<string, string[]> = {
  "GET /api/v1/session": [],
  "GET /api/v1/themes": ["lang"],
  "GET /api/v1/themes/:themeId": [":themeId"],
  "GET /api/v1/indicators/:id": [":id"],
  "GET /api/v1/indicators/:id/series": [":id", "area", "by", "from", "to", "format", "sep", "lang"],
  "GET /api/v1/indicators/:id/areas": [":id", "level", "period", "format", "sep", "lang"],
  "GET /api/v1/areas": ["level"],
  "GET /api/v1/areas/:code/profile": [":code"],
  "GET /api/v1/indicators/:id/contributions": [":id", "by", "from", "to"],
  "GET /api/v1/indicators/:id/parts": [":id", "by"],
  "GET /api/v1/air-quality/compliance": ["year"],
  "GET /api/v1/establishments": ["q", "area", "sbi", "category", "near", "radius", "sort", "page", "pageSize"],
  "GET /api/v1/establishments/:id": [":id", "format", "sep", "lang"],
  "GET /api/v1/locations/dossier": ["lat", "lon", "radius", "address", "format", "sep", "lang"],
  "GET /api/v1/addresses": ["q", "limit"],
  "GET /api/v1/addresses/:id": [":id"],
  "GET /api/v1/buildings": ["bbox"],
  "GET /api/v1/audit": ["user", "action", "subject", "from", "to", "q", "limit", "offset", "format", "sep", "lang"],
  "GET /api/v1/users": ["filter"],
  "GET /api/v1/stations": ["components"],
  "GET /api/v1/stations/:number": [":number", "days"],
  "GET /api/v1/stations/:number/measurements": [":number", "from", "to", "format", "sep", "lang"],
  "GET /api/v1/pipelines": ["name"],
  "GET /api/v1/pipelines/checks/latest": [],
  "GET /api/v1/pipelines/:name/runs": [":name", "limit"],
  "GET /api/v1/pipelines/:name/runs/:runId": [":name", ":runId"],
  "GET /api/v1/pipelines/:name/runs/:runId/rejects": [":name", ":runId", "format", "sep", "lang"],
  "GET /api/v1/annotations": ["indicator", "station", "pipeline"],
  "GET /api/v1/questions": ["status"],
  "GET /api/v1/questions/mine": [],
  "GET /api/v1/alerts": ["state"],
  "GET /healthz": ["verbose"],
  "GET /readyz": ["verbose"],
  "GET /metrics": ["name"],
  "GET /api/v1/openapi.json": [],
  "GET /api/v1/public/indicators/:id": [":id"],
};
/** A valid value for each path parameter, so one parameter at a time is the hostile one. */
const validPath: Record<string, string> = { themeId: "air-quality", code: "WK999901", id: "no2-annual-mean", number: "NL99001", name: "areas", runId: "1" };
const establishmentPath = { id: "IN-000001" };

beforeAll(async () => {
  monitor = await startTestMonitor(inject("demoDir"));
  [admin, permit] = await Promise.all([login(monitor.url, "admin"), login(monitor.url, "permit")]);
});
afterAll(() => monitor?.close());

async function snapshot() {
  const rows = await monitor.db.query(
    "SELECT (SELECT count(*) FROM main.establishments) AS establishments, (SELECT count(*) FROM meta.users) AS users, (SELECT hash(string_agg(establishment_id || name, ',' ORDER BY establishment_id)) FROM main.establishments)::VARCHAR AS digest",
  );
  return rows[0];
}

function request(key: string, parameter: string, value: string): string {
  const path = key.split(" ")[1]!;
  const fill = (name: string) =>
    parameter === `:${name}` ? encodeURIComponent(value) : key.includes("establishments/:id") ? establishmentPath.id : validPath[name]!;
  const filled = path.replace(/:(\w+)/g, (_, name: string) => fill(name));
  return parameter.startsWith(":") ? filled : `${filled}?${new URLSearchParams({ [parameter]: value })}`;
}

describe("hostile parameters", () => {
  it("lists every GET route of the access table", () => {
    const gets = Object.keys(routeAccess).filter((k) => k.startsWith("GET "));
    expect(
      Object.keys(parameters)
        .filter((k) => !gets.includes(k) && !k.includes("oidc"))
        .sort(),
    ).toEqual([]);
    expect(gets.filter((k) => !(k in parameters) && !k.includes("/session/")).sort()).toEqual([]);
  });

  it("never answer with a 5xx, SQL or an internal message, and change nothing", async () => {
    const before = await snapshot();
    const routes = Object.entries(parameters).flatMap(([key, names]) => names.map((name) => [key, name] as const));
    const value = fc.oneof(fc.constantFrom(...nasty), fc.string({ unit: "binary", maxLength: 200 }), fc.string({ unit: "grapheme", maxLength: 50 }));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), value, fc.constantFrom(admin, permit), async ([key, parameter], hostile, session) => {
        const response = await fetch(`${monitor.url}${request(key, parameter, hostile)}`, { headers: { cookie: session.cookie } });
        // An error may name the input, quoted and escaped (quoted()); what else it says must not leak.
        const body = (await response.text()).split(JSON.stringify(quoted(hostile)).slice(1, -1)).join("");
        expect(response.status, `${key} ${parameter}=${JSON.stringify(hostile.slice(0, 80))}`).toBeLessThan(500);
        expect(body).not.toMatch(/SELECT |FROM main\\.|Parser Error|Binder Error|Catalog Error|at [\w.]+ \(|node_modules/);
      }),
      { numRuns: 400, seed: 20261123 },
    );
    expect(await snapshot()).toEqual(before);
    expect(readdirSync(os.tmpdir()).filter((f) => f.startsWith("mm-injection-canary"))).toEqual([]);
  });
});

describe("the database, locked down", () => {
  it.each([
    ["read a file outside the sources", "SELECT * FROM read_csv('/etc/passwd')"],
    ["write a file", `COPY (SELECT 1) TO '${CANARY}.csv'`],
    ["attach another database", `ATTACH '${CANARY}.duckdb' AS evil`],
    ["install an extension", "INSTALL httpfs"],
    ["load an extension", "LOAD httpfs"],
    ["lift the lockdown", "SET enable_external_access = true"],
    ["raise the memory limit", "SET memory_limit = '100GB'"],
  ])("refuses to %s", async (_what, sql) => {
    await expect(monitor.db.query(sql)).rejects.toThrow();
    expect(existsSync(`${CANARY}.csv`) || existsSync(`${CANARY}.duckdb`)).toBe(false);
  });
});

describe("a server error", () => {
  it("says nothing internal: no SQL, no table, no stack", async () => {
    // A published table gone from under the API (as a damaged file might leave it).
    await monitor.db.query("DROP TABLE main.permits");
    const response = await fetch(`${monitor.url}/api/v1/establishments/IN-000001`, { headers: { cookie: admin.cookie } });
    expect(response.status).toBe(500);
    const body = await response.text();
    expect(JSON.parse(body)).toEqual({
      type: "about:blank",
      title: "Internal Server Error",
      status: 500,
      detail: "the server could not complete the request; it has been logged",
      requestId: response.headers.get("x-request-id"),
    });
  });
});
