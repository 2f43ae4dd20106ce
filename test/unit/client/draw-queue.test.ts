/**
 * The chart draw queue (client/src/draw-queue.ts): one draw per task, charts near the screen before
 * the others, a cancelled draw never runs, and printing runs every waiting draw at once. Timers are
 * fake and advanced one at a time, so nothing here depends on how fast the machine is.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// Node has neither window nor requestIdleCallback: the queue falls back to zero timeouts.
vi.hoisted(() => vi.stubGlobal("window", new EventTarget()));

import { queueDraw } from "../../../client/src/draw-queue.ts";

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.runAllTimers();
  vi.useRealTimers();
});

describe("queueDraw", () => {
  it("runs one draw per task, those near the screen first", () => {
    const drawn: string[] = [];
    queueDraw(() => drawn.push("a"), "idle");
    queueDraw(() => drawn.push("b"), "idle");
    queueDraw(() => drawn.push("c"), "soon");
    expect(drawn).toEqual([]);
    vi.advanceTimersToNextTimer();
    expect(drawn).toEqual(["c"]);
    vi.advanceTimersToNextTimer();
    expect(drawn).toEqual(["c", "a"]);
    vi.runAllTimers();
    expect(drawn).toEqual(["c", "a", "b"]);
  });

  it("never runs a draw taken off the queue", () => {
    const drawn: string[] = [];
    const leave = queueDraw(() => drawn.push("gone"), "idle");
    queueDraw(() => drawn.push("kept"), "soon");
    leave();
    vi.runAllTimers();
    expect(drawn).toEqual(["kept"]);
  });

  it("runs every waiting draw before printing", () => {
    const drawn: string[] = [];
    queueDraw(() => drawn.push("a"), "idle");
    queueDraw(() => drawn.push("b"), "soon");
    window.dispatchEvent(new Event("beforeprint"));
    expect(drawn.sort()).toEqual(["a", "b"]);
    vi.runAllTimers();
    expect(drawn).toHaveLength(2);
  });
});
