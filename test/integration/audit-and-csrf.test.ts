/**
 * What a cross-site request can send is refused, and refusals land in the audit log with no
 * personal value and control characters escaped; old entries go after the retention period.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { AuditList } from "../../src/ground/contract/contract-dossier.ts";
import { createAuditLog } from "../../src/engine/auth/audit-log.ts";
import { login, startTestMonitor, type Login, type TestMonitor } from "../support/test-server.ts";

let monitor: TestMonitor;
let admin: Login;

beforeAll(async () => {
  monitor = await startTestMonitor(inject("demoDir"));
  admin = await login(monitor.url, "admin");
});
afterAll(() => monitor?.close());

const auditEntries = async () =>
  AuditList.parse(await (await fetch(`${monitor.url}/api/v1/audit?limit=20`, { headers: { cookie: admin.cookie } })).json()).entries;

describe("cross-site requests", () => {
  it("refuses a text/plain or form body on a state-changing route with 415, even with the CSRF token", async () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded"]) {
      const response = await fetch(`${monitor.url}/api/v1/pipelines/areas/runs`, {
        method: "POST",
        headers: { cookie: admin.cookie, "x-csrf-token": admin.csrfToken, "content-type": type },
        body: '{"a":1}',
      });
      expect(response.status, type).toBe(415);
    }
    const login = await fetch(`${monitor.url}/api/v1/session`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: JSON.stringify({ username: "admin", password: "demo" }),
    });
    expect(login.status).toBe(415);
  });

  it("writes a refused request to the audit log with the route and the id asked for, not the URL", async () => {
    const policy = await login(monitor.url, "policy");
    await fetch(`${monitor.url}/api/v1/establishments/IN-000001?secret=x`, { headers: { cookie: policy.cookie } });
    const entries = await auditEntries();
    expect(entries[0]).toMatchObject({ username: "policy", role: "policy", action: "denied", subject: "GET /api/v1/establishments/:id id=IN-000001 secret=…" });
  });
});

describe("logins", () => {
  it("records a login and a failed one, without writing down a name that is no account", async () => {
    const post = (username: string, password: string) =>
      fetch(`${monitor.url}/api/v1/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username, password }) });
    expect((await post("permit", "wrong")).status).toBe(401);
    expect((await post("Mijn geheime wachtwoord", "demo")).status).toBe(401);
    expect((await post("analyst", "demo")).status).toBe(200);
    const entries = await auditEntries();
    expect(entries.slice(0, 3).map(({ username, role, action, subject }) => ({ username, role, action, subject }))).toEqual([
      { username: "analyst", role: "analyst", action: "login", subject: "password" },
      { username: "(unknown)", role: "", action: "login-failed", subject: "password" },
      { username: "permit", role: "", action: "login-failed", subject: "password" },
    ]);
  });
});

describe("the audit log itself", () => {
  it("escapes control characters and deletes entries past the retention period", async () => {
    let now = new Date("2020-01-01T00:00:00Z");
    const audit = createAuditLog(monitor.db, () => now, 30);
    await audit.record({ username: "evil\n2026-01-01 admin login", role: "permit" }, "view-location", "52.1,5.1\u001b[2J");
    const [entry] = (await audit.list({ limit: 1, offset: 0 }, {})).entries;
    expect(entry!.username).toBe("evil\\u000a2026-01-01 admin login");
    expect(entry!.subject).toBe("52.1,5.1\\u001b[2J");
    now = new Date("2020-03-01T00:00:00Z");
    await audit.record({ username: "permit", role: "permit" }, "view-location", "52.2,5.2");
    const subjects = (await audit.list({ limit: 500, offset: 0 }, {})).entries.map((e) => e.subject);
    expect(subjects).toContain("52.2,5.2");
    expect(subjects).not.toContain("52.1,5.1\\u001b[2J");
  });
});

describe("the client address behind a proxy", () => {
  /** Eleven failed logins, each for another name and from another forwarded address: their statuses. */
  async function elevenLogins(url: string): Promise<number[]> {
    const attempt = (i: number) =>
      fetch(`${url}/api/v1/session`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": `203.0.113.${i}` },
        body: JSON.stringify({ username: `nobody${i}`, password: "wrong" }),
      });
    const statuses = [];
    for (let i = 1; i <= 11; i++) statuses.push((await attempt(i)).status);
    return statuses;
  }

  it("ignores X-Forwarded-For unless a proxy is trusted, so the throttle counts the real address", async () => {
    // Not trusted: all eleven count against the one socket address (with any earlier failures from it).
    expect((await elevenLogins(monitor.url)).at(-1)).toBe(429);
    const behindProxy = await startTestMonitor(inject("demoDir"), { config: { MM_TRUST_PROXY: "loopback" } });
    try {
      expect(await elevenLogins(behindProxy.url)).toEqual(Array(11).fill(401));
    } finally {
      await behindProxy.close();
    }
  });
});
