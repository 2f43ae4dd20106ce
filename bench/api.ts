/**
 * API latency of the policy view (themes, a series, values per area), the station detail and the
 * permit officer's search and dossiers, against /healthz (a trivial route of the same app) as the
 * baseline, with a fixed number of concurrent clients on loopback. The loops run warm; the first
 * request of each (uncached) is reported on its own. Dossiers are never cached (each is audited).
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

/** The median of one client's requests one after another: the latency a single user sees. */
async function sequentialMedianMs(url: string, cookie: string, requests = 50): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < requests; i++) times.push(await coldMs(url, cookie));
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** Peak growth of this process's RSS (server and client share it) while `work` runs, in MiB. */
async function rssPeakMiB(work: () => Promise<unknown>): Promise<number> {
  global.gc?.();
  const start = process.memoryUsage().rss;
  let peak = start;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  await work();
  clearInterval(sampler);
  return Math.round((Math.max(peak, process.memoryUsage().rss) - start) / 2 ** 20);
}

/** Reads a response a chunk at a time with a pause after each: a slow client. */
async function readSlowly(response: Response): Promise<number> {
  const reader = response.body!.getReader();
  let bytes = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    bytes += chunk.value.length;
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  return bytes;
}

/** One request on a fresh publish: the cache is cold, so this is the uncached cost. */
async function coldMs(url: string, cookie: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, { headers: { cookie } });
  await response.arrayBuffer();
  return Number((performance.now() - started).toFixed(1));
}

async function loginAs(base: string, username: string): Promise<string> {
  const login = await fetch(`${base}/api/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: "demo" }),
  });
  return login.headers.get("set-cookie")!.split(";")[0]!;
}

export async function benchApi(demoDir: string) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "mm-bench-"));
  const config = loadConfig({}, { PORT: 0, MM_DB: path.join(tmp, "api.duckdb"), MM_DEMO: true, MM_DEMO_DIR: demoDir });
  const monitor = await startMonitor({ config, clock: () => new Date(), log: () => {}, schedule: false });
  await monitor.startupRuns;
  const base = monitor.url;
  try {
    const policy = await loginAs(base, "policy");
    const permit = await loginAs(base, "permit");
    const [someone] = await monitor.db.query("SELECT establishment_id, lat, lon FROM main.establishments ORDER BY establishment_id LIMIT 1 OFFSET 700");
    // Who asks matters: the policy role's answers go through disclosure control.
    const endpoints: Record<string, { url: string; cookie: string }> = {
      themes: { url: `${base}/api/v1/themes`, cookie: policy },
      series: { url: `${base}/api/v1/indicators/no2-annual-mean/series?by=breakdown`, cookie: policy },
      areas: { url: `${base}/api/v1/indicators/odour-complaints/areas?level=buurt`, cookie: policy },
      stationDetail: { url: `${base}/api/v1/stations/NL99001`, cookie: permit },
      search: { url: `${base}/api/v1/establishments?q=bakker`, cookie: permit },
      searchNear: { url: `${base}/api/v1/establishments?near=${someone!.lat},${someone!.lon}&radius=500`, cookie: permit },
      dossier: { url: `${base}/api/v1/establishments/${someone!.establishment_id}`, cookie: permit },
      locationDossier: { url: `${base}/api/v1/locations/dossier?lat=${someone!.lat}&lon=${someone!.lon}`, cookie: permit },
    };
    const cold: Record<string, number> = {};
    for (const [name, { url, cookie }] of Object.entries(endpoints)) cold[name] = await coldMs(url, cookie);
    const singleUserMedianMs: Record<string, number> = {};
    for (const [name, { url, cookie }] of Object.entries(endpoints)) singleUserMedianMs[name] = await sequentialMedianMs(url, cookie);
    const baseline = await measure(`${base}/healthz`, policy);
    const figures: Record<string, object> = {};
    for (const [name, { url, cookie }] of Object.entries(endpoints)) {
      const measured = await measure(url, cookie);
      figures[name] = { ...measured, throughputRatio: Number((measured.rps / baseline.rps).toFixed(3)) };
    }
    // The whole history of a station, streamed to a slow client, against the same rows materialised.
    const exportMiB = {
      streamedToSlowClient: await rssPeakMiB(async () => readSlowly(await fetch(`${base}/api/v1/stations/NL99001/measurements?from=2000-01-01&to=2100-01-01`, { headers: { cookie: permit } }))),
      baselineMaterialised: await rssPeakMiB(() => monitor.db.query("SELECT strftime(timestamp_measured, '%Y-%m-%dT%H:%M:%SZ') AS time, formula, value FROM main.air_measurements WHERE station_number = 'NL99001' ORDER BY timestamp_measured, formula")),
    };
    return { bench: "api", concurrency: CONCURRENCY, requests: REQUESTS, coldFirstRequestMs: cold, singleUserMedianMs, baselineHealthz: baseline, ...figures, exportMiB };
  } finally {
    await monitor.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}
