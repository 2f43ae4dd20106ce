/**
 * Alerts in the browser: the header's badge counts the open alerts the role may see, and the alerts
 * page lists them (kind in words, subject linking to its page, message in the UI language); a
 * policy officer never sees a station or pipeline alert there.
 */
import { describe, expect, inject, it } from "vitest";
import { browserSuite, loginViaForm } from "../support/browser.ts";
import { startTestMonitor } from "../support/test-server.ts";

// Without a webhook (test/integration/alerts.test.ts has one): alerts are stored and listed all the same.
const suite = browserSuite(async () => {
  const monitor = await startTestMonitor(inject("demoDir"));
  await monitor.alerts.idle();
  return monitor;
});

const openOf = async (kinds: string[]) =>
  (await suite.monitor.db.query("SELECT kind, subject, message_nl, message_en FROM meta.alerts WHERE resolved_at IS NULL ORDER BY alert_id")).filter((a) =>
    kinds.includes(String(a.kind)),
  );

describe("alerts", () => {
  it("shows the policy officer a badge with the open indicator alerts and lists them", async () => {
    const { page } = suite;
    const open = await openOf(["indicator-off-track"]);
    // The test demo has off-track indicators (test/integration/alerts.test.ts checks them one by one).
    expect(open.length).toBeGreaterThan(0);
    await loginViaForm(page, "policy");
    const badge = page.getByTestId("nav-alerts").getByTestId("alert-count");
    await badge.waitFor();
    expect(await badge.innerText()).toBe(String(open.length));

    await page.getByTestId("nav-alerts").click();
    await page.getByRole("heading", { level: 1, name: "Meldingen" }).waitFor();
    expect(await page.getByTestId("nav-alerts").getAttribute("aria-current")).toBe("page");
    const rows = page.getByTestId("open-alerts").getByTestId("alert-row");
    await rows.first().waitFor();
    expect(await rows.count()).toBe(open.length);
    expect(new Set(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-kind"))))).toEqual(new Set(["indicator-off-track"]));
    const first = rows.first();
    expect(await first.innerText()).toContain("Indicator niet op koers");
    const subject = await first.getByTestId("alert-subject").innerText();
    const stored = open.find((a) => a.subject === subject);
    expect(await first.innerText()).toContain(String(stored?.message_nl));
    const href = await first.getByTestId("alert-subject").getAttribute("href");
    expect(href).toMatch(/^#\/indicators\/[a-z0-9-]+$/);

    await page.getByTestId("lang-toggle").getByRole("button", { name: "EN" }).click();
    await page.getByRole("heading", { level: 1, name: "Alerts" }).waitFor();
    expect(await first.innerText()).toContain("Indicator off track");
    expect(await first.innerText()).toContain(String(stored?.message_en));

    await first.getByTestId("alert-subject").click();
    await page.waitForURL((url) => url.hash === href);
  });

  it("lists a station alert for the permit officer, linking to the station", async () => {
    const { page } = suite;
    const open = await openOf(["indicator-off-track", "station-24h"]);
    const station = open.find((a) => a.kind === "station-24h");
    // The test demo's NL99002 has a last PM2.5 day above the EU 24-hour value.
    expect(station?.subject).toBe("NL99002/PM25");
    await loginViaForm(page, "permit");
    await page
      .getByTestId("nav-alerts")
      .getByTestId("alert-count")
      .filter({ hasText: String(open.length) })
      .waitFor();
    await page.goto("/#/alerts");
    const row = page.locator('[data-testid="alert-row"][data-kind="station-24h"]');
    await row.waitFor();
    expect(await row.getByTestId("alert-subject").innerText()).toBe("NL99002 · PM25");
    expect(await row.getByTestId("alert-subject").getAttribute("href")).toBe("#/stations/NL99002");
    expect(await row.innerText()).toContain("Boven EU-daggrenswaarde");
  });
});
