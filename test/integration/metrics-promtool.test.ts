/**
 * A scrape of /metrics passes Prometheus's own linter, `promtool check metrics` (Debian's
 * `prometheus` package ships it; .ci/run installs it): no output, exit 0. Without promtool this test
 * fails, it does not skip: a skipped check would pass CI unchecked.
 */
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { RENAMED_DEFAULT_GAUGES } from "../../src/engine/operations/metrics.ts";
import { login, startTestMonitor, type TestMonitor } from "../support/test-server.ts";

const TOKEN = "p".repeat(40);
let monitor: TestMonitor;

beforeAll(async () => {
  monitor = await startTestMonitor(inject("demoDir"), { config: { MM_METRICS_TOKEN: TOKEN } });
});
afterAll(() => monitor?.close());

/** A scrape after some traffic, so that the request histogram and the run counters have samples. */
async function scrape(): Promise<string> {
  const permit = await login(monitor.url, "permit");
  expect((await fetch(`${monitor.url}/api/v1/themes`, { headers: { cookie: permit.cookie } })).status).toBe(200);
  const response = await fetch(`${monitor.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(response.status).toBe(200);
  return response.text();
}

describe("the metrics", () => {
  it("pass `promtool check metrics` without a remark", async () => {
    const text = await scrape();
    const check = spawnSync("promtool", ["check", "metrics"], { input: text, encoding: "utf8" });
    if (check.error) {
      throw new Error(
        `promtool could not be run (${check.error.message}): install Debian's prometheus package, which ships it: sudo apt-get install -y prometheus`,
      );
    }
    expect({ status: check.status, stdout: check.stdout, stderr: check.stderr }).toEqual({ status: 0, stdout: "", stderr: "" });
  });

  it("name no gauge _total, and keep prom-client's totals of active handles, requests and resources under other names", async () => {
    const text = await scrape();
    const types = [...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map(([, name, type]) => ({ name: name!, type: type! }));
    expect(types.length).toBeGreaterThan(10);
    expect(types.filter((t) => t.type !== "counter" && t.name.endsWith("_total"))).toEqual([]);
    for (const name of RENAMED_DEFAULT_GAUGES) {
      // Node 20 has all three calls behind them; each total is a whole number, ≥ 0.
      expect(text).toMatch(new RegExp(`^# TYPE ${name}_all gauge$`, "m"));
      expect(text).toMatch(new RegExp(`^${name}_all \\d+$`, "m"));
    }
  });
});
