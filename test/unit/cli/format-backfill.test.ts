/** How `npm run pipelines -- list` states a backfill's progress (src/app/cli/format-run.ts). */
import { describe, expect, it } from "vitest";
import { formatBackfill } from "../../../src/app/cli/format-run.ts";

describe("the backfill column", () => {
  it("says slices done and to do, rows, the next slice and the time left while slices are to go", () => {
    expect(formatBackfill({ slicesDone: 3, slicesTotal: 14, rowsLoaded: 257_365, next: "2025-01 provisional", secondsLeft: 12 })).toBe(
      "3/14 slices, 257,365 rows; next 2025-01 provisional, about 12 s left",
    );
    expect(formatBackfill({ slicesDone: 1, slicesTotal: 132, rowsLoaded: 9_000, next: "2016 validated", secondsLeft: 7_300 })).toBe(
      "1/132 slices, 9,000 rows; next 2016 validated, about 2.0 h left",
    );
  });

  it("leaves out the time before the first slice is in, and everything but the count once all are", () => {
    expect(formatBackfill({ slicesDone: 0, slicesTotal: 12, rowsLoaded: 0, next: "2015 validated", secondsLeft: null })).toBe(
      "0/12 slices, 0 rows; next 2015 validated",
    );
    expect(formatBackfill({ slicesDone: 14, slicesTotal: 14, rowsLoaded: 335_603, next: null, secondsLeft: 0 })).toBe("14/14 slices, 335,603 rows");
  });
});
