/**
 * Single sign-on against a real OpenID Connect provider (`oidc-provider`) on loopback: the whole
 * authorisation code flow with PKCE, driven hop by hop with fetch and a cookie jar. No mocks.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { SessionInfo, SessionOptions } from "../../src/ground/contract/contract.ts";
import { resolveSsoUser } from "../../src/engine/auth/oidc-users.ts";
import { CookieBrowser } from "../support/cookie-browser.ts";
import type { TestProvider } from "../support/oidc-provider.ts";
import { startSsoMonitor } from "../support/sso-monitor.ts";
import { login, type TestMonitor } from "../support/test-server.ts";

let provider: TestProvider;
let monitor: TestMonitor;
const logs: string[] = [];

beforeAll(async () => {
  ({ monitor, provider } = await startSsoMonitor(inject("demoDir"), { log: (line) => logs.push(line) }));
});
afterAll(async () => {
  await monitor?.close();
  await provider?.close();
});

const isCallback = (url: URL) => url.pathname === "/api/v1/session/oidc/callback";
const isMonitorPage = (url: URL) => url.origin === monitor.url && !url.pathname.startsWith("/api/");

/** Signs in at the provider as `account` and returns where the monitor sent the browser in the end. */
async function ssoLogin(browser: CookieBrowser, account: string): Promise<string> {
  provider.signInAs = account;
  const { url } = await browser.navigate(`${monitor.url}/api/v1/session/oidc`, isMonitorPage);
  return url.href.slice(monitor.url.length);
}

async function sessionOf(browser: CookieBrowser): Promise<SessionInfo | number> {
  const response = await fetch(`${monitor.url}/api/v1/session`, { headers: { cookie: browser.cookieHeader() } });
  return response.ok ? SessionInfo.parse(await response.json()) : response.status;
}

async function oidcUsers() {
  return monitor.db.query("SELECT subject, username FROM meta.oidc_users ORDER BY subject");
}

