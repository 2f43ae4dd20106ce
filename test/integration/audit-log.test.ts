/**
 * The admin's audit log to work with: each filter alone and together, paging with the total, a search
 * that takes % and _ literally, the CSV export of the filtered entries (audited itself, inert for
 * spreadsheets), refusals that name what was asked for, the admin actions that land in it, bad
 * parameters refused by name, and the log kept from every other role.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { AuditList, type AuditEntry } from "../../src/ground/contract/contract-dossier.ts";
import { createAuditLog } from "../../src/engine/auth/audit-log.ts";
import { login, startTestMonitor, type Login, type TestMonitor } from "../support/test-server.ts";

const TOKEN = "audit-test-backup-token-0123456789abcdef";
let monitor: TestMonitor;
let admin: Login;
let tmp: string;

/** Entries at known times (UTC); 2026-02-28T23:30Z is 1 March in Amsterdam. */
const seeded: { at: string; username: string; action: AuditEntry["action"]; subject: string }[] = [
  { at: "2026-02-27T10:00:00Z", username: "h7-anna", action: "view-establishment", subject: "IN-000101" },
  { at: "2026-02-28T22:59:00Z", username: "h7-anna", action: "export-establishment", subject: "IN-000102" },
  { at: "2026-02-28T23:30:00Z", username: "h7-anna", action: "view-location", subject: "52.10000,5.10000" },
  { at: "2026-03-01T12:00:00Z", username: "h7-bob", action: "view-establishment", subject: "IN-000103" },
  { at: "2026-03-01T22:30:00Z", username: "h7-bob", action: "denied", subject: "GET /api/v1/audit 100%_sure" },
  { at: "2026-03-01T23:30:00Z", username: "h7-anna2", action: "view-establishment", subject: "100xxsure" },
  { at: "2026-03-02T08:00:00Z", username: "=HYPERLINK(1)", action: "login-failed", subject: "password" },
];

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "mm-audit-"));
  monitor = await startTestMonitor(inject("demoDir"), { config: { MM_BACKUP_DIR: tmp, MM_BACKUP_TOKEN: TOKEN } });
  admin = await login(monitor.url, "admin");
  for (const entry of seeded) {
    const log = createAuditLog(monitor.db, () => new Date(entry.at));
    await log.record({ username: entry.username, role: entry.username.startsWith("h7-") ? "permit" : "" }, entry.action, entry.subject);
  }
});
afterAll(async () => {
  await monitor?.close();
  rmSync(tmp, { recursive: true, force: true });
});

const get = (query: string, who: Login = admin) => fetch(`${monitor.url}/api/v1/audit?${query}`, { headers: { cookie: who.cookie } });

async function list(query: string): Promise<AuditList> {
  const response = await get(query);
  expect(response.status, query).toBe(200);
  return AuditList.parse(await response.json());
}

/** The subjects found, newest first. */
const subjects = async (query: string) => (await list(query)).entries.map((e) => e.subject);

describe("filters", () => {
  it("finds a user exactly, in any case", async () => {
    expect(await subjects("user=H7-ANNA")).toEqual(["52.10000,5.10000", "IN-000102", "IN-000101"]);
  });

  it("finds one action or several", async () => {
    expect(await subjects("user=h7-bob&action=denied")).toEqual(["GET /api/v1/audit 100%_sure"]);
    expect(await subjects("action=export-establishment,view-location&q=h7-")).toEqual(["52.10000,5.10000", "IN-000102"]);
  });

  it("finds part of the subject", async () => {
    expect(await subjects("subject=in-00010")).toEqual(["IN-000103", "IN-000102", "IN-000101"]);
  });

  it("takes a period as whole days in Amsterdam, both ends included", async () => {
    // 1 March in Amsterdam runs from 2026-02-28T23:00Z to 2026-03-01T23:00Z.
    expect(await subjects("from=2026-03-01&to=2026-03-01&q=h7-")).toEqual(["GET /api/v1/audit 100%_sure", "IN-000103", "52.10000,5.10000"]);
    expect(await subjects("to=2026-02-28&q=h7-")).toEqual(["IN-000102", "IN-000101"]);
    expect(await subjects("from=2026-03-02&q=h7-")).toEqual(["100xxsure"]);
  });

  it("searches user, action and subject at once", async () => {
    expect(await subjects("q=bob")).toEqual(["GET /api/v1/audit 100%_sure", "IN-000103"]);
    expect(await subjects("q=view-location&user=h7-anna")).toEqual(["52.10000,5.10000"]);
  });

  it("takes % and _ in a search literally", async () => {
    expect(await subjects("q=100%25")).toEqual(["GET /api/v1/audit 100%_sure"]);
    expect(await subjects("q=100_")).toEqual([]);
    expect(await subjects("subject=%25_s")).toEqual(["GET /api/v1/audit 100%_sure"]);
    expect(await subjects("q=h7-anna_")).toEqual([]);
  });

  it("combines every filter", async () => {
    expect(await subjects("user=h7-anna&action=view-location,view-establishment&subject=5.1&from=2026-02-28&to=2026-03-01&q=location")).toEqual([
      "52.10000,5.10000",
    ]);
    expect(await subjects("user=h7-anna&action=denied")).toEqual([]);
  });

  it("pages with the total of all matches, also past the last page", async () => {
    const first = await list("q=h7-&limit=2");
    expect(first.total).toBe(6);
    expect(first.entries.map((e) => e.subject)).toEqual(["100xxsure", "GET /api/v1/audit 100%_sure"]);
    const third = await list("q=h7-&limit=2&offset=4");
    expect(third).toMatchObject({ total: 6 });
    expect(third.entries.map((e) => e.subject)).toEqual(["IN-000102", "IN-000101"]);
    expect(await list("q=h7-&limit=2&offset=10")).toEqual({ total: 6, entries: [] });
  });
});

