/**
 * soak: the server as its own process on the demo, under mixed reads (autocannon, 20 connections)
 * with a pipeline run started through the API every minute, for MM_SOAK_MINUTES (default 30).
 * Its resident memory (VmRSS) is sampled every 10 s; after warm-up (the first fifth) it must stop
 * growing: the figure is the least-squares slope of RSS over time, in MiB per 10 minutes, against the
 * warm RSS itself as the baseline. What the RSS is made of (JS heap, buffers outside it, DuckDB's
 * buffer manager) is read from the server's /metrics at each sample, so a growth can be placed.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import type { PipelineName } from "../src/pipelines/index.ts";
import { login, rssMiB, startServerProcess } from "./server-process.ts";

const MINUTES = Number(process.env.MM_SOAK_MINUTES ?? 30);
const SAMPLE_MS = 10_000;
const PIPELINES: readonly PipelineName[] = ["air-quality-measurements", "complaints", "green-heat"];

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
    // RSS from /proc, and from /metrics what it is made of: the JS heap, memory outside it (buffers),
    // and what DuckDB's buffer manager holds.
    const parts = ["rss", "heapUsed", "external", "duckdb"] as const;
    const samples: Record<(typeof parts)[number], [number, number][]> = { rss: [], heapUsed: [], external: [], duckdb: [] };
    const started = Date.now();
    const sampler = setInterval(() => {
      const minute = (Date.now() - started) / 60_000;
      samples.rss.push([minute, rssMiB(server.pid)]);
      void fetch(`${url}/metrics`)
        .then((r) => r.text())
        .then(
          (text) => {
            const sum = (name: string) =>
              [...text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, "gm"))].reduce((total, m) => total + Number(m[1]), 0) / 2 ** 20;
            samples.heapUsed.push([minute, sum("nodejs_heap_size_used_bytes")]);
            samples.external.push([minute, sum("nodejs_external_memory_bytes")]);
            samples.duckdb.push([minute, sum("mm_duckdb_memory_bytes")]);
          },
          () => {},
        );
    }, SAMPLE_MS);
    let runs = 0;
    let requestsDone = 0;
    for (let minute = 0; minute < MINUTES; minute++) {
      const name = PIPELINES[minute % PIPELINES.length]!;
      const started = await fetch(`${url}/api/v1/pipelines/${name}/runs`, {
        method: "POST",
        headers: { cookie: analyst.cookie, "x-csrf-token": analyst.csrfToken },
      });
      if (started.status === 202) runs++;
      const result = await new Promise<autocannon.Result>((resolve, reject) =>
        autocannon({ url, connections: 20, duration: 60, requests }, (error, r) => (error ? reject(error) : resolve(r))),
      );
      requestsDone += result.requests.total;
    }
    clearInterval(sampler);
    const afterWarmUp = (points: [number, number][]) => points.filter(([minute]) => minute >= MINUTES / 5);
    const warmRss = afterWarmUp(samples.rss)[0]?.[1] ?? 0;
    const growthPer10Min = slope(afterWarmUp(samples.rss)) * 10;
    const round = (x: number) => Math.round(x);
    return {
      bench: "soak",
      minutes: MINUTES,
      requests: requestsDone,
      pipelineRuns: runs,
      rssMiB: {
        start: round(samples.rss[0]?.[1] ?? 0),
        warm: round(warmRss),
        end: round(samples.rss.at(-1)?.[1] ?? 0),
        peak: round(Math.max(...samples.rss.map(([, rss]) => rss))),
      },
      growthMiBPer10Min: Number(growthPer10Min.toFixed(1)),
      growthRatioPer10Min: warmRss ? Number((growthPer10Min / warmRss).toFixed(4)) : null,
      // Each part at the end of warm-up and at the end, and its growth per 10 min after warm-up.
      partsMiB: Object.fromEntries(
        parts.map((part) => {
          const points = afterWarmUp(samples[part]);
          return [part, { warm: round(points[0]?.[1] ?? 0), end: round(points.at(-1)?.[1] ?? 0), growthPer10Min: Number((slope(points) * 10).toFixed(1)) }];
        }),
      ),
    };
  } finally {
    await server.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}
