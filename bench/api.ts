/**
 * API latency: GET /api/v1/themes, a series and a station detail against /healthz (a trivial route
 * of the same app) as the baseline, with a fixed number of concurrent clients on loopback. The
 * loops run on a warm cache; the first request of each (uncached) is reported on its own.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../server/config.ts";
import { startMonitor } from "../server/start-monitor.ts";

const CONCURRENCY = 10;
const REQUESTS = 400;

async function measure(url: string, cookie: string) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < REQUESTS) {
        const t = performance.now();
        const response = await fetch(url, { headers: { cookie } });
        await response.arrayBuffer();
        if (!response.ok) throw new Error(`${url}: ${response.status}`);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => Number(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!.toFixed(1));
  return { rps: Math.round(latencies.length / seconds), p50: pct(0.5), p95: pct(0.95), p99: pct(0.99) };
}

/** One request on a fresh publish: the cache is cold, so this is the uncached cost. */
async function coldMs(url: string, cookie: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, { headers: { cookie } });
  await response.arrayBuffer();
  return Number((performance.now() - started).toFixed(1));
}

export async function benchApi(demoDir: string) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "mm-bench-"));
  const config = loadConfig({}, { PORT: 0, MM_DB: path.join(tmp, "api.duckdb"), MM_DEMO: true, MM_DEMO_DIR: demoDir });
  const monitor = await startMonitor({ config, clock: () => new Date(), log: () => {}, schedule: false });
  await monitor.startupRuns;
  const base = monitor.url;
  try {
    const login = await fetch(`${base}/api/v1/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "admin", password: "demo" }),
    });
    const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
    const urls = {
      themes: `${base}/api/v1/themes`,
      series: `${base}/api/v1/indicators/no2-annual-mean/series?by=breakdown`,
      station: `${base}/api/v1/stations/NL99001`,
    };
    const cold = { themes: await coldMs(urls.themes, cookie), series: await coldMs(urls.series, cookie), station: await coldMs(urls.station, cookie) };
    const baseline = await measure(`${base}/healthz`, cookie);
    const themes = await measure(urls.themes, cookie);
    const series = await measure(urls.series, cookie);
    const station = await measure(urls.station, cookie);
    return {
      bench: "api",
      concurrency: CONCURRENCY,
      requests: REQUESTS,
      coldFirstRequestMs: cold,
      baselineHealthz: baseline,
      themes: { ...themes, throughputRatio: Number((themes.rps / baseline.rps).toFixed(3)) },
      series: { ...series, throughputRatio: Number((series.rps / baseline.rps).toFixed(3)) },
      stationDetail: { ...station, throughputRatio: Number((station.rps / baseline.rps).toFixed(3)) },
    };
  } finally {
    await monitor.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}
