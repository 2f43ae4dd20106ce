/**
 * The published runs held in memory: read once at open, and again after each publish's COMMIT, with
 * readers made to wait while a COMMIT is under way (so none reads the old runs over new data).
 */
import { describe, expect, it } from "vitest";
import { createPublishedState } from "../../../src/store/published-runs.ts";

/** A stand-in for meta.published whose rows the test changes, counting the reads. */
function fakeTable() {
  const table = { rows: [{ pipeline: "waste", run_id: 1, finished_at: "2026-01-01T00:00:00Z" }], reads: 0, fail: false };
  const read = async () => {
    table.reads += 1;
    if (table.fail) throw new Error("disk full");
    return table.rows.map((r) => ({ ...r }));
  };
  return { table, read };
}

describe("published state", () => {
  it("reads the runs once at open and then answers from memory", async () => {
    const { table, read } = fakeTable();
    const state = await createPublishedState(read);
    for (let i = 0; i < 5; i++) expect((await state.settled()).get("waste")?.runId).toBe(1);
    expect(table.reads).toBe(1);
  });

  it("holds readers back while a COMMIT is under way and gives them the new runs after it", async () => {
    const { table, read } = fakeTable();
    const state = await createPublishedState(read);
    state.begin();
    let seen: number | undefined;
    const reader = state.settled().then((runs) => (seen = runs.get("waste")?.runId));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(seen).toBeUndefined();
    table.rows[0]!.run_id = 2;
    await state.end();
    await reader;
    expect(seen).toBe(2);
  });

  it("waits until the last of overlapping COMMITs has ended", async () => {
    const { read } = fakeTable();
    const state = await createPublishedState(read);
    state.begin();
    state.begin();
    let done = false;
    const reader = state.settled().then(() => (done = true));
    await state.end();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(done).toBe(false);
    await state.end();
    await reader;
    expect(done).toBe(true);
  });

  it("reads again at the next reader when reading after a COMMIT failed", async () => {
    const { table, read } = fakeTable();
    const state = await createPublishedState(read);
    state.begin();
    table.rows[0]!.run_id = 3;
    table.fail = true;
    await state.end();
    table.fail = false;
    expect((await state.settled()).get("waste")?.runId).toBe(3);
  });
});
