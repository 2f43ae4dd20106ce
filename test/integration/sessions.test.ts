/** Session cookies behind TLS, a fresh id at every login, and the per-account login throttle. */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { login, startTestMonitor, type TestMonitor } from "../support/test-server.ts";

let monitor: TestMonitor;

beforeAll(async () => {
  // As served behind a TLS-terminating proxy.
  monitor = await startTestMonitor(inject("demoDir"), { config: { MM_SECURE_COOKIES: true } });
});
afterAll(() => monitor?.close());

const postLogin = (username: string, password: string, cookie?: string) =>
  fetch(`${monitor.url}/api/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ username, password }),
  });

describe("sessions behind TLS", () => {
  it("sets a __Host- cookie that is Secure, HttpOnly and SameSite=Strict, and HSTS", async () => {
    const response = await postLogin("policy", "demo");
    const cookie = response.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^__Host-mm_session=[\w-]{43};/);
    expect(cookie).toMatch(/; Secure/i);
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Strict/i);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).not.toMatch(/Domain=/i);
    expect(response.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
  });

  it("gives a new session id at login and ends the one the browser came with", async () => {
    const first = await login(monitor.url, "permit");
    const again = await postLogin("permit", "demo", first.cookie);
    const second = again.headers.get("set-cookie")!.split(";")[0]!;
    expect(second).not.toBe(first.cookie);
    expect((await fetch(`${monitor.url}/api/v1/session`, { headers: { cookie: first.cookie } })).status).toBe(401);
    expect((await fetch(`${monitor.url}/api/v1/session`, { headers: { cookie: second } })).status).toBe(200);
  });

  it("throttles an account after 10 failures a minute, even with the right password", async () => {
    for (let i = 0; i < 10; i++) expect((await postLogin("analyst", `wrong ${i}`)).status).toBe(401);
    const blocked = await postLogin("analyst", "demo");
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  });
});
