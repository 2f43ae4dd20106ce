/**
 * Every query has a deadline, enforced with DuckDB's interrupt(); a client that goes away cancels
 * its query; a slow query holds one connection only, so others and the health probe still answer;
 * and overload is shed with 503 at once instead of queueing.
 */
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import express from "express";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openDatabase, type Database } from "../../src/store/database.ts";
import { QueryTimeout, Unavailable } from "../../src/ground/domain-errors.ts";
import { problemOf } from "../../src/web/http/problem.ts";
import { requestSignal } from "../../src/web/http/request-signal.ts";
import { login, startTestMonitor, type TestMonitor } from "../support/test-server.ts";

/** Minutes of work for two cores: only an interrupt ends it within a test's time. */
const ENDLESS = "SELECT sum(hash(i)) AS s FROM range(50000000000) t(i)";

let tmp: string;
let db: Database;
beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "mm-deadlines-"));
  db = await openDatabase(path.join(tmp, "d.duckdb"), { maxConnections: 1 });
});
afterAll(() => {
  db?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe("query deadlines", () => {
  it("interrupts a query at its deadline with a 503 problem, and the connection serves the next query", async () => {
    const error = await db.query(ENDLESS, [], { timeoutMs: 300 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QueryTimeout);
    expect(problemOf(error as QueryTimeout)).toMatchObject({ status: 503, title: "Query Timeout" });
    expect(await db.query("SELECT 42 AS answer")).toEqual([{ answer: 42 }]);
  });

  it("counts waiting for a busy connection against the deadline", async () => {
    const running = db.query(ENDLESS, [], { timeoutMs: 2_000 }).catch((e: unknown) => e);
    const waiting = await db.query("SELECT 1", [], { timeoutMs: 200 }).catch((e: unknown) => e);
    expect(waiting).toBeInstanceOf(QueryTimeout);
    expect(problemOf(waiting as QueryTimeout)).toMatchObject({ status: 503, detail: expect.stringContaining("no database connection came free") });
    expect(await running).toBeInstanceOf(Unavailable);
  });

  it("cancels the query of an HTTP client that disconnects", async () => {
    // A real Express route on the same pool of one connection, with the API's request signal.
    const app = express();
    app.get("/slow", async (req, res) => {
      await db.query(ENDLESS, [], { signal: requestSignal(req, res), timeoutMs: 600_000 }).catch(() => {});
      if (!res.headersSent) res.end();
    });
    const server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    try {
      const client = new AbortController();
      const request = fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/slow`, { signal: client.signal }).catch(() => "aborted");
      await new Promise((resolve) => setTimeout(resolve, 300));
      client.abort();
      expect(await request).toBe("aborted");
      // Only an interrupted query frees the single connection before this deadline.
      expect(await db.query("SELECT 7 AS n", [], { timeoutMs: 5_000 })).toEqual([{ n: 7 }]);
    } finally {
      server.close();
    }
  });
});

describe("a busy server", () => {
  let monitor: TestMonitor;
  beforeAll(async () => {
    monitor = await startTestMonitor(inject("demoDir"), { config: { MM_MAX_INFLIGHT: 2, MM_QUERY_TIMEOUT_MS: 1_500 } });
  });
  afterAll(() => monitor?.close());

  it("keeps answering the health probe and other queries while a slow query runs", async () => {
    const slow = monitor.db.query(ENDLESS, [], { timeoutMs: 3_000 }).catch((e: unknown) => e);
    const health = await fetch(`${monitor.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ database: true });
    const policy = await login(monitor.url, "policy");
    expect((await fetch(`${monitor.url}/api/v1/themes`, { headers: { cookie: policy.cookie } })).status).toBe(200);
    expect(await slow).toBeInstanceOf(Unavailable);
  });

  it("sheds requests beyond the in-flight limit with 503 and Retry-After at once, and recovers", async () => {
    const policy = await login(monitor.url, "policy");
    // The area boundaries are read from the database at every request (indicator answers come from memory).
    const get = () => fetch(`${monitor.url}/api/v1/areas?level=buurt`, { headers: { cookie: policy.cookie } });
    // Every connection of the pool busy, so the next two API requests wait inside the server.
    const blockers = Array.from({ length: 8 }, () => monitor.db.query(ENDLESS, [], { timeoutMs: 2_500 }).catch((e: unknown) => e));
    const inFlight = [get(), get()];
    await new Promise((resolve) => setTimeout(resolve, 300));
    const shed = await get();
    expect(shed.status).toBe(503);
    expect(shed.headers.get("retry-after")).toBe("1");
    expect(((await shed.json()) as { detail: string }).detail).toContain("busy");
    await Promise.all(blockers);
    for (const response of await Promise.all(inFlight)) expect([200, 503]).toContain(response.status);
    expect((await get()).status).toBe(200);
  });
});
