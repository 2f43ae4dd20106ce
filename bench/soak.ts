/**
 * soak: the server as its own process on the demo, under mixed reads (autocannon, 20 connections)
 * with a pipeline run started through the API every minute, for MM_SOAK_MINUTES (default 30).
 * Its resident memory (VmRSS) is sampled every 10 s; after warm-up (the first fifth) it must stop
 * growing: the figure is the least-squares slope of RSS over time, in MiB per 10 minutes, against the
 * warm RSS itself as the baseline.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { login, rssMiB, startServerProcess } from "./server-process.ts";

const MINUTES = Number(process.env.MM_SOAK_MINUTES ?? 30);
const SAMPLE_MS = 10_000;
const PIPELINES = ["air-quality-measurements", "complaints", "green-heat"];

/** Least-squares slope of y over x. */
function slope(points: [number, number][]): number {
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return sxx ? points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0) / sxx : 0;
}

export async function benchSoak(demoDir: string) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "mm-soak-"));
  const server = await startServerProcess({ MM_DB: path.join(tmp, "soak.duckdb"), MM_DEMO_DIR: demoDir });
  const { url } = server;
  try {
    const [policy, permit, analyst] = [await login(url, "policy"), await login(url, "permit"), await login(url, "analyst")];
    const requests = [
      { path: "/api/v1/themes", headers: { cookie: policy.cookie } },
      { path: "/api/v1/indicators/odour-complaints/areas?level=buurt", headers: { cookie: policy.cookie } },
      { path: "/api/v1/indicators/no2-annual-mean/series?by=breakdown", headers: { cookie: policy.cookie } },
      { path: "/api/v1/establishments?q=bakker", headers: { cookie: permit.cookie } },
      { path: "/api/v1/establishments/IN-000700", headers: { cookie: permit.cookie } },
    ];
    const samples: [number, number][] = [];
    const started = Date.now();
    const sampler = setInterval(() => samples.push([(Date.now() - started) / 60_000, rssMiB(server.pid)]), SAMPLE_MS);
    let runs = 0;
    let requestsDone = 0;
    for (let minute = 0; minute < MINUTES; minute++) {
      const name = PIPELINES[minute % PIPELINES.length]!;
      const started = await fetch(`${url}/api/v1/pipelines/${name}/runs`, { method: "POST", headers: { cookie: analyst.cookie, "x-csrf-token": analyst.csrfToken } });
      if (started.status === 202) runs++;
      const result = await new Promise<autocannon.Result>((resolve, reject) =>
        autocannon({ url, connections: 20, duration: 60, requests }, (error, r) => (error ? reject(error) : resolve(r))),
      );
      requestsDone += result.requests.total;
    }
    clearInterval(sampler);
    const warm = samples.filter(([minute]) => minute >= MINUTES / 5);
    const warmRss = warm[0]?.[1] ?? 0;
    const growthPer10Min = slope(warm) * 10;
    return {
      bench: "soak",
      minutes: MINUTES,
      requests: requestsDone,
      pipelineRuns: runs,
      rssMiB: { start: Math.round(samples[0]?.[1] ?? 0), warm: Math.round(warmRss), end: Math.round(samples.at(-1)?.[1] ?? 0), peak: Math.round(Math.max(...samples.map(([, rss]) => rss))) },
      growthMiBPer10Min: Number(growthPer10Min.toFixed(1)),
      growthRatioPer10Min: warmRss ? Number((growthPer10Min / warmRss).toFixed(4)) : null,
    };
  } finally {
    await server.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}
