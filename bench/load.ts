/**
 * load: autocannon (100 connections, 60 s after a 10 s warm-up; MM_LOAD_SECONDS and
 * MM_LOAD_CONNECTIONS to change) over a mix of theme, series, area and dossier requests while the
 * air-quality measurements are published every 5 s with changed values. Meanwhile a checker
 * records each series answer's X-Data-Version and body: every version must have exactly one body
 * (an answer mixing two publishes would be a second body under one version). The baseline is
 * /healthz under the same load, measured in the same run. Server and load generator share the
 * machine's cores, as in the api bench. First, a large export to a slow client, for its memory.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { recordedPath, type Intercept } from "../src/pipelines/framework/recorded-server.ts";
import airQualityMeasurements from "../src/pipelines/air-quality-measurements.ts";
import { loadConfig } from "../src/app/config.ts";
import { startMonitor, type Monitor } from "../src/app/start-monitor.ts";
import { runAutocannon, summary } from "./autocannon-run.ts";
import { exportMemory } from "./export-memory.ts";

const SECONDS = Number(process.env.MM_LOAD_SECONDS ?? 60);
const CONNECTIONS = Number(process.env.MM_LOAD_CONNECTIONS ?? 100);
const WARM_UP_SECONDS = 10;
const PUBLISH_EVERY_MS = 5_000;

/** Measurements served with every value raised by the number of publishes so far. */
function changingMeasurements(demoDir: string, bump: () => number): Intercept {
  return (req, res) => {
    if (!req.url?.startsWith("/luchtmeetnet/measurements")) return false;
    void readFile(path.join(demoDir, recordedPath(new URL(req.url, "http://recorded"))), "utf8").then((text) => {
      const body = JSON.parse(text) as { data: { value: number }[] };
      const offset = bump();
      body.data = body.data.map((m) => ({ ...m, value: m.value + offset }));
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
    });
    return true;
  };
}

async function loginAs(base: string, username: string): Promise<string> {
  const response = await fetch(`${base}/api/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: "demo" }),
  });
  return response.headers.get("set-cookie")!.split(";")[0]!;
}

/** Publishes every few seconds until stopped (an hourly pipeline, much sped up); returns how many succeeded. */
function keepPublishing(monitor: Monitor) {
  let stopped = false;
  let published = 0;
  const loop = (async () => {
    while (!stopped) {
      const result = await monitor.runner.run(airQualityMeasurements, "manual");
      if (result.status === "succeeded") published++;
      await new Promise((resolve) => setTimeout(resolve, PUBLISH_EVERY_MS));
    }
  })();
  return { stop: async () => ((stopped = true), await loop, published) };
}

/** Fetches one series over and over, keeping the bodies seen per data version. */
function checkVersions(url: string, cookie: string) {
  const bodies = new Map<string, Set<string>>();
  let stopped = false;
  let checked = 0;
  const loop = (async () => {
    while (!stopped) {
      const response = await fetch(url, { headers: { cookie } });
      const body = await response.text();
      const version = response.headers.get("x-data-version");
      if (response.status !== 200 || !version) continue;
      checked++;
      bodies.set(version, (bodies.get(version) ?? new Set()).add(createHash("sha256").update(body).digest("hex")));
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
      return { checked, versions: bodies.size, versionsWithMixedBodies: [...bodies.values()].filter((set) => set.size > 1).length };
    },
  };
}

export async function benchLoad(demoDir: string) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "mm-load-"));
  let publishes = 0;
  const config = loadConfig({}, { PORT: 0, MM_DB: path.join(tmp, "load.duckdb"), MM_DEMO: true, MM_DEMO_DIR: demoDir });
  const monitor = await startMonitor({
    config,
    clock: () => new Date(),
    log: () => {},
    schedule: false,
    intercept: changingMeasurements(demoDir, () => publishes),
  });
  await monitor.startupRuns;
  try {
    const [policy, permit] = [await loginAs(monitor.url, "policy"), await loginAs(monitor.url, "permit")];
    const [someone] = await monitor.db.query("SELECT establishment_id FROM main.establishments ORDER BY establishment_id LIMIT 1 OFFSET 700");
    const requests = [
      { path: "/api/v1/themes", headers: { cookie: policy } },
      { path: "/api/v1/indicators/no2-annual-mean/series?by=breakdown", headers: { cookie: policy } },
      { path: "/api/v1/indicators/odour-complaints/areas?level=buurt", headers: { cookie: policy } },
      { path: "/api/v1/indicators/green-share/series?area=WK999902", headers: { cookie: policy } },
      { path: `/api/v1/establishments/${someone!.establishment_id}`, headers: { cookie: permit } },
      { path: "/api/v1/establishments?q=bakker", headers: { cookie: permit } },
    ];
    // Before the load: afterwards the heap is large and free, so an RSS peak says nothing.
    const exportMiB = await exportMemory(monitor, permit);
    await runAutocannon({ url: monitor.url, connections: CONNECTIONS, duration: WARM_UP_SECONDS, requests });
    const baseline = await runAutocannon({ url: `${monitor.url}/healthz`, connections: CONNECTIONS, duration: Math.max(5, Math.round(SECONDS / 4)) });

    const publisher = keepPublishing(monitor);
    const checker = checkVersions(`${monitor.url}/api/v1/indicators/no2-annual-mean/series?by=breakdown`, policy);
    const rssBefore = process.memoryUsage().rss;
    const mixed = await runAutocannon({ url: monitor.url, connections: CONNECTIONS, duration: SECONDS, requests });
    const consistency = await checker.stop();
    publishes = await publisher.stop();
    const statusCodes = summary(mixed).statusCodes;
    return {
      bench: "load",
      connections: CONNECTIONS,
      seconds: SECONDS,
      baselineHealthz: summary(baseline),
      mix: { ...summary(mixed), throughputRatio: Number((mixed.requests.average / baseline.requests.average).toFixed(3)) },
      server5xx: Object.entries(statusCodes)
        .filter(([code]) => code.startsWith("5"))
        .reduce((s, [, n]) => s + n, 0),
      publishesDuringLoad: publishes,
      consistency,
      rssGrowthMiB: Math.round((process.memoryUsage().rss - rssBefore) / 2 ** 20),
      exportMiB,
    };
  } finally {
    await monitor.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}
