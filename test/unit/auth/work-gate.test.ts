import { describe, expect, it } from "vitest";
import { createWorkGate } from "../../../src/engine/auth/work-gate.ts";

/** Work that ends when the test says so. */
function held() {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { work: () => done, finish };
}

describe("the work gate", () => {
  it("runs one at a time, lines up the next ones in order, and refuses the excess at once", async () => {
    const gate = createWorkGate({ running: 1, waiting: 2 });
    const started: number[] = [];
    const jobs = [held(), held(), held()];
    const refused = () => new Error("busy");
    const runs = jobs.map((job, i) => gate.run(() => (started.push(i), job.work()), refused));
    await expect(gate.run(async () => "never", refused)).rejects.toThrow("busy");
    await Promise.resolve();
    expect(started).toEqual([0]);
    jobs[0]!.finish();
    await runs[0];
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1]);
    jobs[1]!.finish();
    jobs[2]!.finish();
    await Promise.all(runs);
    expect(started).toEqual([0, 1, 2]);
    // Free again: a new job runs.
    await expect(gate.run(async () => "ran", refused)).resolves.toBe("ran");
  });

  it("keeps a place taken while it rests after its work", async () => {
    const gate = createWorkGate({ running: 1, waiting: 0, restRatio: 1_000_000 });
    await gate.run(
      async () => new Promise((resolve) => setTimeout(resolve, 5)),
      () => new Error("busy"),
    );
    // The place rests for over an hour now: the next is refused, not run.
    await expect(
      gate.run(
        async () => "ran",
        () => new Error("busy"),
      ),
    ).rejects.toThrow("busy");
  });
});
