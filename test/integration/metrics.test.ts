/**
 * GET /metrics in Prometheus's text format: process and DuckDB memory, request durations per route
 * pattern, pipeline runs and rows, dataset freshness; served only to configured addresses or with
 * the bearer token. Addresses are given through X-Forwarded-For from a trusted (loopback) proxy.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { FIXED_NOW, login, startTestMonitor, type TestMonitor } from "../support/test-server.ts";

const TOKEN = "m".repeat(40);
let monitor: TestMonitor;

beforeAll(async () => {
  monitor = await startTestMonitor(inject("demoDir"), {
    config: { MM_TRUST_PROXY: "loopback", MM_METRICS_ALLOW: "10.9.9.9, 192.0.2.1", MM_METRICS_TOKEN: TOKEN },
  });
});
afterAll(() => monitor?.close());

const scrape = (headers: Record<string, string> = {}) => fetch(`${monitor.url}/metrics`, { headers });

/** The value of the first sample of `name` whose labels include all of `labels`. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split("\n")) {
    const match = /^(\w+)(\{.*\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    if (Object.entries(labels).every(([k, v]) => match[2]?.includes(`${k}="${v}"`))) return Number(match[3]);
  }
  return undefined;
}

describe("metrics", () => {
  it("refuses an address that is not configured, and a wrong token", async () => {
    const direct = await scrape();
    expect(direct.status).toBe(403);
    expect(direct.headers.get("content-type")).toMatch(/problem\+json/);
    expect((await scrape({ "x-forwarded-for": "10.9.9.8", authorization: `Bearer ${"x".repeat(40)}` })).status).toBe(403);
  });

  it("serves a configured address, and anyone with the token", async () => {
    expect((await scrape({ "x-forwarded-for": "10.9.9.9" })).status).toBe(200);
    expect((await scrape({ "x-forwarded-for": "198.51.100.7", authorization: `Bearer ${TOKEN}` })).status).toBe(200);
  });

  it("reports memory, request durations by route pattern, pipeline runs and rows, and freshness", async () => {
    const permit = await login(monitor.url, "permit");
    const dossier = await fetch(`${monitor.url}/api/v1/establishments/IN-000700`, { headers: { cookie: permit.cookie } });
    expect(dossier.status).toBe(200);
    const response = await scrape({ "x-forwarded-for": "192.0.2.1" });
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(sample(text, "process_resident_memory_bytes")).toBeGreaterThan(10 * 2 ** 20);
    expect(sample(text, "nodejs_heap_size_used_bytes")).toBeGreaterThan(0);
    expect(text).toMatch(/^mm_duckdb_memory_bytes\{tag="[A-Z_]+"\} \d+$/m);
    // The pattern, not the URL: one series for every establishment.
    expect(sample(text, "mm_http_request_duration_seconds_count", { route: "/api/v1/establishments/:id", method: "GET", status: "200" })).toBe(1);
    expect(text).not.toContain("IN-000700");
    expect(sample(text, "mm_pipeline_runs_total", { pipeline: "waste", status: "succeeded" })).toBe(1);
    expect(sample(text, "mm_pipeline_rows_total", { pipeline: "waste", outcome: "loaded" })).toBeGreaterThan(0);
    // Rejects per pipeline, as the run history counts them.
    for (const row of await monitor.db.query("SELECT pipeline, sum(rows_rejected)::INTEGER AS n FROM meta.pipeline_runs GROUP BY ALL")) {
      expect(sample(text, "mm_pipeline_rows_total", { pipeline: String(row.pipeline), outcome: "rejected" }), String(row.pipeline)).toBe(row.n);
    }
    const published = sample(text, "mm_dataset_published_timestamp_seconds", { pipeline: "waste" })!;
    // The test monitor's clock stands still.
    expect(published).toBe(FIXED_NOW.getTime() / 1000);
    // The data's own freshness, as the pipeline view has it, by the wall clock: the demo's hourly feed ends
    // 2026-01-01, two months before the test clock, so it is stale; the annual waste figures are not.
    const [newest] = await monitor.db.query("SELECT epoch(max(timestamp_measured))::DOUBLE AS s FROM main.air_quality_measurements");
    expect(sample(text, "mm_dataset_newest_timestamp_seconds", { pipeline: "air-quality-measurements" })).toBe(newest!.s);
    expect(sample(text, "mm_dataset_stale", { pipeline: "air-quality-measurements" })).toBe(1);
    expect(sample(text, "mm_dataset_age_seconds", { pipeline: "air-quality-measurements" })).toBe(FIXED_NOW.getTime() / 1000 - Number(newest!.s));
    // A year is no timestamp: waste has an age and a judgement, no newest timestamp.
    expect(sample(text, "mm_dataset_newest_timestamp_seconds", { pipeline: "waste" })).toBeUndefined();
    expect(sample(text, "mm_dataset_stale", { pipeline: "waste" })).toBe(0);
    expect(sample(text, "mm_dataset_age_seconds", { pipeline: "waste" })).toBeGreaterThan(0);
  });
});
