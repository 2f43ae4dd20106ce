/**
 * api: the server as its own process on the demo at a scale (MM_BENCH_SCALE, default 10: ≥ 10 million
 * hourly measurements, ≥ 500 sensors), ingested once into a database kept under the OS temp folder
 * and reused while the demo is unchanged.
 *
 * - Throughput: autocannon, 50 connections, 20 s after a 5 s warm-up, for GET /api/v1/themes against
 *   the baseline GET /api/v1/session/options — a static JSON route of the same app, behind the same
 *   middleware — measured in the same run, both as a logged-in browser asks (cookie, gzip).
 * - Uncached series, values per area, area profiles and contributions: one client, requests one after another, each URL asked
 *   once (so never from the answer cache); the first of each indicator after the server started also
 *   computes its cells, and is reported apart as the cold figure.
 * - Dossiers, search and station detail: one client, each establishment asked once (never cached:
 *   every dossier view is audited).
 * - Memory: the server's peak RSS while ingesting (fresh database only) and while serving.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { demoDirFor, generateDemo, readDemoManifest } from "../data/demo/generate-demo.ts";
import { runAutocannon, summary } from "./autocannon-run.ts";
import { login, startServerProcess } from "./server-process.ts";

const CONNECTIONS = 50;
const SECONDS = Number(process.env.MM_BENCH_SECONDS ?? 20);
const WARM_UP_SECONDS = 5;
const SEQUENTIAL = 60;

/** The demo folder at this scale, generated when missing or of another version. */
export function demoAtScale(scale: number): string {
  const dir = scale === 1 ? (process.env.MM_DEMO_DIR ?? demoDirFor(1)) : demoDirFor(scale);
  if (!readDemoManifest(dir, { scale })) generateDemo(dir, { scale });
  return dir;
}

/** A database kept between runs, emptied when the demo it was ingested from changed. */
export function benchDatabase(scale: number, demoDir: string): { file: string; fresh: boolean } {
  const dir = path.join(os.tmpdir(), "mm-bench-db");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `scale-${scale}.duckdb`);
  const marker = `${file}.demo.json`;
  const demo = JSON.stringify(readDemoManifest(demoDir, { scale }));
  if (!existsSync(marker) || readFileSync(marker, "utf8") !== demo) {
    for (const f of [file, `${file}.wal`, marker]) rmSync(f, { force: true });
    writeFileSync(marker, demo);
  }
  return { file, fresh: !existsSync(file) };
}

