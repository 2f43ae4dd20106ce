/**
 * A permalink opened while logged out: the login is shown, and after logging in — with the password
 * or with single sign-on — the app lands on the page that was asked for, not the home page. The
 * single sign-on start refuses a return location that is not a page of the app.
 */
import { afterAll, describe, expect, inject, it } from "vitest";
import { browserSuite } from "../support/browser.ts";
import type { TestProvider } from "../support/oidc-provider.ts";
import { startSsoMonitor } from "../support/sso-monitor.ts";

let provider: TestProvider | undefined;
const suite = browserSuite(async () => {
  const started = await startSsoMonitor(inject("demoDir"));
  provider = started.provider;
  return started.monitor;
});
afterAll(() => provider?.close());

const permalink = "#/indicators/no2-annual-mean?level=buurt";

/** Opens the permalink logged out and waits for the login form. */
async function openLoggedOut() {
  const { page } = suite;
  await page.goto(`/${permalink}`);
  await page.locator("input[name=username]").waitFor();
  expect(new URL(page.url()).hash).toBe(`#/login?next=${encodeURIComponent("/indicators/no2-annual-mean?level=buurt")}`);
  return page;
}

describe("a permalink opened while logged out", () => {
  it("returns to that view after the password login", async () => {
    const page = await openLoggedOut();
    await page.locator("input[name=username]").fill("policy");
    await page.locator("input[name=password]").fill("demo");
    await page.locator("button[type=submit]").click();
    await page.getByRole("heading", { level: 1, name: "NO₂ jaargemiddelde" }).waitFor();
    expect(new URL(page.url()).hash).toBe(permalink);
  });

  it("returns to that view after single sign-on", async () => {
    provider!.accounts.set("sub-gert", { preferred_username: "gert", groups: ["gm-milieu-beleid"] });
    provider!.signInAs = "sub-gert";
    const page = await openLoggedOut();
    const sso = page.getByTestId("login-sso");
    expect(new URL((await sso.getAttribute("href"))!, "http://x").searchParams.get("next")).toBe("/indicators/no2-annual-mean?level=buurt");
    await sso.click();
    await page.getByRole("heading", { level: 1, name: "NO₂ jaargemiddelde" }).waitFor();
    expect(new URL(page.url()).hash).toBe(permalink);
    expect(await page.getByText("Ingelogd als sso:gert (beleidsmedewerker)").isVisible()).toBe(true);
  });

  it("keeps the page asked for when single sign-on is refused, for the next attempt", async () => {
    provider!.accounts.set("sub-hanna", { preferred_username: "hanna", groups: ["gm-sport"] });
    provider!.signInAs = "sub-hanna";
    const page = await openLoggedOut();
    await page.getByTestId("login-sso").click();
    await page.getByTestId("login-error").waitFor();
    expect(new URL(page.url()).hash).toBe(`#/login?next=${encodeURIComponent("/indicators/no2-annual-mean?level=buurt")}`);
  });

  it("lands on the role's home page without a permalink", async () => {
    const { page } = suite;
    await page.goto("/");
    await page.locator("input[name=username]").fill("policy");
    await page.locator("input[name=password]").fill("demo");
    await page.locator("button[type=submit]").click();
    await page.getByRole("heading", { level: 1, name: "Thema's en doelen" }).waitFor();
    expect(new URL(page.url()).hash).toBe("#/themes");
  });
});

describe("the single sign-on start", () => {
  it("refuses a return location that is not a page of the app, and never redirects to it", async () => {
    for (const next of ["//evil.example/", "https://evil.example/", "/\\evil.example", "/themes\r\nX: 1", "/login"]) {
      const response = await fetch(`${suite.monitor.url}/api/v1/session/oidc?next=${encodeURIComponent(next)}`, { redirect: "manual" });
      expect(response.status, JSON.stringify(next)).toBe(400);
      expect(response.headers.get("location"), JSON.stringify(next)).toBeNull();
    }
    const fine = await fetch(`${suite.monitor.url}/api/v1/session/oidc?next=${encodeURIComponent("/themes")}`, { redirect: "manual" });
    expect(fine.status).toBe(303);
    expect(fine.headers.get("location")!.startsWith(provider!.issuer)).toBe(true);
  });
});
