/**
 * The contract test's validator (test/support/contract-validator.ts) against the real document: an
 * answer that matches passes, and each kind of drift is reported with its operation and schema path.
 */
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "../../../src/web/api/openapi/build-document.ts";
import { createContractValidator, type Observation } from "../../support/contract-validator.ts";

const document = buildOpenApiDocument() as unknown as Record<string, unknown>;
const validator = createContractValidator(document);
const paths = document.paths as Record<string, Record<string, unknown>>;
/** The document's key of the theme path (relative to its server, whichever that is). */
const themePath = Object.keys(paths).find((key) => key.endsWith("/themes/{themeId}"))!;

const problemAnswer = (body: Record<string, unknown>, headers: Record<string, string> = {}): Observation => ({
  method: "GET",
  path: "/api/v1/themes/nope",
  status: 404,
  headers: { "content-type": "application/problem+json; charset=utf-8", "api-version": "0.1.0", ...headers },
  body: JSON.stringify(body),
});
const notFound = { type: "about:blank", title: "Not Found", status: 404, detail: "unknown theme: nope", requestId: "r-1" };

describe("the contract validator", () => {
  it("passes an answer that matches the document, requestId included", () => {
    expect(validator.check(problemAnswer(notFound))).toEqual([]);
  });

  it("reports a body member the schema does not allow, with the schema path", () => {
    const drift = validator.check(problemAnswer({ ...notFound, surprise: true }));
    expect(drift).toHaveLength(1);
    expect(drift[0]).toMatchObject({ operation: `GET ${themePath}`, status: 404 });
    expect(drift[0]!.problem).toContain("#/components/schemas/Problem/additionalProperties");
  });

  it("reports a wrong type, an undocumented status, content type and a missing header", () => {
    expect(validator.check(problemAnswer({ ...notFound, status: "404" }))[0]!.problem).toMatch(/\/status must be integer/);
    expect(validator.check({ ...problemAnswer(notFound), status: 418 })[0]!.problem).toMatch(/status 418 is not documented/);
    expect(validator.check(problemAnswer(notFound, { "content-type": "text/html" }))[0]!.problem).toMatch(/content type "text\/html" is not documented/);
    const withoutVersion = problemAnswer(notFound);
    delete withoutVersion.headers["api-version"];
    expect(validator.check(withoutVersion)[0]!.problem).toBe("header API-Version is documented but missing");
  });

  it("checks a documented integer header's value", () => {
    const busy = { ...problemAnswer({ ...notFound, status: 429 }), method: "POST", path: "/api/v1/session", status: 429 };
    expect(validator.check({ ...busy, headers: { ...busy.headers, "retry-after": "soon" } }).map((d) => d.problem)).toEqual([
      expect.stringMatching(/^header Retry-After: \(body\) must be integer/),
    ]);
  });

  it("leaves paths and methods the document does not describe alone", () => {
    expect(validator.check({ ...problemAnswer(notFound), path: "/assets/index.js" })).toEqual([]);
    expect(validator.check({ ...problemAnswer(notFound), method: "DELETE" })).toEqual([]);
  });

  it("resolves paths through the document's servers", () => {
    const moved = { ...document, servers: [{ url: "https://monitor.example/base" }], paths: { "/t/{themeId}": paths[themePath] } };
    const drift = createContractValidator(moved).check({ ...problemAnswer({ ...notFound, surprise: true }), path: "/base/t/nope" });
    expect(drift.map((d) => d.operation)).toEqual(["GET /t/{themeId}"]);
    expect(createContractValidator(moved).check({ ...problemAnswer({ ...notFound, surprise: true }), path: "/t/nope" })).toEqual([]);
  });
});
