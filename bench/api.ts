/**
 * API latency: GET /api/v1/themes, a series and a station detail against /healthz (a trivial route
 * of the same app) as the baseline, with a fixed number of concurrent clients on loopback. The
 * loops run on a warm cache; the first request of each (uncached) is reported on its own.
 */
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { readDemoManifest } from "../data/demo/generate-demo.ts";
import { createFetchJson } from "../pipelines/framework/fetch-json.ts";
import { startRecordedServer } from "../pipelines/framework/recorded-server.ts";
import { createRunner } from "../pipelines/framework/run-pipeline.ts";
import { pipelines } from "../pipelines/index.ts";
import { createApp } from "../server/app.ts";
import { ensureDemoUsers } from "../server/auth/users.ts";
import { loadConfig } from "../server/config.ts";
import { openDatabase } from "../server/db/database.ts";
import { loadPolicyPlan } from "../server/themes/policy-plan.ts";

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
  const manifest = readDemoManifest(demoDir);
  if (!manifest) throw new Error(`no demo data in ${demoDir}; run npm run demo:generate`);
  const tmp = mkdtempSync(path.join(os.tmpdir(), "mm-bench-"));
  const config = loadConfig({}, { MM_DB: path.join(tmp, "api.duckdb"), MM_DEMO: true });
  const db = await openDatabase(config.MM_DB);
  const upstream = await startRecordedServer(path.join(demoDir, manifest.luchtmeetnet.dir));
  const settings = { luchtmeetnet: { baseUrl: upstream.url, from: manifest.luchtmeetnet.from, to: manifest.luchtmeetnet.to } };
  const runner = createRunner({ db, settings, fetchJson: createFetchJson(), clock: () => new Date(), log: () => {} });
  for (const pipeline of pipelines) await runner.run(pipeline, "manual");
  await ensureDemoUsers(db, new Date());
  const app = createApp({ config, db, plan: loadPolicyPlan(config.MM_POLICY_PLAN), municipality: manifest.municipality, clock: () => new Date(), log: () => {} });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const login = await fetch(`${base}/api/v1/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "admin", password: "demo" }),
    });
    const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
    const urls = {
      themes: `${base}/api/v1/themes`,
      series: `${base}/api/v1/indicators/no2-annual-mean/series?by=station`,
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
    server.closeAllConnections();
    server.close();
    await upstream.close();
    db.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}
