/**
 * The Dutch API Design Rules (Logius, checked in CI by its Spectral ruleset) on the served document and
 * on live answers: API-Version on every answer and documented on every success, problem+json for every
 * error (the health endpoints' 503s included), a contact, the major version in the server URL, date
 * fields with format date, a 400 for every operation with parameters, openapi.json readable from any
 * site (/core/publish-openapi), and a 405 with Allow for a known path asked with another method (RFC 9110).
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { routeAccess } from "../../src/ground/contract/access.ts";
import { createApp, type AppDeps } from "../../src/app/app.ts";
import { createReadiness } from "../../src/engine/operations/readiness.ts";
import type { Database } from "../../src/store/database.ts";
import { silentLogger } from "../../src/ground/logger.ts";
import { loadPolicyPlan } from "../../src/engine/themes/policy-plan.ts";
import { clock, login, startTestMonitor, type Login, type TestMonitor } from "../support/test-server.ts";

type Json = Record<string, unknown>;
interface Response_ {
  headers?: Record<string, unknown>;
  content?: Record<string, { schema?: Json }>;
}
interface OperationObject {
  parameters?: unknown[];
  requestBody?: unknown;
  responses: Record<string, Response_>;
}
type PathItem = { servers?: { url: string }[] } & Record<string, unknown>;
interface Document {
  info: { contact?: { name?: string; email?: string; url?: string }; description: string; "x-description-nl": string };
  servers: { url: string }[];
  paths: Record<string, PathItem>;
  components: { schemas: Record<string, Json> };
}

const packageVersion = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;

let monitor: TestMonitor;
let doc: Document;
let admin: Login;
const servers: Server[] = [];

beforeAll(async () => {
  monitor = await startTestMonitor(inject("demoDir"));
  admin = await login(monitor.url, "admin");
  doc = (await (await fetch(`${monitor.url}/api/v1/openapi.json`)).json()) as Document;
});
afterAll(async () => {
  for (const server of servers) await new Promise((resolve) => server.close(resolve));
  await monitor?.close();
});

const operations = () =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([member]) => member !== "servers")
      .map(([method, operation]) => ({ key: `${method.toUpperCase()} ${path}`, operation: operation as OperationObject })),
  );

/** The monitor's app with its own database and readiness, to see the health endpoints fail. */
async function serve(db: Database, readiness = createReadiness()): Promise<string> {
  const deps: AppDeps = {
    config: monitor.config,
    db,
    plan: loadPolicyPlan(monitor.config.MM_POLICY_PLAN),
    municipality: monitor.municipality,
    clock,
    logger: silentLogger,
    runner: monitor.runner,
    dataClock: clock,
    readiness,
  };
  const server = await new Promise<Server>((resolve) => {
    const listening = createApp(deps).listen(0, "127.0.0.1", () => resolve(listening));
  });
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The test monitor's database, but every query fails as a database that does not answer would. */
const silentDatabase = (): Database =>
  new Proxy(monitor.db, {
    get: (target, member) => (member === "query" ? () => Promise.reject(new Error("the database is not answering")) : Reflect.get(target, member)),
  });

async function expectProblem(response: Response, status: number): Promise<Json> {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  const body = (await response.json()) as Json;
  expect(body).toMatchObject({ status });
  return body;
}

describe("the document", () => {
  it("documents API-Version on every success and redirect (/core/version-header), the operations endpoints included", () => {
    const missing = operations().flatMap(({ key, operation }) =>
      Object.entries(operation.responses)
        .filter(([status, response]) => /^[23]\d\d$/.test(status) && !response.headers?.["API-Version"])
        .map(([status]) => `${key} ${status}`),
    );
    expect(missing).toEqual([]);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/healthz", "/readyz", "/metrics"]));
  });

  it("has the major version in the server URL (/core/uri-version), and the root only for the endpoints outside it", () => {
    expect(doc.servers.map((server) => server.url)).toEqual(["/api/v1"]);
    for (const server of doc.servers) expect(server.url).toMatch(/\/v\d+/);
    expect(doc.paths["/themes"]).toBeDefined();
    expect(doc.paths["/api/v1/themes"]).toBeUndefined();
    const overridden = Object.entries(doc.paths).filter(([, item]) => item.servers);
    expect(overridden.map(([path]) => path).sort()).toEqual(["/healthz", "/metrics", "/readyz"]);
    for (const [, item] of overridden) expect(item.servers).toEqual([{ url: "/" }]);
  });

  it("names a contact with a name, an e-mail address and a URL", () => {
    const contact = doc.info.contact!;
    expect(contact.name).toBeTruthy();
    expect(contact.email).toMatch(/^[^@\s]+@[^@\s]+\.[^@\s]+$/);
    expect(() => new URL(contact.url!)).not.toThrow();
  });

  it("answers every error as problem+json only, the health endpoints' 503s included", () => {
    const wrong = operations().flatMap(({ key, operation }) =>
      Object.entries(operation.responses)
        .filter(([status, response]) => /^[45]\d\d$/.test(status) && Object.keys(response.content ?? {}).join() !== "application/problem+json")
        .map(([status]) => `${key} ${status}`),
    );
    expect(wrong).toEqual([]);
    for (const path of ["/healthz", "/readyz"]) {
      const unavailable = (doc.paths[path]!.get as OperationObject).responses["503"]!;
      expect(unavailable.content!["application/problem+json"]!.schema).toEqual({ $ref: "#/components/schemas/Problem" });
      expect(unavailable.headers?.["API-Version"]).toBeDefined();
    }
  });

  it("gives date-only fields format date, like an establishment's open items and permits", () => {
    const dossier = doc.components.schemas.EstablishmentDossier as { properties: Record<string, { items: { properties: Record<string, Json> } }> };
    expect(dossier.properties.openItems!.items.properties.date).toMatchObject({ type: "string", format: "date" });
    const permit = dossier.properties.permits!.items.properties;
    expect(permit.appliedOn).toMatchObject({ format: "date" });
    expect(JSON.stringify(permit.validUntil)).toContain('"format":"date"');
  });

  it("documents a 400 for every operation with a parameter or a body", () => {
    const without = operations()
      .filter(({ operation }) => (operation.parameters?.length ?? 0) > 0 || operation.requestBody)
      .filter(({ operation }) => !operation.responses["400"])
      .map(({ key }) => key);
    expect(without).toEqual([]);
    expect(operations().some(({ operation }) => (operation.parameters?.length ?? 0) > 0)).toBe(true);
  });

  it("says, in English and Dutch, that another method on a known path is a 405 with Allow", () => {
    expect(doc.info.description).toMatch(/405.*Allow/);
    expect(doc.info["x-description-nl"]).toMatch(/405.*Allow/);
  });
});

describe("live answers", () => {
  it("send API-Version on /healthz, /readyz and /metrics", async () => {
    for (const path of ["/healthz", "/readyz", "/metrics"]) {
      const response = await fetch(`${monitor.url}${path}`);
      await response.body?.cancel();
      expect(response.status, path).toBe(200);
      expect(response.headers.get("api-version"), path).toBe(packageVersion);
    }
  });

  it("answer a /readyz that is not ready with problem+json, the reason in detail", async () => {
    const readiness = createReadiness();
    readiness.notReady("shutting down");
    const url = await serve(monitor.db, readiness);
    const response = await fetch(`${url}/readyz`);
    const problem = await expectProblem(response, 503);
    expect(problem.detail).toBe("not ready for traffic: shutting down");
    expect(response.headers.get("api-version")).toBe(packageVersion);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const dutch = await fetch(`${url}/readyz`, { headers: { "accept-language": "nl" } });
    expect((await expectProblem(dutch, 503)).detail).toBe("niet gereed voor verkeer: shutting down");
  });

  it("answer a /healthz whose database does not answer with problem+json, the reason in detail", async () => {
    const url = await serve(silentDatabase());
    const response = await fetch(`${url}/healthz`);
    const problem = await expectProblem(response, 503);
    expect(problem.detail).toBe("the database did not answer within 1 s");
    expect(response.headers.get("api-version")).toBe(packageVersion);
    const ready = await fetch(`${url}/readyz`);
    expect((await expectProblem(ready, 503)).detail).toMatch(/^not ready for traffic: database not open: /);
  });

  it("let any site read openapi.json (/core/publish-openapi), preflight included, without credentials", async () => {
    const origin = "https://register.example";
    const plain = await fetch(`${monitor.url}/api/v1/openapi.json`);
    await plain.body?.cancel();
    expect(plain.headers.get("access-control-allow-origin")).toBe("*");
    const crossSite = await fetch(`${monitor.url}/api/v1/openapi.json`, { headers: { origin } });
    await crossSite.body?.cancel();
    expect(crossSite.status).toBe(200);
    expect(crossSite.headers.get("access-control-allow-origin")).toBe("*");
    expect(crossSite.headers.get("access-control-allow-credentials")).toBeNull();
    expect(crossSite.headers.get("cross-origin-resource-policy")).toBe("cross-origin");

    const preflight = await fetch(`${monitor.url}/api/v1/openapi.json`, {
      method: "OPTIONS",
      headers: { origin, "access-control-request-method": "GET", "access-control-request-headers": "if-none-match" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    expect(preflight.headers.get("access-control-allow-methods")).toContain("GET");
    expect(preflight.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("if-none-match");
    // Other /api answers stay same-origin.
    const themes = await fetch(`${monitor.url}/api/v1/themes`, { headers: { origin, cookie: admin.cookie } });
    await themes.body?.cancel();
    expect(themes.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("answer a known path asked with another method with 405, Allow and problem+json, and OPTIONS with 204", async () => {
    const methodsOf = (path: string) =>
      Object.keys(routeAccess)
        .filter((key) => key.split(" ")[1] === path)
        .map((key) => key.split(" ")[0]);
    expect(methodsOf("/api/v1/themes")).toEqual(["GET"]);
    const themes = await fetch(`${monitor.url}/api/v1/themes`, { method: "DELETE", headers: { cookie: admin.cookie, "x-csrf-token": admin.csrfToken } });
    const problem = await expectProblem(themes, 405);
    expect(themes.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    expect(themes.headers.get("api-version")).toBe(packageVersion);
    expect(problem).toMatchObject({ title: "Method Not Allowed", detail: 'DELETE is not allowed on "/api/v1/themes"; allowed: GET, HEAD, OPTIONS' });

    // Without a session too: the methods of a path are in the public document anyway.
    expect(methodsOf("/api/v1/users/:username")).toEqual(["PATCH"]);
    const account = await fetch(`${monitor.url}/api/v1/users/policy`, { headers: { "accept-language": "nl" } });
    expect(await expectProblem(account, 405)).toMatchObject({ title: "Methode niet toegestaan" });
    expect(account.headers.get("allow")).toBe("PATCH, OPTIONS");

    const health = await fetch(`${monitor.url}/healthz`, { method: "POST" });
    await expectProblem(health, 405);
    expect(health.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    expect(health.headers.get("api-version")).toBe(packageVersion);

    const options = await fetch(`${monitor.url}/api/v1/users`, { method: "OPTIONS" });
    expect(options.status).toBe(204);
    expect(options.headers.get("allow")).toBe("GET, HEAD, POST, OPTIONS");

    // An unknown path, and a known one with a trailing slash, stay 404.
    await expectProblem(await fetch(`${monitor.url}/api/v1/nothing`, { method: "DELETE" }), 404);
    await expectProblem(await fetch(`${monitor.url}/api/v1/themes/`, { method: "DELETE" }), 404);
  });
});
