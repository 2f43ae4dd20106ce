/** The permit officer in the browser: stations and their detail, a failed login, and logging out. */
import { describe, expect, inject, it } from "vitest";
import { browserSuite, drawnLines, loginViaForm } from "../support/browser.ts";
import { TEST_DEMO } from "../support/global-setup.ts";
import { startTestMonitor } from "../support/test-server.ts";

const suite = browserSuite(() => startTestMonitor(inject("demoDir")));

describe("permit officer", () => {
  it("goes from the station list to a station with a drawn hourly chart and an exceedance table", async () => {
    const { page } = suite;
    await loginViaForm(page, "permit");
    await page.getByRole("heading", { level: 1, name: "Meetstations" }).waitFor();
    expect(page.url()).toMatch(/#\/stations$/);
    expect(await page.getByTestId("nav-stations").isVisible()).toBe(true);

    const links = page.getByTestId("station-link");
    await links.first().waitFor();
    expect(await links.count()).toBe(TEST_DEMO.stations);
    const link = links.first();
    const name = (await link.innerText()).trim();
    const href = await link.getAttribute("href");
    expect(href).toMatch(/^#\/stations\/[A-Z]{2}\d{5}$/);
    await link.click();

    await page.waitForURL((url) => url.hash === href);
    await page.getByRole("heading", { level: 1, name: `Meetstation ${name}` }).waitFor();
    const hourly = page.getByTestId("hourly-chart");
    await hourly.waitFor();
    expect(await hourly.evaluate((element) => element.tagName)).toBe("FIGURE");
    expect(await hourly.locator('svg[class^="plot"]').count()).toBeGreaterThanOrEqual(1);
    expect(await drawnLines(hourly)).toBeGreaterThanOrEqual(1);
    expect((await hourly.getByTestId("chart-summary").innerText()).trim()).not.toBe("");

    const exceedances = page.getByTestId("exceedance-table");
    await exceedances.waitFor();
    // Data rows name a pollutant in a row header; the "none computed" row has none.
    expect(await exceedances.locator("tbody tr").count()).toBeGreaterThanOrEqual(1);
    expect(await exceedances.locator("tbody tr th[scope=row]").count()).toBeGreaterThanOrEqual(1);
    expect(await page.getByTestId("forbidden").count()).toBe(0);
  });

  it("shows the login error for a wrong password and stays on the login form", async () => {
    const { page } = suite;
    await loginViaForm(page, "permit", "not-the-password");
    const error = page.getByTestId("login-error");
    await error.waitFor();
    expect(await error.getAttribute("role")).toBe("alert");
    expect((await error.innerText()).trim()).toBe("Onjuiste gebruikersnaam of wachtwoord");
    expect(await page.locator("input[name=username]").isVisible()).toBe(true);
    expect(await page.locator("button[type=submit]").isEnabled()).toBe(true);
    expect(await page.getByTestId("logout").count()).toBe(0);
    expect(await page.getByTestId("station-link").count()).toBe(0);
  });

  it("logs out back to the login form, and the session stays ended after a reload", async () => {
    const { page } = suite;
    await loginViaForm(page, "permit");
    await page.getByTestId("station-link").first().waitFor();

    await page.getByTestId("logout").click();
    await page.locator("input[name=username]").waitFor();
    expect(page.url()).toMatch(/#\/login$/);
    expect(await page.getByTestId("logout").count()).toBe(0);
    expect(await page.getByTestId("nav-stations").count()).toBe(0);
    expect(await page.getByTestId("station-link").count()).toBe(0);

    await page.reload();
    await page.locator("input[name=username]").waitFor();
    expect(await page.getByTestId("logout").count()).toBe(0);
  });
});
