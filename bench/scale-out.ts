/**
 * scale-out: the compose `scale` profile on loopback (test/support/cluster.ts: PostgreSQL, a writer,
 * two readers, HAProxy with deploy/haproxy.cfg) on the scale-1 demo.
 *
 * - Throughput of the policy overview's API answer (GET /api/v1/themes, logged in as policy, with a
 *   browser's cookie and gzip): autocannon, 50 connections, MM_BENCH_SECONDS (default 20) after a 5 s
 *   warm-up, directly against one reader, through HAProxy with one reader (the other disabled on the
 *   admin socket) and with two. The ratios to the direct figure say what the balancer costs; on two
 *   cores, with every process and the load generator on them, two readers are not expected to gain.
 * - Publish to readers: the analyst starts a run of `waste` through HAProxy; from the moment the
 *   writer serves the new data version until both readers do (each polled every 10 ms), PUBLISHES times.
 * - Failed requests while a reader is killed (SIGKILL) and during a rolling restart (SIGTERM, drain,
 *   start again, then the other), under 8 clients looping the overview through HAProxy.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { startCluster, startLoad, type Cluster } from "../test/support/cluster.ts";
import { runAutocannon, summary } from "./autocannon-run.ts";
import { login } from "./server-process.ts";

const CONNECTIONS = 50;
const SECONDS = Number(process.env.MM_BENCH_SECONDS ?? 20);
const WARM_UP_SECONDS = 5;
const PUBLISHES = 3;
const LOAD_CLIENTS = 8;

async function throughput(url: string, headers: Record<string, string>) {
  await runAutocannon({ url, headers, connections: CONNECTIONS, duration: WARM_UP_SECONDS });
  return summary(await runAutocannon({ url, headers, connections: CONNECTIONS, duration: SECONDS }));
}

async function versionOf(base: string, cookie: string): Promise<string | null> {
  const response = await fetch(`${base}/api/v1/themes`, { headers: { cookie } });
  await response.arrayBuffer();
  return response.headers.get("x-data-version");
}

async function pipelinesIdle(cluster: Cluster, cookie: string) {
  for (;;) {
    const list = (await (await fetch(`${cluster.url}/api/v1/pipelines`, { headers: { cookie } })).json()) as { pipelines: { running: boolean }[] };
    if (list.pipelines.every((p) => !p.running)) return;
    await sleep(500);
  }
}

/** Milliseconds from the writer serving a new version to both readers serving it. */
async function publishToReaders(cluster: Cluster, analyst: { cookie: string; csrfToken: string }, policyCookie: string): Promise<number> {
  const before = await versionOf(cluster.writer.url, policyCookie);
  const started = await fetch(`${cluster.url}/api/v1/pipelines/waste/runs`, {
    method: "POST",
    headers: { cookie: analyst.cookie, "x-csrf-token": analyst.csrfToken },
  });
  if (started.status !== 202) throw new Error(`starting a run of waste: ${started.status}`);
  let version: string | null;
  while ((version = await versionOf(cluster.writer.url, policyCookie)) === before) await sleep(10);
  const published = performance.now();
  const pending = new Set(cluster.readers.map((r) => r.url));
  while (pending.size) {
    for (const url of pending) if ((await versionOf(url, policyCookie)) === version) pending.delete(url);
    if (pending.size) await sleep(10);
  }
  return Math.round(performance.now() - published);
}

/** Runs `disturb` under load through HAProxy; the requests served and failed meanwhile. */
async function underLoad(cluster: Cluster, cookie: string, disturb: () => Promise<void>) {
  const load = startLoad(`${cluster.url}/api/v1/themes`, { cookie, "accept-encoding": "gzip" }, LOAD_CLIENTS);
  try {
    await load.served(50);
    await disturb();
    await load.served(50);
  } finally {
    await load.stop();
  }
  return { requests: load.ok + load.failures.length, failed: load.failures.length, clients: LOAD_CLIENTS };
}

export async function benchScaleOut(demoDir: string) {
  const cluster = await startCluster({ demoDir, env: { MM_LOG_LEVEL: "warn" } });
  try {
    const policy = await login(cluster.url, "policy");
    const analyst = await login(cluster.url, "analyst");
    await pipelinesIdle(cluster, analyst.cookie);
    const headers = { cookie: policy.cookie, "accept-encoding": "gzip" };
    const themes = (base: string) => `${base}/api/v1/themes`;

    const direct = await throughput(themes(cluster.readers[0].url), headers);
    await cluster.balancer("disable server readers/reader-2");
    await cluster.waitForStatus("readers", "reader-2", /^MAINT/);
    const oneReader = await throughput(themes(cluster.url), headers);
    await cluster.balancer("enable server readers/reader-2");
    await cluster.waitForStatus("readers", "reader-2", /^UP$/);
    const twoReaders = await throughput(themes(cluster.url), headers);

    const publishMs: number[] = [];
    for (let i = 0; i < PUBLISHES; i++) publishMs.push(await publishToReaders(cluster, analyst, policy.cookie));

    const readerKill = await underLoad(cluster, policy.cookie, async () => {
      const victim = cluster.readers[0];
      victim.child.kill("SIGKILL");
      await victim.exited;
      await cluster.waitForStatus("readers", "reader-1", /^DOWN/);
    });
    await cluster.restart("reader-1");

    const rollingRestart = await underLoad(cluster, policy.cookie, async () => {
      for (const name of ["reader-1", "reader-2"] as const) {
        const reader = cluster.readers.find((r) => r.name === name)!;
        reader.child.kill("SIGTERM");
        await reader.exited;
        await cluster.restart(name);
      }
    });

    const ratio = (a: number, b: number) => Number((a / b).toFixed(2));
    return {
      bench: "scale-out",
      demo: "scale 1",
      connections: CONNECTIONS,
      seconds: SECONDS,
      direct,
      oneReader,
      twoReaders,
      balancer: {
        oneReaderToDirect: ratio(oneReader.rps, direct.rps),
        twoReadersToDirect: ratio(twoReaders.rps, direct.rps),
        twoReadersToOne: ratio(twoReaders.rps, oneReader.rps),
      },
      publishToAllReadersMs: publishMs,
      readerKill,
      rollingRestart,
    };
  } finally {
    await cluster.stop();
  }
}
