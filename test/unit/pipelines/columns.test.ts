import { describe, expect, it } from "vitest";
import { z } from "zod";
import { columnsDdl, columnsOf } from "../../../pipelines/framework/columns.ts";

describe("columnsOf", () => {
  it("derives typed columns from the record schema", () => {
    const schema = z.object({
      name: z.string(),
      count: z.number().int(),
      value: z.number().nullable(),
      at: z.iso.datetime({ offset: true }),
      kind: z.enum(["a", "b"]),
      tags: z.array(z.string()),
      ok: z.boolean().optional(),
    });
    expect(columnsDdl(columnsOf(schema))).toBe(
      '"name" VARCHAR NOT NULL, "count" BIGINT NOT NULL, "value" DOUBLE, "at" TIMESTAMP NOT NULL, "kind" VARCHAR NOT NULL, "tags" VARCHAR[] NOT NULL, "ok" BOOLEAN',
    );
  });

  it("refuses a field it cannot store, naming it", () => {
    expect(() => columnsOf(z.object({ nested: z.object({ a: z.string() }) }))).toThrow(/field nested: zod type "object"/);
  });
});
