import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/app/config.ts";

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

describe("live source configuration", () => {
  it("takes the sources and the municipality's Luchtmeetnet stations, and names a bad list", () => {
    expect(loadConfig({ MM_SOURCES: "live", MM_LUCHTMEETNET_STATIONS: "NL10404,NL10445" })).toMatchObject({
      MM_SOURCES: "live",
      MM_LUCHTMEETNET_STATIONS: "NL10404,NL10445",
    });
    expect(() => loadConfig({ MM_LUCHTMEETNET_STATIONS: "NL10404;NL10445" })).toThrow(
      /MM_LUCHTMEETNET_STATIONS must be station numbers like "NL10404,NL10445"/,
    );
    expect(() => loadConfig({ MM_SOURCES: "files" })).toThrow(/MM_SOURCES must be "demo" or "live"/);
  });

  it("bounds the alert interval to a day, so its timer cannot overflow into a busy loop", () => {
    expect(loadConfig({ MM_ALERT_INTERVAL_MINUTES: "1440" }).MM_ALERT_INTERVAL_MINUTES).toBe(1440);
    expect(() => loadConfig({ MM_ALERT_INTERVAL_MINUTES: "40000" })).toThrow(
      /MM_ALERT_INTERVAL_MINUTES: MM_ALERT_INTERVAL_MINUTES must be at most 1440 \(one day\)/,
    );
    expect(() => loadConfig({ MM_ALERT_INTERVAL_MINUTES: "0" })).toThrow(/MM_ALERT_INTERVAL_MINUTES must be more than 0 minutes/);
  });

  it("keeps rejected rows 90 days unless MM_REJECTS_RETENTION_DAYS says otherwise, and names a bad value", () => {
    expect(loadConfig({}).MM_REJECTS_RETENTION_DAYS).toBe(90);
    expect(loadConfig({ MM_REJECTS_RETENTION_DAYS: "14" }).MM_REJECTS_RETENTION_DAYS).toBe(14);
    expect(() => loadConfig({ MM_REJECTS_RETENTION_DAYS: "0" })).toThrow(/MM_REJECTS_RETENTION_DAYS must be at least 1 day/);
    expect(() => loadConfig({ MM_REJECTS_RETENTION_DAYS: "a month" })).toThrow(/MM_REJECTS_RETENTION_DAYS must be a number of days like "90"/);
  });

  it("reads the upstream limits, fractions of a second too, and names a bad value", () => {
    expect(loadConfig({})).toMatchObject({ MM_UPSTREAM_MAX_WAIT_MINUTES: 5, MM_UPSTREAM_IDLE_SECONDS: 30, MM_UPSTREAM_TIMEOUT_SECONDS: 120 });
    expect(loadConfig({ MM_UPSTREAM_MAX_WAIT_MINUTES: "0", MM_UPSTREAM_IDLE_SECONDS: "0.2" })).toMatchObject({
      MM_UPSTREAM_MAX_WAIT_MINUTES: 0,
      MM_UPSTREAM_IDLE_SECONDS: 0.2,
    });
    expect(() => loadConfig({ MM_UPSTREAM_MAX_WAIT_MINUTES: "a day" })).toThrow(/MM_UPSTREAM_MAX_WAIT_MINUTES must be a number of minutes like "5"/);
    expect(() => loadConfig({ MM_UPSTREAM_MAX_WAIT_MINUTES: "1440" })).toThrow(/MM_UPSTREAM_MAX_WAIT_MINUTES must be at most 360/);
    expect(() => loadConfig({ MM_UPSTREAM_IDLE_SECONDS: "0" })).toThrow(/MM_UPSTREAM_IDLE_SECONDS must be more than 0 seconds/);
  });

  it("ships a valid configuration for Den Haag", async () => {
    const { readFileSync } = await import("node:fs");
    const env = Object.fromEntries(
      readFileSync(new URL("../../config/gm0518-den-haag.env", import.meta.url), "utf8")
        .split("\n")
        .filter((line) => /^[A-Z_]+=/.test(line))
        .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1).replace(/^"(.*)"$/, "$1")]),
    );
    expect(loadConfig(env)).toMatchObject({ MM_SOURCES: "live", MM_MUNICIPALITY_CODE: "GM0518", MM_MUNICIPALITY_NAME: "'s-Gravenhage" });
  });
});
