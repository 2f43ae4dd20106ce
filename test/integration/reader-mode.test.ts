/**
 * A writer and a reader (MM_MODE=reader) in one test process, on real DuckDB files and a real
 * PostgreSQL for the shared state (docs/decisions/0029-reader-snapshots.md): the writer leaves a
 * snapshot after its start-up runs, the reader serves it with the writer's answers and ETags, a new
 * publish reaches the reader, and the routes that write to DuckDB answer 503 on the reader.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import areas from "../../src/pipelines/areas.ts";
import { startReader, type Reader } from "../../src/app/start-reader.ts";
import { silentLogger } from "../../src/ground/logger.ts";
import { listSnapshots } from "../../src/store/snapshots/snapshot-files.ts";
import { versionString } from "../../src/web/http/data-version.ts";
import { startPostgres, type Postgres } from "../support/postgres.ts";
import { clock, login, startTestMonitor, type Login, type TestMonitor } from "../support/test-server.ts";

let postgres: Postgres;
let writer: TestMonitor;
let reader: Reader;
let snapshotDir: string;

beforeAll(async () => {
  postgres = await startPostgres();
  snapshotDir = mkdtempSync(path.join(os.tmpdir(), "mm-reader-snapshots-"));
  writer = await startTestMonitor(inject("demoDir"), { config: { MM_SNAPSHOT_DIR: snapshotDir, MM_STATE_URL: postgres.url } });
  await writer.snapshots!.idle();
  reader = await startReader({ config: { ...writer.config, MM_MODE: "reader" }, clock, logger: silentLogger });
});

afterAll(async () => {
  await reader?.close();
  await writer?.close();
  await postgres?.stop();
  rmSync(snapshotDir, { recursive: true, force: true });
});

const get = (url: string, who: Login) => fetch(url, { headers: { cookie: who.cookie } });

/** A conditional GET through node:http: fetch adds `Cache-Control: no-cache` to a request with If-None-Match, which forbids a 304. */
const conditionalGet = (url: string, who: Login, etag: string) =>
  new Promise<number>((resolve, reject) => {
    request(url, { headers: { cookie: who.cookie, "if-none-match": etag } }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode!));
    })
      .on("error", reject)
      .end();
  });

/** What must be the same on every process for the same data version and role. */
async function answerOf(base: string, who: Login) {
  const response = await get(`${base}/api/v1/themes`, who);
  expect(response.status).toBe(200);
  return { body: await response.text(), etag: response.headers.get("etag"), dataVersion: response.headers.get("x-data-version") };
}

describe("a writer with MM_SNAPSHOT_DIR and a reader", () => {
  it("writes a snapshot of the start-up runs' data, which the reader serves", async () => {
    const [snapshot] = listSnapshots(snapshotDir).slice(-1);
    expect(snapshot).toBeDefined();
    expect(reader.snapshots.inUse).toBe(snapshot!.file);
    expect(versionString(await reader.db.published.settled())).toBe(versionString(await writer.db.published.settled()));
    expect((await fetch(`${reader.url}/readyz`)).status).toBe(200);
  });

  it("gives the writer's answer and ETag, to a session made through either", async () => {
    const policy = await login(writer.url, "policy");
    const onReader = await answerOf(reader.url, policy);
    expect(onReader).toEqual(await answerOf(writer.url, policy));
    expect(onReader.etag).toMatch(/^W\/"/);
    // Revalidation works across processes: the reader's ETag is the writer's.
    const revalidated = await conditionalGet(`${reader.url}/api/v1/themes`, policy, onReader.etag!);
    expect(revalidated).toBe(304);
    const analyst = await login(reader.url, "analyst");
    expect(await answerOf(writer.url, analyst)).toEqual(await answerOf(reader.url, analyst));
  });

  it("answers the routes that write to DuckDB with 503, saying writes go to the writer", async () => {
    const analyst = await login(reader.url, "analyst");
    const headers = { cookie: analyst.cookie, "x-csrf-token": analyst.csrfToken, "content-type": "application/json", "accept-language": "en" };
    for (const [method, url, body] of [
      ["POST", "/api/v1/pipelines/areas/runs", {}],
      ["POST", "/api/v1/annotations", { indicator: "x", text: "note", from: "2025-01-01" }],
      ["DELETE", "/api/v1/annotations/1", undefined],
    ] as const) {
      const response = await fetch(`${reader.url}${url}`, { method, headers, body: body && JSON.stringify(body) });
      expect(response.status, `${method} ${url}`).toBe(503);
      expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect(((await response.json()) as { detail: string }).detail).toMatch(/read-only reader; writes go to the writer/);
    }
    // Not logged in is still 401 first: the reader refuses nothing it would not refuse anyway.
    expect((await fetch(`${reader.url}/api/v1/annotations`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" })).status).toBe(401);
  });

  it("switches to the snapshot of a new publish on the writer", async () => {
    const before = reader.snapshots.inUse;
    expect((await writer.runner.run(areas, "manual")).status).toBe("succeeded");
    await writer.snapshots!.idle();
    await reader.snapshots.check();
    expect(reader.snapshots.inUse).not.toBe(before);
    expect(reader.snapshots.inUse).toBe(listSnapshots(snapshotDir).at(-1)!.file);
    expect(versionString(await reader.db.published.settled())).toBe(versionString(await writer.db.published.settled()));
    const policy = await login(writer.url, "policy");
    expect(await answerOf(reader.url, policy)).toEqual(await answerOf(writer.url, policy));
  });
});

describe("a reader without a snapshot yet", () => {
  it("is not ready, and says why", async () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), "mm-reader-empty-"));
    const waiting = await startReader({ config: { ...writer.config, MM_MODE: "reader", MM_SNAPSHOT_DIR: empty }, clock, logger: silentLogger });
    try {
      const response = await fetch(`${waiting.url}/readyz`, { headers: { "accept-language": "en" } });
      expect(response.status).toBe(503);
      expect(((await response.json()) as { detail: string }).detail).toMatch(/not opened a snapshot/);
    } finally {
      await waiting.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
