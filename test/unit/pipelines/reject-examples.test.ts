/** A run's rejects by reason with up to three raw examples each, from the counts and the sample. */
import { describe, expect, it } from "vitest";
import { rejectExamples } from "../../../src/engine/pipelines/reject-examples.ts";

const text = (en: string) => ({ en, nl: en });
const row = (column: string | null, reason: string, raw: string) => ({ origin: "f.csv", line: 1, column, reason: text(reason), raw });

describe("rejectExamples", () => {
  it("gives each column and reason its own examples, at most three", () => {
    const counts = [
      { column: "kind", reason: text("must be one of a, b"), rows: 5 },
      { column: "id", reason: text("must match ^X$"), rows: 1 },
    ];
    const sample = [
      row("kind", "must be one of a, b", "c1"),
      row("id", "must match ^X$", "Y"),
      ...["c2", "c3", "c4", "c5"].map((raw) => row("kind", "must be one of a, b", raw)),
    ];
    expect(rejectExamples(counts, sample)).toEqual([
      { ...counts[0], examples: ["c1", "c2", "c3"] },
      { ...counts[1], examples: ["Y"] },
    ]);
  });

  it("puts a row whose reason quotes its values under the count of its column stated by no row", () => {
    const counts = [
      { column: "station_number, formula", reason: text("same key with different values"), rows: 2 },
      { column: null, reason: text("unreadable line (quote)"), rows: 1 },
    ];
    const sample = [
      row("station_number, formula", "same key (NL1, NO2) arrived with different values: value 1 and 2", "{...}"),
      row(null, "quote: unterminated quote", 'a,"b'),
    ];
    expect(rejectExamples(counts, sample).map((r) => r.examples)).toEqual([["{...}"], ['a,"b']]);
  });
});
