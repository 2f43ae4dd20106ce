/**
 * The typed routes (src/ground/contract/contract-routes.ts) cover the access table exactly, and each route's
 * answer is the one the OpenAPI operations table documents, so the client's types and the document
 * cannot tell different stories.
 */
import { describe, expect, it } from "vitest";
import { routeAccess, type RouteKey } from "../../../src/ground/contract/access.ts";
import { routeAnswers, type PathParamName, type RoutePath } from "../../../src/ground/contract/contract-routes.ts";
import type { Reply } from "../../../src/ground/contract/openapi/operation.ts";
import { operations } from "../../../src/ground/contract/openapi/operations.ts";

/** Route keys whose path-parameter schema names other parameters than the path's `:name`s. */
type PathKeys<K extends RouteKey> = [RoutePath<K>] extends [never] ? never : keyof RoutePath<K>;
type PathMismatch = { [K in RouteKey]: [PathKeys<K>] extends [PathParamName<K>] ? ([PathParamName<K>] extends [PathKeys<K>] ? never : K) : K }[RouteKey];

/** The first success answer an operation documents, and its status. */
function success(key: RouteKey): [number, Reply] {
  const replies: Record<number, Reply> = operations[key].responses;
  const found = Object.entries(replies).find(([status]) => Number(status) >= 200 && Number(status) < 400);
  if (!found) throw new Error(`${key} documents no success answer`);
  return [Number(found[0]), found[1]];
}

describe("the typed routes", () => {
  it("list every route of the access table and nothing else", () => {
    expect(Object.keys(routeAnswers).sort()).toEqual(Object.keys(routeAccess).sort());
  });

  it("name the path parameters each route's path has", () => {
    const mismatched: [PathMismatch] extends [never] ? "none" : PathMismatch = "none";
    expect(mismatched).toBe("none");
  });

  it.each(Object.entries(routeAnswers) as [RouteKey, (typeof routeAnswers)[RouteKey]][])("%s answers as documented (%s)", (key, answer) => {
    const [status, reply] = success(key);
    const content = reply.content ?? {};
    switch (answer) {
      case "no content":
        expect([status, content]).toEqual([204, {}]);
        break;
      case "redirect":
        expect([status, Object.keys(reply.headers ?? {})]).toEqual([303, ["Location"]]);
        break;
      case "text":
        expect(Object.keys(content).every((type) => type.startsWith("text/"))).toBe(true);
        break;
      case "object":
        expect(content["application/json"]).toEqual({ type: "object" });
        break;
      default:
        // JSON (or GeoJSON) by the named component; a table route may also offer files.
        expect(Object.entries(content).filter(([type]) => /[/+]json$/.test(type))).toEqual([[expect.stringMatching(/json$/), answer]]);
    }
  });
});
