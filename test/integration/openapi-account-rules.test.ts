/**
 * The account rules in the served OpenAPI document (issue 22): the username pattern and the minimum
 * password length live in the request schemas the server validates with, so openapi.json shows them,
 * and an answer refusing a body that breaks them is the documented 400 naming the field.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { MIN_PASSWORD_LENGTH, USERNAME_PATTERN } from "../../src/ground/contract/account-rules.ts";
import { login, startTestMonitor, type Login, type TestMonitor } from "../support/test-server.ts";

type Schema = { properties: Record<string, { pattern?: string; minLength?: number }>; minProperties?: number };
interface Document {
  paths: Record<string, Record<string, { requestBody?: { content: { "application/json": { schema: Schema } } } }>>;
}

let monitor: TestMonitor;
let doc: Document;
let admin: Login;

beforeAll(async () => {
  monitor = await startTestMonitor(inject("demoDir"));
  admin = await login(monitor.url, "admin");
  doc = (await (await fetch(`${monitor.url}/api/v1/openapi.json`)).json()) as Document;
});
afterAll(() => monitor?.close());

/** The request body's schema of an operation, whichever server the document's paths are relative to. */
function bodySchema(method: string, pathEnd: string): Schema {
  const key = Object.keys(doc.paths).find((path) => path.endsWith(pathEnd) && doc.paths[path]![method]);
  const schema = key && doc.paths[key]![method]!.requestBody?.content["application/json"].schema;
  if (!schema) throw new Error(`no request body for ${method} …${pathEnd} in the document`);
  return schema;
}

const send = (method: string, path: string, body: unknown) =>
  fetch(`${monitor.url}${path}`, {
    method,
    headers: { cookie: admin.cookie, "x-csrf-token": admin.csrfToken, "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe("openapi.json and the account rules", () => {
  it("documents the username pattern and the password's minimum length on POST /users", () => {
    const schema = bodySchema("post", "/users");
    expect(schema.properties.username?.pattern).toBe(USERNAME_PATTERN.source);
    expect(schema.properties.password?.minLength).toBe(MIN_PASSWORD_LENGTH);
  });

  it("documents the password's minimum length, and that a change names something, on PATCH /users/{username}", () => {
    const schema = bodySchema("patch", "/users/{username}");
    expect(schema.properties.password?.minLength).toBe(MIN_PASSWORD_LENGTH);
    expect(schema.minProperties).toBe(1);
  });

  it("refuses what the document refuses, with a 400 naming the field", async () => {
    const short = "x".repeat(MIN_PASSWORD_LENGTH - 1);
    const cases = [
      ["POST", "/api/v1/users", { username: "Bad Name", password: "long enough password", role: "policy" }, "username"],
      ["POST", "/api/v1/users", { username: "newcomer", password: short, role: "policy" }, "password"],
      ["PATCH", "/api/v1/users/policy", { password: short }, "password"],
      // Six code points, twelve UTF-16 units: zod's length alone would let it through.
      ["PATCH", "/api/v1/users/policy", { password: "😀".repeat(MIN_PASSWORD_LENGTH / 2) }, "password"],
    ] as const;
    for (const [method, path, body, field] of cases) {
      const response = await send(method, path, body);
      expect(response.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(400);
      const problem = (await response.json()) as { invalidParams: { name: string }[] };
      expect(problem.invalidParams.map((p) => p.name)).toEqual([field]);
    }
  });
});
