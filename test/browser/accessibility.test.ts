/**
 * WCAG 2.1 AA in Chromium: axe-core (injected from node_modules, nothing fetched) on the policy
 * overview (filtered too), an indicator page (its map by value and by status), an area profile and
 * the API page, failing on any serious or critical violation; and the way from the login form to an
 * indicator by keyboard alone.
 */
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { browserSuite, loginViaForm } from "../support/browser.ts";
import { startTestMonitor } from "../support/test-server.ts";
import { seriousViolations } from "../support/axe.ts";

const suite = browserSuite(() => startTestMonitor(inject("demoDir")));
/** The focused element, looking through shadow roots. */
const focused = (page: Page) =>
  page.evaluate(() => {
    let element = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    return { tag: element?.tagName.toLowerCase() ?? "", href: element?.getAttribute("href") ?? null, text: element?.textContent?.trim() ?? "" };
  });

async function openOverview(page: Page) {
  await loginViaForm(page, "policy");
  await page.getByTestId("status-badge").first().waitFor();
  await page.getByTestId("sparkline").first().waitFor();
}

describe("accessibility", () => {
  it("has no serious or critical axe violations on the overview", async () => {
    const { page } = suite;
    await openOverview(page);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("has no serious or critical axe violations on an indicator page with chart, map and ranking", async () => {
    const { page } = suite;
    await openOverview(page);
    await page.goto("/#/indicators/green-share");
    await page.getByTestId("choropleth").locator("svg path").first().waitFor();
    await page.getByTestId("ranking").locator("tbody tr").first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("has no serious or critical axe violations on a map coloured by status, an area profile and the filtered overview", async () => {
    const { page } = suite;
    await openOverview(page);
    await page.goto("/#/indicators/noise-complaints?level=buurt");
    await page.getByTestId("colour-by").getByRole("radio", { name: "status" }).check();
    await page.locator('[data-testid="choropleth"][data-colour-by="status"] svg path').first().waitFor();
    await page.getByTestId("ranking").locator("tbody tr").first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    const code = await page.getByTestId("ranking-row").first().getAttribute("data-code");
    await page.goto(`/#/areas/${code}`);
    await page.getByTestId("area-indicator").first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto("/#/themes?status=off-track&sort=gap");
    await page.getByTestId("overview-filter").waitFor();
    await page.getByTestId("off-track-area").first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("has no serious or critical axe violations on an establishment dossier and a location dossier, with air quality nearby", async () => {
    const { page } = suite;
    await loginViaForm(page, "permit");
    await page.getByTestId("search-q").waitFor();
    const first = await page.evaluate(async () => {
      const response = await fetch("/api/v1/establishments?pageSize=1&page=3");
      return ((await response.json()) as { items: { id: string; lat: number; lon: number }[] }).items[0]!;
    });
    await page.goto(`/#/establishments/${first.id}`);
    await page.getByTestId("nearby-summary").waitFor();
    await page.locator('[data-testid="norm-chart-365d"] svg').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`/#/locations?lat=${first.lat}&lon=${first.lon}`);
    await page.getByTestId("location-title").waitFor();
    await page.getByTestId("nearby-summary").waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    // The nearby measurements on a phone, where their tables scroll in their own (focusable) box.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId("nearby-measurement").first().waitFor();
    const nearby = await seriousViolations(page);
    expect(nearby.filter((line) => line.includes("mm-nearby-measurements"))).toEqual([]);
    // And the header's menu, open, on a page of the permit officer's own.
    await page.goto("/#/stations");
    await page.getByTestId("station-link").first().waitFor();
    await page.getByTestId("menu-toggle").click();
    await page.getByTestId("nav-establishments").waitFor({ state: "visible" });
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("has no serious or critical axe violations on the API page", async () => {
    const { page } = suite;
    await openOverview(page);
    await page.goto("/#/api");
    await page.getByTestId("api-parameter").first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("takes a keyboard user from the login form to an indicator page", async () => {
    const { page } = suite;
    await page.goto("/");
    await page.locator("input[name=username]").waitFor();
    await page.locator("input[name=username]").focus();
    await page.keyboard.type("policy");
    await page.keyboard.press("Tab");
    await page.keyboard.type("demo");
    await page.keyboard.press("Enter");
    await page.getByTestId("status-badge").first().waitFor();

    // Tab through the page until an indicator link has the focus.
    let target: Awaited<ReturnType<typeof focused>> | undefined;
    for (let i = 0; i < 60 && !target; i++) {
      await page.keyboard.press("Tab");
      const now = await focused(page);
      if (now.href?.startsWith("#/indicators/")) target = now;
    }
    expect(target, "an indicator link reachable with Tab").toBeDefined();
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.hash === target!.href);
    await page.getByRole("heading", { level: 1 }).waitFor();
  });
});
