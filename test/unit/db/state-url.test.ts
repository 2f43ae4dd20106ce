import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/app/config.ts";
import { readMigrations } from "../../../src/store/state/migrate-state.ts";
import { describeStateUrl } from "../../../src/store/state/state-url.ts";

describe("MM_STATE_URL", () => {
  it("accepts postgres:// and postgresql:// URLs, and refuses others without repeating them", () => {
    expect(loadConfig({ MM_STATE_URL: "postgres://monitor:geheim@db:5432/monitor" }).MM_STATE_URL).toBe("postgres://monitor:geheim@db:5432/monitor");
    expect(loadConfig({ MM_STATE_URL: "postgresql://db/monitor" }).MM_STATE_URL).toBe("postgresql://db/monitor");
    expect(loadConfig({}).MM_STATE_URL).toBeUndefined();
    const refused = () => loadConfig({ MM_STATE_URL: "mysql://monitor:geheim@db/monitor" });
    expect(refused).toThrow(/MM_STATE_URL must be a PostgreSQL URL like postgres:\/\//);
    expect(refused).not.toThrow(/geheim/);
  });

  it("is shown without its password", () => {
    expect(describeStateUrl("postgres://monitor:geheim@db:5432/monitor")).toBe("postgres://monitor:***@db:5432/monitor");
    expect(describeStateUrl("postgres://db/monitor")).toBe("postgres://db/monitor");
    expect(describeStateUrl("not a url geheim")).not.toContain("geheim");
  });
});

describe("the state migrations", () => {
  it("are numbered 1, 2, … without gaps", () => {
    const versions = readMigrations().map((m) => m.version);
    expect(versions).toEqual(versions.map((_, i) => i + 1));
  });
});