describe("the CSV export", () => {
  it("holds exactly the filtered entries, inert for spreadsheets, and is audited without the filter's values", async () => {
    const response = await get("q=h7-anna&from=2026-02-28&format=csv&lang=nl");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(response.headers.get("content-disposition")).toContain("auditlog.csv");
    const lines = (await response.text()).replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]).toBe("# auditlog; filter: from=2026-02-28 q=…; 3 van 3 regels");
    expect(lines[1]).toBe("tijdstip (UTC),gebruiker,rol,handeling,onderwerp");
    expect(lines.slice(2)).toEqual([
      "2026-03-01T23:30:00Z,h7-anna2,permit,view-establishment,100xxsure",
      '2026-02-28T23:30:00Z,h7-anna,permit,view-location,"52.10000,5.10000"',
      "2026-02-28T22:59:00Z,h7-anna,permit,export-establishment,IN-000102",
      "",
    ]);

    const [entry] = (await list("limit=1")).entries;
    expect(entry).toMatchObject({ username: "admin", role: "admin", action: "export-audit", subject: "from=2026-02-28 q=… rows=3" });
    expect(entry!.subject).not.toContain("anna");
  });

  it("puts an apostrophe before a cell a spreadsheet would run as a formula", async () => {
    const text = await (await get("action=login-failed&user=%3DHYPERLINK(1)&format=csv")).text();
    expect(text).toContain("\r\n2026-03-02T08:00:00Z,'=HYPERLINK(1),,login-failed,password\r\n");
  });
});

describe("refusals", () => {
  it("name the establishment asked for, a location's rounded point, and no search text", async () => {
    const policy = await login(monitor.url, "policy");
    const ask = (p: string) => fetch(`${monitor.url}${p}`, { headers: { cookie: policy.cookie } });
    expect((await ask("/api/v1/establishments/IN-000123?secret=Jan%20Jansen")).status).toBe(403);
    expect((await ask("/api/v1/locations/dossier?lat=52.0912345678&lon=5.1187654321")).status).toBe(403);
    expect((await ask("/api/v1/establishments?q=Jan%20Jansen&area=WK051801")).status).toBe(403);
    expect((await ask("/api/v1/establishments/%3Cscript%3E%0A")).status).toBe(403);
    const denied = (await list("user=policy&action=denied&limit=4")).entries.map((e) => e.subject);
    expect(denied).toEqual([
      "GET /api/v1/establishments/:id id=%3Cscript%3E%0A",
      "GET /api/v1/establishments q=… area=WK051801",
      "GET /api/v1/locations/dossier lat=52.09123 lon=5.11877",
      "GET /api/v1/establishments/:id id=IN-000123 secret=…",
    ]);
    expect(denied.join(" ")).not.toContain("Jansen");
  });
});

describe("admin actions", () => {
  it("records a backup by an admin, and one by the token as backup-token", async () => {
    const post = (headers: Record<string, string>, name: string) =>
      fetch(`${monitor.url}/api/v1/backups`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ name }) });
    expect((await post({ cookie: admin.cookie, "x-csrf-token": admin.csrfToken }, "by-admin.duckdb")).status).toBe(201);
    expect((await post({ authorization: `Bearer ${TOKEN}` }, "by-token.duckdb")).status).toBe(201);
    const entries = (await list("action=backup")).entries.map(({ username, role, subject }) => ({ username, role, subject }));
    expect(entries).toEqual([
      { username: "backup-token", role: "", subject: "by-token.duckdb" },
      { username: "admin", role: "admin", subject: "by-admin.duckdb" },
    ]);
  });

  it("records a go-live check started by an analyst", async () => {
    const analyst = await login(monitor.url, "analyst");
    const started = await fetch(`${monitor.url}/api/v1/pipelines/checks`, {
      method: "POST",
      headers: { cookie: analyst.cookie, "x-csrf-token": analyst.csrfToken },
    });
    expect(started.status).toBe(202);
    const { id } = (await started.json()) as { id: number };
    expect((await list("action=go-live-check")).entries).toMatchObject([{ username: "analyst", role: "analyst", subject: `check ${id}` }]);
  });
});

describe("bad parameters and other roles", () => {
  it("answers a bad date, limit, action or period with a 400 naming the parameter", async () => {
    for (const [query, name] of [
      ["from=2026-13-01", "from"],
      ["to=yesterday", "to"],
      ["limit=0", "limit"],
      ["limit=many", "limit"],
      ["offset=-1", "offset"],
      ["action=login,dance", "action"],
      ["from=2026-03-02&to=2026-03-01", "from"],
      ["user=", "user"],
      ["format=xlsx", "format"],
    ] as const) {
      const response = await get(query);
      expect(response.status, query).toBe(400);
      expect(response.headers.get("content-type"), query).toMatch(/^application\/problem\+json/);
      const body = (await response.json()) as { invalidParams: { name: string }[] };
      expect(
        body.invalidParams.map((p) => p.name),
        query,
      ).toEqual([name]);
    }
  });

  it("refuses the log and its export to policy, permit and analyst", async () => {
    for (const role of ["policy", "permit", "analyst"]) {
      const who = await login(monitor.url, role);
      expect((await get("", who)).status, role).toBe(403);
      expect((await get("format=csv", who)).status, role).toBe(403);
    }
  });
});
