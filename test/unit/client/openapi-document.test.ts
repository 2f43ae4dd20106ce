/**
 * The API page lists each operation by the path a caller requests (client/src/views/api-docs/
 * openapi-document.ts): the document's paths are relative to its server (/api/v1), and a path item
 * with a server of its own (/healthz under /) keeps that one.
 */
import { describe, expect, it } from "vitest";
import { groupByTag, requestPath, type OpenApiDocument } from "../../../client/src/views/api-docs/openapi-document.ts";

const doc: OpenApiDocument = {
  openapi: "3.1.0",
  info: { title: "Milieumonitor API", version: "1.0.0" },
  servers: [{ url: "/api/v1" }],
  tags: [{ name: "themes" }, { name: "operations" }],
  paths: {
    "/themes/{themeId}": { get: { tags: ["themes"] } },
    "/healthz": { servers: [{ url: "/" }], get: { tags: ["operations"] } },
  },
};

describe("requestPath", () => {
  it("puts the document's server before a path, and a path item's own server before its path", () => {
    expect(requestPath(doc, "/themes/{themeId}")).toBe("/api/v1/themes/{themeId}");
    expect(requestPath(doc, "/healthz")).toBe("/healthz");
  });

  it("takes the root when the document names no server", () => {
    expect(requestPath({ ...doc, servers: undefined }, "/themes/{themeId}")).toBe("/themes/{themeId}");
  });
});

describe("groupByTag", () => {
  it("lists operations by the requested path and never takes `servers` for a method", () => {
    const groups = groupByTag(doc);
    expect(groups.map(({ tag, operations }) => [tag, operations.map((o) => `${o.method} ${o.path}`)])).toEqual([
      ["themes", ["get /api/v1/themes/{themeId}"]],
      ["operations", ["get /healthz"]],
    ]);
  });
});