/** Each URL once, one after another: the latency one user sees, never from the answer cache. */
async function sequential(urls: string[], cookie: string) {
  if (urls.length === 0) return null;
  const times: number[] = [];
  for (const url of urls) {
    const started = performance.now();
    const response = await fetch(url, { headers: { cookie, "accept-encoding": "gzip" } });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    times.push(performance.now() - started);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const pct = (p: number) => Number(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!.toFixed(1));
  return { requests: times.length, p50: pct(0.5), p95: pct(0.95), max: pct(1) };
}

async function json<T>(url: string, cookie: string): Promise<T> {
  const response = await fetch(url, { headers: { cookie } });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return (await response.json()) as T;
}

interface Indicator {
  id: string;
  lowestLevel: string;
  breakdown: string | null;
}

export async function benchApi(scale = Number(process.env.MM_BENCH_SCALE ?? 10)) {
  const demoDir = demoAtScale(scale);
  const db = benchDatabase(scale, demoDir);
  // A fresh database is loaded by the start-up runs (all pipelines) before the server serves.
  const server = await startServerProcess({ MM_DB: db.file, MM_DEMO_DIR: demoDir, MM_RUN_AT_START: String(db.fresh), MM_SCHEDULE: "false" });
  const ingest = db.fresh ? { seconds: server.readySeconds, peakRssMiB: server.peakRssMiB() } : null;
  server.resetPeak();
  const base = server.url;
  try {
    const [policy, permit, analyst] = [await login(base, "policy"), await login(base, "permit"), await login(base, "analyst")];
    // A pipeline whose last run failed leaves its data out of every figure: say so in the line.
    const { pipelines } = await json<{ pipelines: { name: string; lastRun: { status: string; error: unknown } | null }[] }>(
      `${base}/api/v1/pipelines`,
      analyst.cookie,
    );
    const failedPipelines = pipelines
      .filter((p) => p.lastRun?.status !== "succeeded")
      .map((p) => ({ name: p.name, status: p.lastRun?.status ?? "never run", error: p.lastRun?.error ? JSON.stringify(p.lastRun.error).slice(0, 300) : null }));
    const [themes, areas] = [
      await json<{ themes: { indicators: Indicator[] }[] }>(`${base}/api/v1/themes`, policy.cookie),
      await json<{ features: { properties: { code: string } }[] }>(`${base}/api/v1/areas?level=wijk`, policy.cookie),
    ];
    const indicators = themes.themes.flatMap((t) => t.indicators);
    const wijken = areas.features.map((f) => f.properties.code);

    // Cold: the first series of each indicator since the server started computes its cells.
    const cold = await sequential(
      indicators.map((i) => `${base}/api/v1/indicators/${i.id}/series?from=2000`),
      policy.cookie,
    );
    const seriesUrls = indicators.flatMap((i) => [
      ...(i.breakdown ? [`${base}/api/v1/indicators/${i.id}/series?by=breakdown`] : []),
      ...[2015, 2018, 2021].map((from) => `${base}/api/v1/indicators/${i.id}/series?from=${from}`),
      ...(i.lowestLevel === "gemeente" ? [] : wijken.slice(0, 2).map((w) => `${base}/api/v1/indicators/${i.id}/series?area=${w}`)),
    ]);
    const areaUrls = indicators
      .filter((i) => i.lowestLevel !== "gemeente")
      .flatMap((i) =>
        ["wijk", ...(i.lowestLevel === "buurt" ? ["buurt"] : [])].flatMap((level) =>
          [`level=${level}`, `level=${level}&format=csv`].map((q) => `${base}/api/v1/indicators/${i.id}/areas?${q}`),
        ),
      );
    const buurten = (await json<{ features: { properties: { code: string } }[] }>(`${base}/api/v1/areas?level=buurt`, policy.cookie)).features.map(
      (f) => f.properties.code,
    );
    const profileUrls = [...wijken, ...buurten.slice(0, SEQUENTIAL)].map((code) => `${base}/api/v1/areas/${code}/profile`);
    // Each breakdown an indicator offers, over three ranges of the periods it can explain (read from an
    // untimed answer with the default range, so the timed ones are never from the answer cache).
    const contributionUrls: string[] = [];
    for (const indicator of indicators) {
      const { offered } = await json<{ offered: string[] }>(`${base}/api/v1/indicators/${indicator.id}/parts`, policy.cookie);
      for (const by of offered) {
        const url = `${base}/api/v1/indicators/${indicator.id}/contributions?by=${by}`;
        const { periods } = await json<{ periods: string[] }>(url, policy.cookie);
        if (periods.length < 3) continue;
        for (const range of [`from=${periods[0]}&to=${periods.at(-1)}`, `from=${periods[1]}`, `from=${periods[0]}&to=${periods.at(-2)}`]) {
          contributionUrls.push(`${url}&${range}`);
        }
      }
    }
    const uncached = {
      series: await sequential(seriesUrls, policy.cookie),
      areas: await sequential(areaUrls, policy.cookie),
      areaProfile: await sequential(profileUrls, policy.cookie),
      contributions: await sequential(contributionUrls, policy.cookie),
    };

    const found = await json<{ items: { id: string; lat: number; lon: number }[] }>(`${base}/api/v1/establishments?pageSize=100&page=3`, permit.cookie);
    const someone = found.items.slice(0, SEQUENTIAL);
    const { stations } = await json<{ stations: { number: string }[] }>(`${base}/api/v1/stations`, permit.cookie);
    const permitOfficer = {
      dossier: await sequential(
        someone.map((e) => `${base}/api/v1/establishments/${e.id}`),
        permit.cookie,
      ),
      locationDossier: await sequential(
        someone.slice(0, 20).map((e) => `${base}/api/v1/locations/dossier?lat=${e.lat}&lon=${e.lon}`),
        permit.cookie,
      ),
      searchNear: await sequential(
        someone.slice(0, 20).map((e) => `${base}/api/v1/establishments?near=${e.lat},${e.lon}&radius=500`),
        permit.cookie,
      ),
      stationDetail: await sequential(
        stations.slice(0, 20).map((s) => `${base}/api/v1/stations/${s.number}`),
        permit.cookie,
      ),
    };

    const asked = { headers: { cookie: policy.cookie, "accept-encoding": "gzip" } };
    await runAutocannon({ url: `${base}/api/v1/themes`, connections: CONNECTIONS, duration: WARM_UP_SECONDS, ...asked });
    const baseline = await runAutocannon({ url: `${base}/api/v1/session/options`, connections: CONNECTIONS, duration: SECONDS, ...asked });
    const themesLoad = await runAutocannon({ url: `${base}/api/v1/themes`, connections: CONNECTIONS, duration: SECONDS, ...asked });
    return {
      bench: "api",
      scale,
      connections: CONNECTIONS,
      seconds: SECONDS,
      ingest,
      failedPipelines,
      baselineStaticJson: summary(baseline),
      themes: { ...summary(themesLoad), throughputRatio: Number((themesLoad.requests.average / baseline.requests.average).toFixed(3)) },
      coldFirstSeriesMs: cold,
      uncachedMs: uncached,
      permitOfficerMs: permitOfficer,
      servingPeakRssMiB: server.peakRssMiB(),
      targets: { themesThroughputRatio: 0.7, themesP99Ms: 20, uncachedP95Ms: 50, dossierP95Ms: 50, peakRssMiB: 600 },
    };
  } finally {
    await server.stop();
  }
}
