import { describe, expect, it } from "vitest";
import { z } from "zod";
import { columnsDdl, compileSchema, firstViolationSql } from "../../../src/pipelines/framework/compile-schema.ts";

describe("compileSchema", () => {
  it("derives typed columns from the record schema", () => {
    const schema = z.object({
      name: z.string(),
      count: z.number().int(),
      value: z.number().nullable(),
      at: z.iso.datetime({ offset: true }),
      kind: z.enum(["a", "b"]),
      tags: z.array(z.string()),
      ok: z.boolean().optional(),
      geometry: z.object({ type: z.string() }),
    });
    expect(columnsDdl(compileSchema(schema))).toBe(
      '"name" VARCHAR NOT NULL, "count" BIGINT NOT NULL, "value" DOUBLE, "at" TIMESTAMP NOT NULL, "kind" VARCHAR NOT NULL, "tags" VARCHAR[] NOT NULL, "ok" BOOLEAN, "geometry" JSON NOT NULL',
    );
  });

  it("compiles the schema's rules into SQL predicates with readable reasons", () => {
    const [code, value, kind] = compileSchema(
      z.object({
        code: z
          .string()
          .regex(/^BU\d{8}$/)
          .max(10),
        value: z.number().min(0).lt(100),
        kind: z.enum(["noise", "odour"]),
      }),
    );
    expect(code!.rules).toEqual([
      { sql: `regexp_full_match("code", '^BU\\d{8}$')`, reason: { nl: "moet passen bij het patroon ^BU\\d{8}$", en: "must match ^BU\\d{8}$" } },
      { sql: 'length("code") <= 10', reason: { nl: "mag hoogstens 10 tekens hebben", en: "must have at most 10 characters" } },
    ]);
    expect(value!.rules.map((r) => r.sql)).toEqual(['"value" >= 0', '"value" < 100']);
    expect(kind!.rules[0]).toEqual({
      sql: `"kind" IN ('noise', 'odour')`,
      reason: { nl: "moet een van deze zijn: noise, odour", en: "must be one of noise, odour" },
    });
    expect(firstViolationSql([value!])).toBe(
      `CASE WHEN "value" IS NULL THEN ['value', 'is required', 'ontbreekt (verplicht)'] WHEN "value" IS NOT NULL AND NOT ("value" >= 0) THEN ['value', 'must be at least 0', 'moet minstens 0 zijn'] WHEN "value" IS NOT NULL AND NOT ("value" < 100) THEN ['value', 'must be less than 100', 'moet minder dan 100 zijn'] END`,
    );
  });

  it("refuses a field it cannot store, naming it", () => {
    expect(() => compileSchema(z.object({ when: z.date() }))).toThrow(/field when: zod type "date"/);
  });
});
