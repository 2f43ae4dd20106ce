/**
 * What outside probes broke (issue 16, points 1–5): logins racing account changes, the login throttle,
 * a burst of logins stalling everyone, malformed session cookies, and hostile text echoed in errors.
 * The monitor trusts X-Forwarded-For from loopback, so each request can come from an address of its own.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { login, startTestMonitor, type Login, type TestMonitor } from "../support/test-server.ts";

let monitor: TestMonitor;
let admin: Login;

beforeAll(async () => {
  monitor = await startTestMonitor(inject("demoDir"), { config: { MM_TRUST_PROXY: "loopback" } });
  admin = await login(monitor.url, "admin");
});
afterAll(() => monitor?.close());

let addresses = 0;
/** A client address no other request of this file used. */
const freshAddress = () => `10.16.${Math.floor(++addresses / 250)}.${addresses % 250}`;

const postLogin = (username: string, password: string, { from = freshAddress(), cookie }: { from?: string; cookie?: string } = {}) =>
  fetch(`${monitor.url}/api/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": from, ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ username, password }),
  });

const asAdmin = (method: string, path: string, body?: unknown) =>
  fetch(`${monitor.url}${path}`, {
    method,
    headers: { cookie: admin.cookie, "x-csrf-token": admin.csrfToken, "content-type": "application/json", "x-forwarded-for": "10.99.0.1" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

const cookieOf = (response: Response) => response.headers.get("set-cookie")?.split(";")[0];

/** The session behind a cookie as the server sees it now: its role, or null when it has none. */
async function roleOf(cookie: string): Promise<string | null> {
  const response = await fetch(`${monitor.url}/api/v1/session`, { headers: { cookie } });
  return response.status === 200 ? ((await response.json()) as { role: string }).role : null;
}

const PASSWORD = "correct horse battery";

describe("a login in flight and a change of the account", () => {
  const changes = [
    { name: "downgraded to policy", change: { role: "policy" }, allowed: [null, "policy"] },
    { name: "disabled", change: { disabled: true }, allowed: [null] },
    { name: "given a new password", change: { password: "another long passphrase" }, allowed: [null] },
  ];
  for (const { name, change, allowed } of changes) {
    it(`leaves no admin session for an account ${name} while its logins were being checked`, async () => {
      const seen: (string | null)[] = [];
      for (let round = 0; round < 4; round++) {
        const username = `race-${Object.keys(change)[0]}-${round}`;
        expect((await asAdmin("POST", "/api/v1/users", { username, password: PASSWORD, role: "admin" })).status).toBe(201);
        // Three logins and the change at once: the change lands while the passwords are being hashed.
        const [patched, ...logins] = await Promise.all([
          asAdmin("PATCH", `/api/v1/users/${username}`, change),
          postLogin(username, PASSWORD),
          postLogin(username, PASSWORD),
          postLogin(username, PASSWORD),
        ]);
        expect(patched.status).toBe(200);
        for (const response of logins) {
          expect([200, 401, 409]).toContain(response.status);
          const cookie = cookieOf(response);
          if (response.status === 200 && cookie) seen.push(await roleOf(cookie));
        }
      }
      for (const role of seen) expect(allowed).toContain(role);
    });
  }
});

describe("the login throttle", () => {
  it("counts parallel guesses as they arrive: at most 10 of 40 are checked, every 429 says when to retry", async () => {
    const responses = await Promise.all(Array.from({ length: 40 }, (_, i) => postLogin("analyst", `wrong guess ${i}`)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(10);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(30);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    for (const response of responses.filter((r) => r.status === 429)) expect(response.headers.get("retry-after")).toMatch(/^[1-9]\d*$/);
  });

  it("is not reset for an address by a login to one's own account in between", async () => {
    const from = freshAddress();
    let checked = 0;
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 9; i++) {
        const guess = await postLogin(`someone-${round}-${i}`, "guess", { from });
        if (guess.status === 401) checked++;
        else expect(guess.status).toBe(429);
      }
      await postLogin("permit", "demo", { from });
    }
    expect(checked).toBe(10);
    const blocked = await postLogin("policy", "demo", { from });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

describe("a burst of failed logins", () => {
  it("is refused beyond a few password checks at once, while searches and the health probe answer", async () => {
    const permit = await login(monitor.url, "permit");
    const burst = Array.from({ length: 100 }, (_, i) => postLogin(`flood-${i}`, "wrong"));
    const others = [
      ...Array.from({ length: 5 }, () => fetch(`${monitor.url}/api/v1/establishments?q=bakkerij`, { headers: { cookie: permit.cookie } })),
      ...Array.from({ length: 5 }, () => fetch(`${monitor.url}/healthz`)),
    ];
    const [logins, answers] = await Promise.all([Promise.all(burst), Promise.all(others)]);
    expect(answers.map((r) => r.status)).toEqual(Array(10).fill(200));
    const statuses = logins.map((r) => r.status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    const busy = logins.filter((r) => r.status === 429);
    expect(busy.length).toBeGreaterThan(0);
    for (const response of busy) {
      expect(response.headers.get("retry-after")).toBe("1");
      expect(((await response.json()) as { detail: string }).detail).toMatch(/too many passwords are being checked at once/);
    }
  });
});

describe("a malformed session cookie", () => {
  for (const value of ["%", "%E0%A4%A", "%zz"]) {
    it(`is no cookie at all (${value}): the page, the API and the login answer`, async () => {
      const cookie = `mm_session=${value}`;
      expect((await fetch(`${monitor.url}/`, { headers: { cookie } })).status).toBe(200);
      const api = await fetch(`${monitor.url}/api/v1/themes`, { headers: { cookie } });
      expect(api.status).toBe(401);
      const loggedIn = await postLogin("policy", "demo", { cookie });
      expect(loggedIn.status).toBe(200);
      expect(await roleOf(cookieOf(loggedIn)!)).toBe("policy");
    });
  }
});

describe("errors that name hostile input", () => {
  const problemFor = async (query: string) => {
    const policy = await login(monitor.url, "policy");
    const response = await fetch(`${monitor.url}/api/v1/areas?${query}`, { headers: { cookie: policy.cookie } });
    expect(response.status).toBe(400);
    return { text: await response.text(), length: Number(response.headers.get("content-length")) };
  };

  it("quotes and escapes markup in an unknown parameter's name", async () => {
    const { text } = await problemFor(`${encodeURIComponent("<img src=x onerror=alert(1)>")}=1`);
    expect(text).not.toContain("<img");
    const body = JSON.parse(text) as { detail: string; invalidParams: { name: string }[] };
    expect(body.detail).toContain('query parameter "\\u{3c}img src=x onerror=alert(1)\\u{3e}"');
    expect(body.invalidParams[0]!.name).toBe("\\u{3c}img src=x onerror=alert(1)\\u{3e}");
  });

  it("escapes right-to-left overrides and controls", async () => {
    const { text } = await problemFor(`${encodeURIComponent("abc\u202Egpj.exe\u0007")}=1`);
    expect(text.includes("\u202E") || text.includes("\u0007")).toBe(false);
    expect(text).not.toContain("\\u0007");
    expect(text).toContain("abc\\\\u{202e}gpj.exe\\\\u{7}");
  });

  it("cuts an 8 kB name: the answer stays small", async () => {
    const { text, length } = await problemFor(`${"n".repeat(8192)}=1`);
    expect(length).toBeLessThan(1024);
    expect(JSON.parse(text)).toMatchObject({ invalidParams: [{ name: `${"n".repeat(40)}…` }] });
  });
});
