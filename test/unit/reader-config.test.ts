/** MM_MODE=reader needs the snapshot folder and the shared state; the writer (default) needs neither. */
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/app/config.ts";

describe("reader configuration", () => {
  it("defaults to the writer, with a two-minute grace period for old snapshots", () => {
    const config = loadConfig({});
    expect(config.MM_MODE).toBe("writer");
    expect(config.MM_SNAPSHOT_DIR).toBeUndefined();
    expect(config.MM_SNAPSHOT_GRACE_SECONDS).toBe(120);
  });

  it("refuses a reader without MM_SNAPSHOT_DIR and MM_STATE_URL, naming both", () => {
    expect(() => loadConfig({ MM_MODE: "reader" })).toThrow(
      /MM_SNAPSHOT_DIR: MM_SNAPSHOT_DIR must be set when MM_MODE is "reader"[\s\S]*MM_STATE_URL: MM_STATE_URL must be set/,
    );
    expect(() => loadConfig({ MM_MODE: "reader", MM_SNAPSHOT_DIR: "/var/lib/mm/snapshots" })).toThrow(/MM_STATE_URL must be set when MM_MODE is "reader"/);
  });

  it("accepts a reader with both, and refuses an unknown mode", () => {
    const config = loadConfig({
      MM_MODE: "reader",
      MM_SNAPSHOT_DIR: "/var/lib/mm/snapshots",
      MM_STATE_URL: "postgres://monitor@db:5432/monitor",
      MM_SNAPSHOT_GRACE_SECONDS: "30",
    });
    expect(config).toMatchObject({ MM_MODE: "reader", MM_SNAPSHOT_GRACE_SECONDS: 30 });
    expect(() => loadConfig({ MM_MODE: "replica" })).toThrow(/MM_MODE must be "writer" or "reader"/);
  });
});
