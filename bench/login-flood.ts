/**
 * login-flood: what a burst of failed logins does to everyone else (issue 16.3). The server runs as
 * its own process on the demo (scale 1) and trusts X-Forwarded-For from loopback, so every failed
 * login comes from an address and account of its own and the login throttle never stops it: only the
 * bound on password hashing does. For the same duration twice — quiet, then under waves of 100
 * parallel failed logins sent from a worker thread — two clients search establishments one request after another and a probe
 * asks /healthz every 50 ms. Reports each p95 under the flood as a ratio to the quiet one (target
 * ≤ 2), and the flood's answers by status (no 5xx).
 */
import { Worker } from "node:worker_threads";
import { benchDatabase, demoAtScale } from "./api.ts";
import { login, startServerProcess } from "./server-process.ts";

const SECONDS = Number(process.env.MM_BENCH_SECONDS ?? 15);
const WAVE = 100;
/** Waves of failed logins, each from an address and for an account of its own, for `ms`; posts the statuses. */
const FLOOD = `
const { parentPort, workerData: { url, wave, ms } } = require("node:worker_threads");
const until = performance.now() + ms;
const byStatus = {};
let sent = 0;
(async () => {
  while (performance.now() < until) {
    await Promise.all(Array.from({ length: wave }, () => {
      const n = sent++;
      return fetch(url + "/api/v1/session", {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": "10." + ((n >> 16) & 255) + "." + ((n >> 8) & 255) + "." + (n & 255) },
        body: JSON.stringify({ username: "flood-" + n, password: "wrong password" }),
      }).then((r) => { byStatus[r.status] = (byStatus[r.status] ?? 0) + 1; return r.arrayBuffer(); });
    }));
  }
  parentPort.postMessage({ sent, byStatus });
})();
`;
const TERMS = ["bakkerij", "garage", "metaal", "school", "hotel", "drukkerij", "kantoor", "opslag"];

const p95 = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  return Number(sorted[Math.min(sorted.length - 1, Math.floor(0.95 * sorted.length))]!.toFixed(1));
};

async function timed(url: string, init?: RequestInit): Promise<{ ms: number; status: number }> {
  const started = performance.now();
  const response = await fetch(url, init);
  await response.arrayBuffer();
  return { ms: performance.now() - started, status: response.status };
}

/** Searches and health probes for `SECONDS`, while `load` (if any) runs; latencies and statuses. */
async function measure(base: string, cookie: string, load?: (until: number) => Promise<void>) {
  const until = performance.now() + SECONDS * 1000;
  const search: number[] = [];
  const health: number[] = [];
  const errors: number[] = [];
  const searcher = async (offset: number) => {
    for (let i = offset; performance.now() < until; i++) {
      const { ms, status } = await timed(`${base}/api/v1/establishments?q=${TERMS[i % TERMS.length]}&page=${1 + (i % 3)}`, { headers: { cookie } });
      search.push(ms);
      if (status >= 500) errors.push(status);
    }
  };
  const prober = async () => {
    while (performance.now() < until) {
      const { ms, status } = await timed(`${base}/healthz`);
      health.push(ms);
      if (status !== 200) errors.push(status);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  await Promise.all([searcher(0), searcher(4), prober(), load?.(until)]);
  return { searchP95: p95(search), healthP95: p95(health), searches: search.length, probes: health.length, errors: errors.length };
}

export async function benchLoginFlood() {
  const demoDir = demoAtScale(1);
  const db = benchDatabase(1, demoDir);
  const server = await startServerProcess({
    MM_DB: db.file,
    MM_DEMO_DIR: demoDir,
    MM_RUN_AT_START: String(db.fresh),
    MM_SCHEDULE: "false",
    MM_TRUST_PROXY: "loopback",
  });
  try {
    const { cookie } = await login(server.url, "permit");
    const quiet = await measure(server.url, cookie);
    // The flood runs in a thread of its own, so its hundred answers at a time do not delay the
    // measuring requests' own event loop: what is measured is the server.
    let flood: { sent: number; byStatus: Record<string, number> } = { sent: 0, byStatus: {} };
    const floodFor = async (until: number) => {
      const worker = new Worker(FLOOD, { eval: true, workerData: { url: server.url, wave: WAVE, ms: until - performance.now() } });
      flood = await new Promise((resolve, reject) => worker.once("message", resolve).once("error", reject));
    };
    const flooded = await measure(server.url, cookie, floodFor);
    const ratio = (a: number, b: number) => Number((a / b).toFixed(2));
    return {
      bench: "login-flood",
      seconds: SECONDS,
      quiet,
      flooded,
      searchP95Ratio: ratio(flooded.searchP95, quiet.searchP95),
      healthP95Ratio: ratio(flooded.healthP95, quiet.healthP95),
      target: "each ratio ≤ 2, no 5xx",
      floodLogins: flood,
      loginErrors5xx: Object.entries(flood.byStatus).reduce((sum, [status, n]) => sum + (Number(status) >= 500 ? n : 0), 0),
    };
  } finally {
    await server.stop();
  }
}
