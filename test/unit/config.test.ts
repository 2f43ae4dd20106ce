import { describe, expect, it } from "vitest";
import { loadConfig } from "../../server/config.ts";

describe("loadConfig", () => {
  it("defaults PORT to 3000 and MM_DB to a file under data/", () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.MM_DB).toMatch(/data\/milieumonitor\.duckdb$/);
    expect(config.MM_DEMO).toBe(false);
  });

  it("reads the environment", () => {
    const config = loadConfig({ PORT: "8080", MM_DB: "/tmp/x.duckdb", MM_DEMO: "true" });
    expect(config).toMatchObject({ PORT: 8080, MM_DB: "/tmp/x.duckdb", MM_DEMO: true });
  });

  it("names every bad variable and says how to fix it", () => {
    expect(() => loadConfig({ PORT: "eighty", MM_MUNICIPALITY_CODE: "0518" })).toThrow(
      /PORT: PORT must be a port number like "3000"[\s\S]*MM_MUNICIPALITY_CODE: .*like "GM0518"/,
    );
  });
});
