/**
 * What a publish changed (issue 21, point 3): a second publish with rows removed, changed and added
 * records exactly those counts, each column's nulls and range before and after, and the periods newly
 * covered; for a replace and an upsert pipeline.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import type { PublishChanges } from "../../src/ground/contract/contract-publish-changes.ts";
import { PublishChanges as PublishChangesSchema } from "../../src/ground/contract/contract-publish-changes.ts";
import { definePipeline } from "../../src/pipelines/framework/define-pipeline.ts";
import { readPublishChanges } from "../../src/pipelines/framework/publish-changes.ts";
import { measureTable } from "../../src/pipelines/framework/publish-figures.ts";
import type { RecordSource, Slice } from "../../src/pipelines/framework/source.ts";
import { openHarness, type Harness } from "../support/pipeline-harness.ts";

let harness: Harness;
beforeEach(async () => {
  harness = await openHarness();
});
afterEach(() => harness.close());

const records = (rows: unknown[]): RecordSource => ({
  kind: "records",
  describe: "inline test records",
  async *extract() {
    yield { origin: "page 1", records: rows };
  },
});

async function runAndRead(pipeline: ReturnType<typeof definePipeline>): Promise<PublishChanges | null> {
  const result = await harness.runner.run(pipeline, "manual");
  expect(result.status, result.error ?? "").toBe("succeeded");
  const changes = await readPublishChanges(harness.db, result.runId, {});
  return changes && PublishChangesSchema.parse(changes);
}

const yearly = (rows: unknown[]) =>
  definePipeline({
    name: "test-yearly",
    title: { nl: "Test", en: "Test" },
    schedule: "0 4 * * 1",
    source: records(rows),
    schema: z.object({ area: z.string(), year: z.number().int(), value: z.number().nullable(), label: z.string() }),
    mode: "replace",
    key: ["area", "year"],
    attribution: { source: "test", licence: "CC0" },
  });

const daily = (rows: unknown[]) =>
  definePipeline({
    name: "test-daily",
    title: { nl: "Test", en: "Test" },
    schedule: "0 * * * *",
    source: records(rows),
    schema: z.object({ station: z.string(), period: z.iso.date(), value: z.number().nullable() }),
    mode: "upsert",
    key: ["station", "period"],
    attribution: { source: "test", licence: "CC0" },
  });

const column = (changes: PublishChanges, name: string) => changes.columns.find((c) => c.name === name);

describe("what a publish changed", () => {
  it("a replace pipeline: rows added, removed and changed by key, columns before and after, new years", async () => {
    const first = await runAndRead(
      yearly([
        { area: "A", year: 2020, value: 1, label: "x" },
        { area: "A", year: 2021, value: 2, label: "x" },
        { area: "B", year: 2020, value: 3, label: "y" },
        { area: "B", year: 2021, value: 4, label: "y" },
      ]),
    );
    // The first publish: everything is new.
    expect(first).toMatchObject({ mode: "replace", rowsBefore: null, rowsAfter: 4, added: 4, removed: 0, changed: 0, flags: [] });
    expect(first!.periods).toEqual({ column: "year", grain: "year", count: 2, ranges: [{ from: "2020", to: "2021" }], cut: false });

    const second = await runAndRead(
      yearly([
        { area: "A", year: 2020, value: 1, label: "x" }, // the same
        { area: "A", year: 2021, value: 20, label: "x" }, // changed value
        { area: "B", year: 2020, value: null, label: "z" }, // changed: value gone, new label
        // B 2021 removed
        { area: "C", year: 2023, value: 5, label: "y" }, // added, a new year
        { area: "C", year: 2024, value: 6, label: "y" }, // added, the next year
      ]),
    );
    expect(second).toMatchObject({ rowsBefore: 4, rowsAfter: 5, added: 2, removed: 1, changed: 2, publishes: 1 });
    expect(column(second!, "value")).toEqual({
      name: "value",
      type: "DOUBLE",
      before: { nulls: 0, min: 1, max: 4, distinct: null },
      after: { nulls: 1, min: 1, max: 20, distinct: null },
    });
    expect(column(second!, "label")).toMatchObject({ before: { nulls: 0, distinct: 2, min: null }, after: { nulls: 0, distinct: 3 } });
    expect(column(second!, "year")).toMatchObject({ before: { min: 2020, max: 2021 }, after: { min: 2020, max: 2024 } });
    expect(second!.periods).toEqual({ column: "year", grain: "year", count: 2, ranges: [{ from: "2023", to: "2024" }], cut: false });
    // The range of value moved from 1–4 to 1–20 (more than half its old width), its nulls rose by 20 points.
    expect(second!.flags).toEqual([
      { kind: "rangeShift", column: "value", share: 5.333 },
      { kind: "nullsJump", column: "value", share: 0.2 },
    ]);

    // A source that suddenly halves is flagged.
    const third = await runAndRead(
      yearly([
        { area: "A", year: 2020, value: 1, label: "x" },
        { area: "A", year: 2021, value: 20, label: "x" },
      ]),
    );
    expect(third).toMatchObject({ rowsBefore: 5, rowsAfter: 2, added: 0, removed: 3, changed: 0, periods: { count: 0, ranges: [] } });
    expect(third!.flags).toContainEqual({ kind: "rowsDropped", column: null, share: 0.6 });
  });

  it("an upsert pipeline: the staged rows against those they replace, new days as ranges", async () => {
    await runAndRead(
      daily([
        { station: "S1", period: "2024-01-01", value: 10 },
        { station: "S1", period: "2024-01-02", value: 11 },
        { station: "S2", period: "2024-01-01", value: 12 },
      ]),
    );
    const second = await runAndRead(
      daily([
        { station: "S1", period: "2024-01-02", value: 11 }, // the same
        { station: "S2", period: "2024-01-01", value: 15 }, // changed
        { station: "S2", period: "2024-01-02", value: null }, // added, a day already covered
        { station: "S1", period: "2024-01-03", value: 13 }, // added
        { station: "S1", period: "2024-01-04", value: 14 }, // added
        { station: "S1", period: "2024-01-09", value: 9 }, // added, after a gap
      ]),
    );
    expect(second).toMatchObject({ mode: "upsert", rowsBefore: 3, rowsAfter: 7, added: 4, removed: 0, changed: 1 });
    expect(column(second!, "value")).toMatchObject({ before: { nulls: 0, min: 10, max: 12 }, after: { nulls: 1, min: 9, max: 15 } });
    expect(column(second!, "period")).toMatchObject({ before: { min: "2024-01-01", max: "2024-01-02" }, after: { min: "2024-01-01", max: "2024-01-09" } });
    expect(column(second!, "station")).toMatchObject({ before: { distinct: 2 }, after: { distinct: 2 } });
    expect(second!.periods).toEqual({
      column: "period",
      grain: "day",
      count: 3,
      ranges: [
        { from: "2024-01-03", to: "2024-01-04" },
        { from: "2024-01-09", to: "2024-01-09" },
      ],
      cut: false,
    });

    // The third publish reads the old version's figures from the second's record: they must still agree with a scan.
    const third = await runAndRead(daily([{ station: "S3", period: "2024-01-09", value: 1 }]));
    expect(third).toMatchObject({ rowsBefore: 7, rowsAfter: 8, added: 1, removed: 0, changed: 0, periods: { count: 0 } });
    expect(column(third!, "value")).toEqual({
      ...column(second!, "value"),
      before: column(second!, "value")!.after,
      after: { nulls: 1, min: 1, max: 15, distinct: null },
    });
    expect(column(third!, "station")!.after.distinct).toBe(3);
  });

  it("records nothing for a run that failed, and keeps the last publish's figures for the next", async () => {
    await runAndRead(daily([{ station: "S1", period: "2024-01-01", value: 10 }]));
    const failed = await harness.runner.run(daily([{ station: "S1", period: "not a date", value: 1 }]), "manual");
    expect(failed.status).toBe("failed");
    expect(await readPublishChanges(harness.db, failed.runId, {})).toBeNull();
    const next = await runAndRead(daily([{ station: "S1", period: "2024-01-01", value: 11 }]));
    expect(next).toMatchObject({ rowsBefore: 1, rowsAfter: 1, added: 0, changed: 1 });
  });

  it("a history in slices: one summary for the run, with the hours a slice deletes and those a better tier keeps out", async () => {
    const hour = (h: number, tier: string, value = h) => ({ station: "S1", period: `2024-01-01T0${h}:00:00Z`, value, tier });
    const tiered = (slices: Slice[]) =>
      definePipeline({
        name: "test-tiered",
        title: { nl: "Test", en: "Test" },
        schedule: "0 * * * *",
        source: { kind: "sliced", describe: "inline slices", plan: async () => slices },
        schema: z.object({ station: z.string(), period: z.iso.datetime({ offset: true }), value: z.number(), tier: z.enum(["unvalidated", "validated"]) }),
        mode: "upsert",
        key: ["station", "period"],
        precedence: { column: "tier", order: ["unvalidated", "validated"], period: "period" },
        attribution: { source: "test", licence: "CC0" },
      });
    const recent = (rows: unknown[]): Slice => ({ id: "recent", label: "recent", repeat: "always", source: records(rows) });
    await runAndRead(tiered([recent([1, 2, 3, 4].map((h) => hour(h, "unvalidated")))]));
    const second = await runAndRead(
      tiered([
        {
          id: "validated:2024-01-01",
          label: "validated",
          repeat: "once",
          // Hours 1 and 2 validated (changed: their tier), hour 3 not in the validated file: deleted.
          covers: { from: "2024-01-01T00:00:00Z", to: "2024-01-01T03:00:00Z", tier: "validated" },
          source: records([hour(1, "validated"), hour(2, "validated")]),
        },
        // Hour 2 again unvalidated: kept out by the validated one, no change; hour 5 is new.
        recent([hour(2, "unvalidated", 99), hour(5, "unvalidated")]),
      ]),
    );
    expect(second).toMatchObject({ publishes: 2, rowsBefore: 4, rowsAfter: 4, added: 1, removed: 1, changed: 2, periods: { grain: "day", count: 0 } });
    expect(column(second!, "tier")).toMatchObject({ before: { distinct: 1 }, after: { distinct: 2 } });
    expect(column(second!, "value")).toMatchObject({ before: { min: 1, max: 4 }, after: { min: 1, max: 5 } });
  });

  it("grows an upsert's figures from the rows that come and go as a scan would find them, also when an extreme or a value leaves", async () => {
    const mixed = (rows: unknown[]) =>
      definePipeline({
        name: "test-mixed",
        title: { nl: "Test", en: "Test" },
        schedule: "0 * * * *",
        source: records(rows),
        schema: z.object({ id: z.string(), kind: z.string(), value: z.number().nullable() }),
        mode: "upsert",
        key: ["id"],
        attribution: { source: "test", licence: "CC0" },
      });
    // Fifty rows, so that three coming in are few enough to grow the figures from (publish-figures.ts).
    const filler = Array.from({ length: 47 }, (_, i) => ({ id: `f${i}`, kind: "f", value: 5 }));
    await runAndRead(mixed([{ id: "a", kind: "x", value: 50 }, { id: "b", kind: "y", value: 1 }, { id: "c", kind: "z", value: null }, ...filler]));
    const second = await runAndRead(
      mixed([
        { id: "a", kind: "x", value: 20 }, // the old largest value leaves
        { id: "b", kind: "w", value: 1 }, // kind y leaves, w comes
        { id: "d", kind: "x", value: null },
      ]),
    );
    expect(second).toMatchObject({ rowsBefore: 50, rowsAfter: 51, added: 1, removed: 0, changed: 2 });
    const scanned = await harness.db.withConnection((c) =>
      measureTable(
        c,
        "main.test_mixed",
        second!.columns.map((col) => ({ name: col.name, type: col.type as "VARCHAR", nullable: true, rules: [] })),
      ),
    );
    expect(Object.fromEntries(second!.columns.map((col) => [col.name, col.after]))).toEqual(scanned.columns);
    expect(column(second!, "value")!.after).toEqual({ nulls: 2, min: 1, max: 20, distinct: null });
    expect(column(second!, "kind")!.after).toEqual({ nulls: 0, min: null, max: null, distinct: 4 });
    expect(column(second!, "id")!.after).toEqual({ nulls: 0, min: null, max: null, distinct: 51 });

    // A new kind only: grown without looking at the replaced rows' values.
    const third = await runAndRead(mixed([{ id: "e", kind: "v", value: 100 }]));
    expect(column(third!, "kind")!.after).toEqual({ nulls: 0, min: null, max: null, distinct: 5 });
    expect(column(third!, "value")!.after).toEqual({ nulls: 2, min: 1, max: 100, distinct: null });
  });
});
