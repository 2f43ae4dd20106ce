/**
 * The admin's accounts in the browser (#/users): adding an account with the rules shown as they are
 * typed (a short password refused before it is sent, a taken name refused next to its field), the
 * new user logging in elsewhere, disabling it (their session ends), enabling it again and setting a
 * new password; the page kept from other roles, no serious axe finding, nothing wider than a phone.
 */
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { seriousViolations } from "../support/axe.ts";
import { browserSuite, loginViaForm, openSession } from "../support/browser.ts";
import { startTestMonitor } from "../support/test-server.ts";

const suite = browserSuite(() => startTestMonitor(inject("demoDir")));

const USERNAME = "noor.bakker";
const PASSWORD = "zonnepanelen op elk dak";
const NEW_PASSWORD = "warmtenet in de wijk 2030";
// The machine may be loaded (several suites at once): generous waits on conditions, never sleeps.
const WAIT = { timeout: 30_000 };

const row = (page: Page, username: string) => page.locator(`[data-testid="user-row"][data-username="${username}"]`);

async function openAccounts(page: Page) {
  await loginViaForm(page, "admin");
  await page.getByTestId("nav-users").click(WAIT);
  await page.getByRole("heading", { level: 1, name: "Accounts" }).waitFor(WAIT);
  await row(page, "admin").waitFor(WAIT);
}

/** Waits for the status line to say `text` (it is replaced after each change). */
async function statusSays(page: Page, text: string) {
  await page.locator('[data-testid="users-status"][role="status"]', { hasText: text }).waitFor(WAIT);
}