describe("single sign-on with OpenID Connect", () => {
  it("tells the login page that SSO is available", async () => {
    const response = await fetch(`${monitor.url}/api/v1/session/options`);
    expect(SessionOptions.parse(await response.json())).toEqual({ sso: true });
  });

  it("logs in with the code flow and PKCE, with the highest role the groups map to", async () => {
    provider.accounts.set("sub-alice", {
      name: "Alice de Vries",
      preferred_username: "alice",
      email: "alice@gemeente.nl",
      groups: ["gm-milieu-beleid", "gm-data", "gm-sport"],
    });
    const browser = new CookieBrowser();
    expect(await ssoLogin(browser, "sub-alice")).toBe("/");

    const [start, authorize] = browser.hops;
    const request = new URL(authorize!.url).searchParams;
    expect(authorize!.url.startsWith(`${provider.issuer}/`)).toBe(true);
    expect(request.get("code_challenge_method")).toBe("S256");
    expect(request.get("code_challenge")).toMatch(/^[\w-]{43}$/);
    expect(request.get("state")).toBeTruthy();
    expect(request.get("nonce")).toBeTruthy();
    expect(request.get("scope")).toBe("openid profile groups");
    // The browser holds only an id for the pending login, never the state, nonce or verifier.
    const pendingCookie = start!.setCookies.find((c) => c.startsWith("mm_oidc="))!;
    expect(pendingCookie).toMatch(/HttpOnly/i);
    expect(pendingCookie).toMatch(/SameSite=Lax/i);
    expect(pendingCookie).not.toContain(request.get("state")!);

    expect(await sessionOf(browser)).toMatchObject({ username: "sso:alice", role: "analyst" });
    expect(browser.jar.has("mm_oidc")).toBe(false);
  });

  it("keys the user on the subject: a new name or e-mail is the same user, the same e-mail with another subject is not", async () => {
    provider.accounts.set("sub-alice", { name: "Alice Jansen", preferred_username: "ajansen", email: "a.jansen@gemeente.nl", groups: ["gm-data"] });
    const renamed = new CookieBrowser();
    expect(await ssoLogin(renamed, "sub-alice")).toBe("/");
    expect(await sessionOf(renamed)).toMatchObject({ username: "sso:alice", role: "analyst" });

    // Another person who got Alice's old name and e-mail address at the provider.
    provider.accounts.set("sub-impostor", { name: "Alice de Vries", preferred_username: "alice", email: "alice@gemeente.nl", groups: ["gm-milieu-beleid"] });
    const other = new CookieBrowser();
    expect(await ssoLogin(other, "sub-impostor")).toBe("/");
    expect(await sessionOf(other)).toMatchObject({ username: "sso:alice-2", role: "policy" });

    expect(await oidcUsers()).toEqual([
      { subject: "sub-alice", username: "sso:alice" },
      { subject: "sub-impostor", username: "sso:alice-2" },
    ]);
  });

  it("survives two first logins of one user at the same moment: one account, two sessions", async () => {
    provider.accounts.set("sub-eva", { preferred_username: "eva", groups: ["gm-vergunningen"] });
    provider.signInAs = "sub-eva";
    const browsers = [new CookieBrowser(), new CookieBrowser()];
    const callbacks = await Promise.all(browsers.map((b) => b.navigate(`${monitor.url}/api/v1/session/oidc`, isCallback)));
    const ends = await Promise.all(browsers.map((b, i) => b.navigate(callbacks[i]!.url.href, isMonitorPage)));
    expect(ends.map((end) => end.url.pathname + end.url.hash)).toEqual(["/", "/"]);
    for (const browser of browsers) expect(await sessionOf(browser)).toMatchObject({ username: "sso:eva", role: "permit" });
    expect((await oidcUsers()).filter((u) => u.subject === "sub-eva")).toHaveLength(1);

    // The same race, harder: six first logins of one new subject at once.
    const identity = { issuer: provider.issuer, subject: "sub-race", claims: { preferred_username: "race" } };
    const logins = await Promise.all(Array.from({ length: 6 }, () => resolveSsoUser(monitor.state, identity, "policy", new Date())));
    expect(new Set(logins.map((l) => ("user" in l ? l.user.username : l.refused)))).toEqual(new Set(["sso:race"]));
    expect((await oidcUsers()).filter((u) => u.subject === "sub-race")).toHaveLength(1);
  });

  it("gives no session to a user none of whose groups is mapped", async () => {
    provider.accounts.set("sub-bob", { name: "Bob", preferred_username: "bob", groups: ["gm-sport", "gm-milieu-beleid-extern"] });
    const browser = new CookieBrowser();
    expect(await ssoLogin(browser, "sub-bob")).toBe("/#/login?sso=no-role");
    expect(browser.jar.has("mm_session")).toBe(false);
    expect(await sessionOf(browser)).toBe(401);
    expect((await oidcUsers()).map((u) => u.subject)).not.toContain("sub-bob");
  });

  it("refuses a tampered state, and the pending login cannot be used again", async () => {
    provider.accounts.set("sub-carol", { preferred_username: "carol", groups: ["gm-admin"] });
    provider.signInAs = "sub-carol";
    const browser = new CookieBrowser();
    const { url: callback } = await browser.navigate(`${monitor.url}/api/v1/session/oidc`, isCallback);
    expect(callback.searchParams.get("code")).toBeTruthy();
    const pendingId = browser.jar.get("mm_oidc")!;

    const tampered = new URL(callback);
    tampered.searchParams.set("state", "attacker-chosen-state");
    expect((await browser.navigate(tampered.href, isMonitorPage)).url.href).toBe(`${monitor.url}/#/login?sso=failed`);
    expect(await sessionOf(browser)).toBe(401);

    // Replaying the genuine answer with the same pending-login cookie: it was used up by the first try.
    browser.jar.set("mm_oidc", pendingId);
    expect((await browser.navigate(callback.href, isMonitorPage)).url.href).toBe(`${monitor.url}/#/login?sso=expired`);
    expect(await sessionOf(browser)).toBe(401);
  });

  it("refuses a provider's answer delivered to a browser that did not start the login", async () => {
    provider.signInAs = "sub-carol";
    const attacker = new CookieBrowser();
    const { url: callback } = await attacker.navigate(`${monitor.url}/api/v1/session/oidc`, isCallback);
    const victim = new CookieBrowser();
    expect((await victim.navigate(callback.href, isMonitorPage)).url.href).toBe(`${monitor.url}/#/login?sso=expired`);
    expect(await sessionOf(victim)).toBe(401);
  });

  it("issues a fresh session id, and the id the browser had before is ended", async () => {
    const before = await login(monitor.url, "policy");
    const browser = new CookieBrowser();
    const [name, oldId] = before.cookie.split("=") as [string, string];
    browser.jar.set(name, oldId);
    expect(await ssoLogin(browser, "sub-carol")).toBe("/");
    const newId = browser.jar.get("mm_session");
    expect(newId).toBeTruthy();
    expect(newId).not.toBe(oldId);
    expect(await sessionOf(browser)).toMatchObject({ username: "sso:carol", role: "admin" });
    const old = await fetch(`${monitor.url}/api/v1/session`, { headers: { cookie: before.cookie } });
    expect(old.status).toBe(401);
  });

  it("follows the groups at every login, ending sessions with the old role", async () => {
    provider.accounts.set("sub-dave", { preferred_username: "dave", groups: ["gm-vergunningen"] });
    const first = new CookieBrowser();
    await ssoLogin(first, "sub-dave");
    expect(await sessionOf(first)).toMatchObject({ username: "sso:dave", role: "permit" });
    provider.accounts.set("sub-dave", { preferred_username: "dave", groups: ["gm-milieu-beleid"] });
    const second = new CookieBrowser();
    await ssoLogin(second, "sub-dave");
    expect(await sessionOf(second)).toMatchObject({ username: "sso:dave", role: "policy" });
    expect(await sessionOf(first)).toBe(401);
  });

  it("keeps a disabled account out whatever its groups say", async () => {
    const admin = await login(monitor.url, "admin");
    const disable = await fetch(`${monitor.url}/api/v1/users/${encodeURIComponent("sso:dave")}`, {
      method: "PATCH",
      headers: { cookie: admin.cookie, "x-csrf-token": admin.csrfToken, "content-type": "application/json" },
      body: JSON.stringify({ disabled: true }),
    });
    expect(disable.status).toBe(200);
    provider.accounts.set("sub-dave", { preferred_username: "dave", groups: ["gm-admin"] });
    const browser = new CookieBrowser();
    expect(await ssoLogin(browser, "sub-dave")).toBe("/#/login?sso=disabled");
    expect(await sessionOf(browser)).toBe(401);
  });

  it("gives an SSO account no password login", async () => {
    const response = await fetch(`${monitor.url}/api/v1/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "sso:alice", password: "sso" }),
    });
    expect(response.status).toBe(401);
  });

  it("writes SSO logins and refusals to the audit log", async () => {
    const entries = await monitor.db.query("SELECT username, role, action, subject FROM meta.audit_log WHERE subject LIKE 'sso%' ORDER BY audit_id");
    expect(entries).toContainEqual({ username: "sso:alice", role: "analyst", action: "login", subject: "sso" });
    expect(entries).toContainEqual({ username: "", role: "", action: "login-failed", subject: "sso:no-role" });
    expect(entries).toContainEqual({ username: "sso:dave", role: "", action: "login-failed", subject: "sso:disabled" });
    expect(entries).toContainEqual({ username: "", role: "", action: "login-failed", subject: "sso:failed" });
    // Requests that never reached the provider (no pending login here) cost nothing and write nothing.
    expect(entries.map((e) => e.subject)).not.toContain("sso:expired");
  });

  it("logs refusals without claims or subject ids", () => {
    const refusals = logs.filter((line) => line.startsWith("sso login refused"));
    expect(refusals.length).toBeGreaterThanOrEqual(4);
    for (const line of refusals) expect(line).not.toMatch(/sub-|alice|bob|carol|dave|@/);
  });
});
