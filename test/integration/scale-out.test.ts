/**
 * The compose `scale` profile on loopback (test/support/cluster.ts): real PostgreSQL, one writer, two
 * readers and Debian's HAProxy with deploy/haproxy.cfg. One cluster for the file. Nothing here
 * depends on speed: every wait is on a condition, with generous limits.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { PipelineList, RunDetail, RunStarted } from "../../src/ground/contract/contract.ts";
import { AuditList, EstablishmentSearch } from "../../src/ground/contract/contract-dossier.ts";
import { startCluster, startLoad, type Cluster, type Member } from "../support/cluster.ts";
import { login, type Login } from "../support/test-server.ts";

let cluster: Cluster;
let policy: Login;
let analyst: Login;

beforeAll(async () => {
  cluster = await startCluster({ demoDir: inject("demoDir") });
  policy = await login(cluster.url, "policy");
  analyst = await login(cluster.url, "analyst");
  // A first start publishes the air-quality history after it is ready: let every run end first,
  // so the versions compared below are not overtaken by it.
  await until(
    "no pipeline running on the writer",
    async () => {
      const { pipelines } = PipelineList.parse(await (await get(cluster.url, "/api/v1/pipelines", analyst)).json());
      return pipelines.every((p) => !p.running);
    },
    300_000,
  );
  // PostgreSQL, the writer's first ingest, two readers and HAProxy on a loaded machine: a safety net, not a speed limit.
}, 600_000);
afterAll(async () => {
  await cluster?.stop();
});

const get = (base: string, path: string, as: Login) => fetch(`${base}${path}`, { headers: { cookie: as.cookie } });

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await sleep(200);
  }
  throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
}

/** The policy overview's answer (themes) as a member serves it: its data version and ETag. */
async function themesVersion(base: string): Promise<{ version: string | null; etag: string | null }> {
  const response = await get(base, "/api/v1/themes", policy);
  await response.arrayBuffer();
  expect(response.status).toBe(200);
  return { version: response.headers.get("x-data-version"), etag: response.headers.get("etag") };
}

/** A few clients asking for the policy overview through HAProxy in a loop. */
const overviewLoad = () => startLoad(`${cluster.url}/api/v1/themes`, { cookie: policy.cookie });

const sessionOn = async (member: Member | Cluster, as: Login) => (await get(member.url, "/api/v1/session", as)).status;

describe("a writer and two readers behind HAProxy", () => {
  it("accepts a login made through the balancer on both readers and the writer", async () => {
    const officer = await login(cluster.url, "permit");
    for (const member of [...cluster.readers, cluster.writer]) {
      const response = await get(member.url, "/api/v1/session", officer);
      expect(response.status, member.name).toBe(200);
      expect(await response.json(), member.name).toMatchObject({ username: "permit", role: "permit" });
    }
  });

  it("brings a publish on the writer, started through the balancer, to both readers", async () => {
    const before = await themesVersion(cluster.writer.url);
    const started = await fetch(`${cluster.url}/api/v1/pipelines/waste/runs`, {
      method: "POST",
      headers: { cookie: analyst.cookie, "x-csrf-token": analyst.csrfToken },
    });
    expect(started.status).toBe(202);
    const { runId } = RunStarted.parse(await started.json());
    let detail: RunDetail | undefined;
    await until("the run ends", async () => {
      // Through the balancer too: the analyst's pipeline view is the writer's.
      detail = RunDetail.parse(await (await get(cluster.url, `/api/v1/pipelines/waste/runs/${runId}`, analyst)).json());
      return detail.status !== "running";
    });
    expect(detail!.status).toBe("succeeded");

    const after = await themesVersion(cluster.writer.url);
    expect(after.version).not.toBe(before.version);
    // Each reader switches to the new snapshot when it appears; then they answer as the writer does.
    for (const reader of cluster.readers) {
      await until(`${reader.name} serves the new version`, async () => (await themesVersion(reader.url)).version === after.version);
      expect(await themesVersion(reader.url), reader.name).toEqual(after);
    }
    // And through the balancer, whichever reader answers.
    for (let i = 0; i < 4; i++) expect(await themesVersion(cluster.url)).toEqual(after);
  });

  it("loses no session and fails at most the requests in flight when a reader is killed under load", async () => {
    const load = overviewLoad();
    try {
      await load.served(20);
      const [victim, survivor] = cluster.readers;
      const name = victim.name as "reader-1";
      victim.child.kill("SIGKILL");
      expect(await victim.exited).toMatchObject({ signal: "SIGKILL" });
      await cluster.waitForStatus("readers", name, /^DOWN/);
      // Served on by the other reader alone.
      await load.served(20);
      await load.stop();
      expect(load.failures.length, load.failures.join("\n")).toBeLessThanOrEqual(load.concurrency);
      expect(await sessionOn(cluster, policy)).toBe(200);
      expect(await sessionOn(survivor, policy)).toBe(200);

      const restarted = await cluster.restart(name);
      expect(await sessionOn(restarted, policy)).toBe(200);
    } finally {
      await load.stop();
    }
  }, 400_000);

  it("fails no request during a rolling restart of the readers under load", async () => {
    const load = overviewLoad();
    try {
      await load.served(20);
      for (const name of ["reader-1", "reader-2"] as const) {
        const reader = cluster.readers.find((r) => r.name === name)!;
        reader.child.kill("SIGTERM");
        // It drains: /readyz 503 while it still serves, HAProxy takes it out, then it closes.
        expect(await reader.exited).toMatchObject({ code: 0 });
        await cluster.restart(name);
        await load.served(20);
      }
      await load.stop();
      expect(load.failures).toEqual([]);
      expect(load.ok).toBeGreaterThan(60);
      expect(await sessionOn(cluster, policy)).toBe(200);
    } finally {
      await load.stop();
    }
  }, 400_000);

  it("keeps the audit entries made on either reader in one log, in order", async () => {
    const permit = await login(cluster.url, "permit");
    const search = EstablishmentSearch.parse(await (await get(cluster.readers[0].url, "/api/v1/establishments?pageSize=6", permit)).json());
    const ids = search.items.map((item) => item.id);
    expect(ids).toHaveLength(6);
    // Alternating between the readers, each view answered before the next is asked.
    for (const [i, id] of ids.entries()) {
      const reader = cluster.readers[i % 2]!;
      const response = await get(reader.url, `/api/v1/establishments/${encodeURIComponent(id)}`, permit);
      await response.arrayBuffer();
      expect(response.status, `${reader.name}: ${id}`).toBe(200);
    }
    const admin = await login(cluster.url, "admin");
    const response = await get(cluster.url, "/api/v1/audit?user=permit&action=view-establishment&limit=6", admin);
    expect(response.status).toBe(200);
    const { entries } = AuditList.parse(await response.json());
    const oldestFirst = entries.toReversed();
    expect(oldestFirst.map((e) => e.subject)).toEqual(ids);
    const times = oldestFirst.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });
});
