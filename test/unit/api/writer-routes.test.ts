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
