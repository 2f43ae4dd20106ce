/**
 * Sessions live in the state database, so a restart keeps everyone logged in: on the same DuckDB
 * file (the embedded default), and with MM_STATE_URL on a new DuckDB file altogether (PostgreSQL
 * holds them). A logout and a disabled account stay ended across the restart.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Config } from "../../src/app/config.ts";
import { startPostgres, type Postgres } from "../support/postgres.ts";
import { login, startTestMonitor, type Login, type TestMonitor } from "../support/test-server.ts";

let postgres: Postgres;
let tmp: string;
let monitor: TestMonitor | undefined;

beforeAll(async () => {
  postgres = await startPostgres();
  tmp = mkdtempSync(path.join(os.tmpdir(), "mm-restart-"));
});
afterAll(async () => {
  await monitor?.close();
  await postgres?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

const send = (method: string, url: string, auth: Login, body?: unknown) =>
  fetch(url, {
    method,
    headers: { cookie: auth.cookie, "x-csrf-token": auth.csrfToken, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

async function sessionOf(auth: Login): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${monitor!.url}/api/v1/session`, { headers: { cookie: auth.cookie } });
  return { status: response.status, body: response.status === 200 ? await response.json() : null };
}

/** Logs three users in, logs one out and has the admin disable another; restarts; checks each. */
async function restartKeepsSessions(first: Partial<Config>, second: Partial<Config>) {
  monitor = await startTestMonitor(inject("demoDir"), { config: first });
  const [analyst, policy, permit, admin] = [
    await login(monitor.url, "analyst"),
    await login(monitor.url, "policy"),
    await login(monitor.url, "permit"),
    await login(monitor.url, "admin"),
  ];
  expect((await send("DELETE", `${monitor.url}/api/v1/session`, policy)).status).toBe(204);
  const disabled = await send("PATCH", `${monitor.url}/api/v1/users/permit`, admin, { disabled: true });
  expect(await disabled.json()).toMatchObject({ disabled: true, endedSessions: 1 });
  await monitor.close();
  monitor = undefined;

  monitor = await startTestMonitor(inject("demoDir"), { config: second });
  expect(await sessionOf(analyst)).toEqual({
    status: 200,
    body: expect.objectContaining({ username: "analyst", role: "analyst", csrfToken: analyst.csrfToken }),
  });
  // The CSRF token stored with the session still guards writes: a state-changing call with it works.
  expect((await send("PATCH", `${monitor.url}/api/v1/users/permit`, admin, { disabled: false })).status).toBe(200);
  expect((await sessionOf(policy)).status).toBe(401);
  expect((await sessionOf(permit)).status).toBe(401);
  return monitor;
}

describe("a restart", () => {
  it("keeps valid sessions valid and ended ones ended on the same DuckDB file", async () => {
    const file = path.join(tmp, "embedded.duckdb");
    const restarted = await restartKeepsSessions({ MM_DB: file }, { MM_DB: file });
    const rows = await restarted.db.query("SELECT username FROM meta.sessions ORDER BY username");
    expect(rows.map((r) => r.username)).toEqual(["admin", "analyst"]);
    await restarted.close();
    monitor = undefined;
  });

  it("keeps them with MM_STATE_URL, in PostgreSQL, whatever DuckDB file the monitor starts on", async () => {
    const url = await postgres.createDatabase("restart");
    // Each start makes a DuckDB file of its own: the sessions can only have come from PostgreSQL.
    const restarted = await restartKeepsSessions({ MM_STATE_URL: url }, { MM_STATE_URL: url });
    expect(await restarted.state.query("SELECT count(*) AS n FROM meta.sessions")).toEqual([{ n: 2 }]);
    expect(await restarted.db.query("SELECT count(*) AS n FROM meta.sessions")).toEqual([{ n: 0 }]);
    expect(await restarted.db.query("SELECT count(*) AS n FROM meta.users")).toEqual([{ n: 0 }]);
    // The audit log is in PostgreSQL too: the first run's logins are there, none in the DuckDB file.
    expect(await restarted.state.query("SELECT count(*) AS n FROM meta.audit_log WHERE action = 'login'")).toEqual([{ n: 4 }]);
    expect(await restarted.db.query("SELECT count(*) AS n FROM meta.audit_log")).toEqual([{ n: 0 }]);
    await restarted.close();
    monitor = undefined;
  });
});
