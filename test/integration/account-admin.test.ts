/**
 * The admin's account changes in the audit log (who, what, which account; never a password), the
 * last login of an account after a password login and a single sign-on login, and SSO accounts
 * marked as such, with no password to set.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { AccountList, AuditList, type Account } from "../../src/ground/contract/contract-dossier.ts";
import { CookieBrowser } from "../support/cookie-browser.ts";
import type { TestProvider } from "../support/oidc-provider.ts";
import { startSsoMonitor } from "../support/sso-monitor.ts";
import { FIXED_NOW, login, type Login, type TestMonitor } from "../support/test-server.ts";

const PASSWORD = "lange zin als wachtwoord";
const NEW_PASSWORD = "een heel ander wachtwoord";

let monitor: TestMonitor;
let provider: TestProvider;
let admin: Login;

beforeAll(async () => {
  // One monitor with single sign-on serves both: password accounts work there as anywhere.
  ({ monitor, provider } = await startSsoMonitor(inject("demoDir")));
  admin = await login(monitor.url, "admin");
});
afterAll(async () => {
  await monitor?.close();
  await provider?.close();
});

const send = (method: string, path: string, body: unknown) =>
  fetch(`${monitor.url}${path}`, {
    method,
    headers: { cookie: admin.cookie, "x-csrf-token": admin.csrfToken, "content-type": "application/json" },
    body: JSON.stringify(body),
  });

async function account(username: string): Promise<Account | undefined> {
  const response = await fetch(`${monitor.url}/api/v1/users`, { headers: { cookie: admin.cookie } });
  expect(response.status).toBe(200);
  return AccountList.parse(await response.json()).accounts.find((a) => a.username === username);
}

/** The account entries about `subject`, oldest first, as the admin's audit API gives them. */
async function accountEntries(subject: string) {
  const response = await fetch(`${monitor.url}/api/v1/audit?limit=500`, { headers: { cookie: admin.cookie } });
  expect(response.status).toBe(200);
  const { entries } = AuditList.parse(await response.json());
  return entries
    .filter((e) => e.action.startsWith("user-") && e.subject === subject)
    .reverse()
    .map(({ username, role, action, subject }) => ({ username, role, action, subject }));
}

describe("account changes in the audit log", () => {
  it("records each change with the admin who made it and the account as subject, never a password", async () => {
    expect((await send("POST", "/api/v1/users", { username: "sanne.audit", password: PASSWORD, role: "policy" })).status).toBe(201);
    expect((await send("PATCH", "/api/v1/users/sanne.audit", { role: "analyst" })).status).toBe(200);
    expect((await send("PATCH", "/api/v1/users/sanne.audit", { disabled: true })).status).toBe(200);
    expect((await send("PATCH", "/api/v1/users/sanne.audit", { disabled: false })).status).toBe(200);
    expect((await send("PATCH", "/api/v1/users/sanne.audit", { password: NEW_PASSWORD })).status).toBe(200);
    // Two changes in one request are two entries.
    expect((await send("PATCH", "/api/v1/users/sanne.audit", { role: "permit", password: PASSWORD })).status).toBe(200);

    const by = { username: "admin", role: "admin", subject: "sanne.audit" };
    expect(await accountEntries("sanne.audit")).toEqual([
      { ...by, action: "user-add" },
      { ...by, action: "user-role" },
      { ...by, action: "user-disable" },
      { ...by, action: "user-enable" },
      { ...by, action: "user-password" },
      { ...by, action: "user-role" },
      { ...by, action: "user-password" },
    ]);
    const all = JSON.stringify(await monitor.db.query("SELECT * FROM meta.audit_log"));
    expect(all).not.toContain(PASSWORD);
    expect(all).not.toContain(NEW_PASSWORD);
  });

  it("records nothing for a refused change", async () => {
    expect((await send("POST", "/api/v1/users", { username: "kort.audit", password: "te kort", role: "policy" })).status).toBe(400);
    expect((await send("PATCH", "/api/v1/users/nobody.audit", { disabled: true })).status).toBe(404);
    expect(await accountEntries("kort.audit")).toEqual([]);
    expect(await accountEntries("nobody.audit")).toEqual([]);
  });
});

describe("an admin's own account", () => {
  it("cannot be disabled or demoted by that admin, which would lock them out; another admin's account can", async () => {
    for (const [change, field] of [
      [{ disabled: true }, "disabled"],
      [{ role: "analyst" }, "role"],
    ] as const) {
      const refused = await send("PATCH", "/api/v1/users/admin", change);
      expect(refused.status).toBe(400);
      const problem = (await refused.json()) as { invalidParams: { name: string }[] };
      expect(problem.invalidParams[0]!.name).toBe(field);
    }
    // Still an active admin, and the session still works.
    expect(await account("admin")).toMatchObject({ role: "admin", disabled: false });
    expect(await accountEntries("admin")).toEqual([]);
    // Another admin's account can be disabled.
    expect((await send("POST", "/api/v1/users", { username: "tweede.beheer", password: PASSWORD, role: "admin" })).status).toBe(201);
    expect((await send("PATCH", "/api/v1/users/tweede.beheer", { disabled: true })).status).toBe(200);
  });
});

describe("last login and single sign-on accounts", () => {
  it("has no last login for a new account, and the login's time after a password login", async () => {
    await send("POST", "/api/v1/users", { username: "joris.login", password: PASSWORD, role: "permit" });
    expect(await account("joris.login")).toMatchObject({ lastLoginAt: null, sso: false });
    await expect(login(monitor.url, "joris.login", "fout wachtwoord!")).rejects.toThrow(/401/);
    expect((await account("joris.login"))?.lastLoginAt).toBeNull();
    await login(monitor.url, "joris.login", PASSWORD);
    expect(await account("joris.login")).toMatchObject({ lastLoginAt: FIXED_NOW.toISOString().replace(".000Z", "Z"), sso: false });
  });

  it("marks an SSO account as such, with its last login, and refuses it a password", async () => {
    provider.accounts.set("sub-fenna", { preferred_username: "fenna", groups: ["gm-data"] });
    provider.signInAs = "sub-fenna";
    const browser = new CookieBrowser();
    await browser.navigate(`${monitor.url}/api/v1/session/oidc`, (url) => url.origin === monitor.url && !url.pathname.startsWith("/api/"));
    expect((await fetch(`${monitor.url}/api/v1/session`, { headers: { cookie: browser.cookieHeader() } })).status).toBe(200);

    expect(await account("sso:fenna")).toMatchObject({ role: "analyst", sso: true, lastLoginAt: FIXED_NOW.toISOString().replace(".000Z", "Z") });
    expect((await account("admin"))?.sso).toBe(false);
    const refused = await send("PATCH", `/api/v1/users/${encodeURIComponent("sso:fenna")}`, { password: NEW_PASSWORD });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { invalidParams: { name: string }[] }).invalidParams[0]!.name).toBe("password");
    expect(await accountEntries("sso:fenna")).toEqual([]);
  });
});