describe("accounts", () => {
  it("adds an account; the user logs in, is disabled and loses the session, is enabled again with a new password", async () => {
    const { page, monitor } = suite;
    await openAccounts(page);
    expect(page.url()).toMatch(/#\/users$/);
    expect(await page.getByTestId("nav-users").getAttribute("aria-current")).toBe("page");

    const form = page.getByTestId("add-account");
    const usernameRule = form.getByTestId("rules").nth(0).locator("li");
    const passwordRule = form.getByTestId("rules").nth(1).locator("li");
    // The rules are there before anything is typed, and follow the typing.
    expect(await usernameRule.getAttribute("data-met")).toBe("false");
    await form.locator("input[name=username]").fill("Noor Bakker");
    expect(await usernameRule.getAttribute("data-met")).toBe("false");
    await form.locator("input[name=username]").fill(USERNAME);
    await form.locator('li[data-met="true"]', { hasText: "kleine letters" }).waitFor(WAIT);
    await form.locator("input[name=password]").fill("te kort");
    expect(await passwordRule.innerText()).toContain("minstens 12 tekens (nu 7)");
    expect(await passwordRule.getAttribute("data-met")).toBe("false");
    await form.locator("select[name=role]").selectOption("analyst");

    // A password that breaks the rule is refused here, and never sent.
    let posted = 0;
    page.on("request", (request) => {
      if (request.method() === "POST" && new URL(request.url()).pathname === "/api/v1/users") posted++;
    });
    await form.getByTestId("add-submit").click();
    expect(await form.getByTestId("password-error").innerText()).toBe("Dit wachtwoord is te kort.");
    expect(await form.locator("input[name=password]").getAttribute("aria-invalid")).toBe("true");
    expect(posted).toBe(0);
    expect(await row(page, USERNAME).count()).toBe(0);

    await form.locator("input[name=password]").fill(PASSWORD);
    expect(await passwordRule.getAttribute("data-met")).toBe("true");
    expect(await form.getByTestId("password-error").innerText()).toBe("");
    await form.getByTestId("add-submit").click();
    await statusSays(page, `Account ${USERNAME} toegevoegd als data-analist.`);
    const added = row(page, USERNAME);
    await added.waitFor(WAIT);
    expect(await added.getByTestId("user-role").innerText()).toBe("data-analist");
    expect(await added.getByTestId("user-state").innerText()).toBe("actief");
    expect(await added.getByTestId("user-last-login").innerText()).toBe("nooit");
    expect(await added.getByTestId("user-sign-in").innerText()).toBe("wachtwoord");
    expect(posted).toBe(1);

    // The new user, in a browser of their own.
    const user = await openSession(page.context().browser()!, monitor.url);
    try {
      await loginViaForm(user.page, USERNAME, PASSWORD);
      await user.page.getByRole("heading", { level: 1, name: "Pijplijnen" }).waitFor(WAIT);

      // Disable, after a confirmation: their session ends at once.
      await added.getByTestId("toggle-disabled").click();
      await added.getByTestId("confirm").getByText(`${USERNAME} blokkeren?`).waitFor(WAIT);
      await added.getByTestId("confirm-yes").click();
      await statusSays(page, `${USERNAME} is geblokkeerd. 1 sessie beëindigd.`);
      await page.locator(`[data-testid="user-row"][data-username="${USERNAME}"][data-disabled="true"]`).waitFor(WAIT);
      expect(await added.getByTestId("user-state").innerText()).toBe("geblokkeerd");
      // The login was written down.
      expect(await added.getByTestId("user-last-login").innerText()).not.toBe("nooit");

      // The user's next page asks the API, gets 401 and shows the login.
      await user.page.evaluate(() => (location.hash = "#/pipelines/air-quality-stations"));
      await user.page.locator("input[name=username]").waitFor(WAIT);
      expect((await user.page.request.get("/api/v1/session")).status()).toBe(401);

      // Enable again, and a new password (its rule shown as it is typed; a short one refused).
      await added.getByTestId("toggle-disabled").click();
      await added.getByTestId("confirm-yes").click();
      await statusSays(page, `${USERNAME} heeft weer toegang. 0 sessies beëindigd.`);
      await page.locator(`[data-testid="user-row"][data-username="${USERNAME}"][data-disabled="false"]`).waitFor(WAIT);

      await added.getByTestId("set-password").click();
      const passwordForm = added.getByTestId("password-form");
      await passwordForm.locator("input").fill("kort");
      expect(await passwordForm.getByTestId("rules").innerText()).toContain("minstens 12 tekens (nu 4)");
      await passwordForm.getByTestId("save-password").click();
      expect(await passwordForm.getByTestId("password-error").innerText()).toBe("Dit wachtwoord is te kort.");
      await passwordForm.locator("input").fill(NEW_PASSWORD);
      expect(await passwordForm.locator('li[data-met="true"]').count()).toBe(1);
      await passwordForm.getByTestId("save-password").click();
      await statusSays(page, `Nieuw wachtwoord voor ${USERNAME} ingesteld.`);
      expect(await added.getByTestId("password-form").count()).toBe(0);

      // The user is back, with the new password only.
      await loginViaForm(user.page, USERNAME, PASSWORD);
      await user.page.getByTestId("login-error").waitFor(WAIT);
      await loginViaForm(user.page, USERNAME, NEW_PASSWORD);
      await user.page.getByRole("heading", { level: 1, name: "Pijplijnen" }).waitFor(WAIT);
      expect(user.errors, "errors in the user's page").toEqual([]);
    } finally {
      await user.close();
    }
  });

  it("shows the server's refusal of a taken name next to the username field", async () => {
    const { page, monitor } = suite;
    // A session of its own: the 400 it provokes is logged by the browser, and is the answer expected here.
    const admin = await openSession(page.context().browser()!, monitor.url);
    try {
      await openAccounts(admin.page);
      const form = admin.page.getByTestId("add-account");
      await form.locator("input[name=username]").fill("policy");
      await form.locator("input[name=password]").fill(PASSWORD);
      await form.getByTestId("add-submit").click();
      await form.getByTestId("username-error").getByText("bestaat al").waitFor(WAIT);
      expect(await form.locator("input[name=username]").getAttribute("aria-invalid")).toBe("true");
      expect(await form.getByTestId("password-error").innerText()).toBe("");
      // Typing again clears the refusal.
      await form.locator("input[name=username]").fill("policy.twee");
      expect(await form.getByTestId("username-error").innerText()).toBe("");
      const refused = /status of 400 .*\/api\/v1\/users\)$/;
      expect(admin.errors.filter((error) => !refused.test(error))).toEqual([]);
      expect(admin.errors.filter((error) => refused.test(error))).toHaveLength(1);
      expect(await row(admin.page, "policy").getByTestId("user-role").innerText()).toBe("beleidsmedewerker");
    } finally {
      await admin.close();
    }
  });

  it("is the admin's only: other roles get no link and the usual refusal", async () => {
    const { page } = suite;
    await loginViaForm(page, "policy");
    await page.getByTestId("nav-alerts").waitFor(WAIT);
    expect(await page.getByTestId("nav-users").count()).toBe(0);
    await page.goto("/#/users");
    await page.getByTestId("forbidden").waitFor(WAIT);
    expect(await page.getByTestId("users-table").count()).toBe(0);
  });

  it("has no serious axe finding, in both languages, and fits a phone", async () => {
    const { page } = suite;
    await openAccounts(page);
    await row(page, "admin").getByTestId("toggle-disabled").waitFor(WAIT);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByTestId("lang-toggle").getByRole("button", { name: "EN" }).click();
    await page.getByRole("heading", { level: 2, name: "Add an account" }).waitFor(WAIT);
    expect(await row(page, "admin").getByTestId("user-role").innerText()).toBe("administrator");
    expect(await page.getByTestId("nav-users").innerText()).toBe("Accounts");

    // A phone: the page does not scroll sideways (the table scrolls in its own box); a row's password form opened.
    await page.setViewportSize({ width: 390, height: 844 });
    await row(page, "policy").getByTestId("set-password").click();
    await row(page, "policy").getByTestId("password-form").waitFor(WAIT);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
