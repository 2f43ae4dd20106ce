/**
 * Single sign-on in Chromium: the login page offers the organisation account, the link runs the
 * whole flow through a real OpenID Connect provider on loopback, and a refusal comes back to the
 * login page as a message.
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

describe("single sign-on", () => {
  it("logs in with the organisation account from the login page", async () => {
    const { page } = suite;
    provider!.accounts.set("sub-erik", { name: "Erik Smit", preferred_username: "erik", groups: ["gm-data"] });
    provider!.signInAs = "sub-erik";
    await page.goto("/");
    const link = page.getByTestId("login-sso");
    expect(await link.innerText()).toBe("Inloggen met de organisatie-account (SSO)");
    await link.click();
    await page.getByRole("heading", { level: 1, name: "Pijplijnen" }).waitFor();
    expect(await page.getByText("Ingelogd als sso:erik (data-analist)").isVisible()).toBe(true);
  });

  it("shows a refusal on the login page, without a session", async () => {
    const { page } = suite;
    provider!.accounts.set("sub-fenna", { preferred_username: "fenna", groups: ["gm-sport"] });
    provider!.signInAs = "sub-fenna";
    await page.goto("/");
    await page.getByTestId("login-sso").click();
    const alert = page.getByTestId("login-error");
    await alert.waitFor();
    expect(await alert.innerText()).toContain("geen rol in de Milieumonitor");
    expect(new URL(page.url()).hash).toBe("#/login");
    expect(await page.locator("input[name=username]").isVisible()).toBe(true);
  });

  it("offers no SSO link when the server has none configured", async () => {
    const { page } = suite;
    await page.route("**/api/v1/session/options", (route) => route.fulfill({ json: { sso: false } }));
    const options = page.waitForResponse("**/api/v1/session/options");
    await page.goto("/");
    await options;
    await page.locator("input[name=username]").waitFor();
    // One frame after the answer, Lit has rendered what it says.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    expect(await page.getByTestId("login-sso").count()).toBe(0);
  });
});
