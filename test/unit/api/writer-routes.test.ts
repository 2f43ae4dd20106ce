/** Every route that changes something is either refused on a reader (it writes to DuckDB) or served there (shared state). */
import { describe, expect, it } from "vitest";
import { routeAccess, type RouteKey } from "../../../src/ground/contract/access.ts";
import { stateRoutes, writerRoutes } from "../../../src/ground/contract/writer-routes.ts";

describe("the writer-only routes", () => {
  it("name every state-changing route that is not the shared state's, and only those", () => {
    const changing = (Object.keys(routeAccess) as RouteKey[]).filter((key) => !key.startsWith("GET "));
    const classified: string[] = [...writerRoutes, ...stateRoutes];
    expect(changing.filter((key) => !classified.includes(key))).toEqual([]);
    expect(classified.filter((key) => !(changing as string[]).includes(key))).toEqual([]);
    expect(new Set(classified).size).toBe(classified.length);
  });
});

describe("the reader's refusal in the OpenAPI document", () => {
  it("is documented on the 503 of every writer-only route, and only there", async () => {
    const { buildOpenApiDocument } = await import("../../../src/web/api/openapi/build-document.ts");
    const document = buildOpenApiDocument() as { paths: Record<string, Record<string, { responses: Record<string, { description: string }> }>> };
    const described = (key: string) => {
      const [method, path] = key.split(" ") as [string, string];
      const operation = document.paths[path.replace(/^\/api\/v1/, "").replace(/:(\w+)/g, "{$1}")]?.[method.toLowerCase()];
      return operation?.responses["503"]?.description ?? "";
    };
    for (const key of writerRoutes) expect(described(key), key).toMatch(/read-only reader/);
    for (const key of stateRoutes) expect(described(key), key).not.toMatch(/reader/);
  });
});
