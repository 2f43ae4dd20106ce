/**
 * The policy officer on the air-quality theme: the stations against the limit values, those failing a
 * 2030 value listed first and marked in words, a map of the stations by verdict, limit values (law)
 * and the WHO guideline (advice) told apart in the legend, a year picker, and all of it at 390 px.
 */
import { describe, expect, inject, it } from "vitest";
import type { AirCompliance } from "../../src/ground/contract/contract-air.ts";
import { browserSuite, loginViaForm } from "../support/browser.ts";
import { login, startTestMonitor } from "../support/test-server.ts";

const suite = browserSuite(() => startTestMonitor(inject("demoDir")));

/** Logs in as policy at phone width and opens the air-quality theme until its station table shows. */
async function openAirTheme() {
  const { page } = suite;
  await page.setViewportSize({ width: 390, height: 844 });
  await loginViaForm(page, "policy");
  await page.getByRole("heading", { level: 1, name: "Thema's en doelen" }).waitFor();
  await page.goto("/#/themes/air-quality");
  const section = page.getByTestId("air-compliance");
  await section.getByTestId("air-table").waitFor();
  return { page, section };
}

async function compliance(query = ""): Promise<AirCompliance> {
  const { cookie } = await login(suite.monitor.url, "policy");
  const response = await fetch(`${suite.monitor.url}/api/v1/air-quality/compliance${query}`, { headers: { cookie } });
  expect(response.status).toBe(200);
  return (await response.json()) as AirCompliance;
}

describe("air quality against the 2030 limit values, as policy", () => {
  it("lists the stations above the 2030 NO₂ value first, on the map and in the table", async () => {
    const { page, section } = await openAirTheme();

    const expected = await compliance();
    const aboveNo2 = expected.stations.filter((s) =>
      s.components.some((c) => c.formula === "NO2" && c.standards.some((v) => v.id === "eu-2030" && v.complies === false)),
    );
    expect(aboveNo2.map((s) => s.number)).toContain("NL99001");

    // The table's first rows are the failing stations, each marked in words, not colour alone.
    const shownOrder = await section.getByTestId("air-row").evaluateAll((rows) => [...new Set(rows.map((r) => r.getAttribute("data-station")))]);
    const failing = expected.stations.filter((s) => s.failsEu2030).map((s) => s.number);
    expect(shownOrder.slice(0, failing.length)).toEqual(failing);
    for (const station of aboveNo2) {
      const row = section.locator(`[data-testid=air-row][data-station=${station.number}][data-formula=NO2]`);
      await expect(row.locator("[data-standard=eu-2030]").textContent()).resolves.toContain("voldoet niet");
      await expect(row.locator("[data-standard=eu-current]").textContent()).resolves.toContain("voldoet");
      await expect(row.getByTestId("fails-2030").textContent()).resolves.toBe("haalt 2030 niet");
    }
    await expect(section.getByTestId("air-summary").textContent()).resolves.toContain(aboveNo2[0]!.name);

    // The map draws every station; its caption counts them by verdict.
    await section.getByTestId("air-map").locator("svg").first().waitFor();
    await expect(section.getByTestId("air-map-summary").textContent()).resolves.toContain(`${expected.stations.length} meetstations`);

    // Law and advice are two kinds of line, and the legend says which is which.
    const legend = section.getByTestId("air-chart-legend");
    await expect(legend.locator("[data-kind=limit]").textContent()).resolves.toContain("wettelijke grenswaarde");
    await expect(legend.locator("[data-kind=guideline]").textContent()).resolves.toContain("geen wet");
    const dashes = await section
      .getByTestId("air-chart")
      .locator("g.mm-standard-limit, g.mm-standard-guideline")
      .evaluateAll((groups) => groups.map((g) => [g.getAttribute("class"), g.getAttribute("stroke-dasharray")]));
    expect(dashes.filter(([kind]) => kind?.includes("limit")).every(([, dash]) => dash === null || dash === "none")).toBe(true);
    expect(dashes.filter(([kind]) => kind?.includes("guideline")).map(([, dash]) => dash)).toEqual(["1.5 3"]);

    // Nothing sticks out sideways at 390 px: the table scrolls in its own box.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });

  it("draws the norms in the NO₂ trend the same way: EU limit values solid, the WHO guideline dotted, named law and advice", async () => {
    const { page, section } = await openAirTheme();
    const trend = page.locator("[data-testid=trend-chart][data-indicator=no2-annual-mean]");
    // "attached", not "visible": a horizontal rule's box is zero high, which Playwright counts as hidden.
    await trend.locator("svg g.mm-norm-guideline").first().waitFor({ state: "attached" });
    const lines = async (chart: typeof trend, selector: string) =>
      chart.locator(selector).evaluateAll((groups) => groups.map((g) => [g.getAttribute("stroke"), g.getAttribute("stroke-dasharray") ?? "none"]));
    const limits = await lines(trend, "svg g.mm-norm-limit");
    const guidelines = await lines(trend, "svg g.mm-norm-guideline");
    // NO₂: the EU value in force and the 2030 one, and the WHO guideline.
    expect(limits).toHaveLength(2);
    expect(guidelines).toHaveLength(1);
    const [guideStroke, guideDash] = guidelines[0]!;
    for (const [stroke, dash] of limits) {
      expect(dash).toBe("none");
      expect(guideDash).not.toBe(dash);
      expect(guideStroke).not.toBe(stroke);
    }
    const key = trend.getByTestId("norm-key");
    await expect(key.and(page.locator("[data-norm-kind=limit]")).textContent()).resolves.toContain("EU-grenswaarde (wet)");
    await expect(key.and(page.locator("[data-norm-kind=guideline]")).textContent()).resolves.toContain("WHO-advieswaarde (advies)");

    // The compliance chart's WHO line is the trend's: one rule for every chart.
    await section.getByTestId("air-chart").locator("g.mm-standard-guideline").waitFor({ state: "attached" });
    const airGuideline = await lines(section.getByTestId("air-chart"), "g.mm-standard-guideline");
    expect(airGuideline).toEqual(guidelines);
  });

  it("switches the year with the picker", async () => {
    const { section } = await openAirTheme();
    const earlier = await compliance("?year=2022");
    await section.getByTestId("air-year").selectOption("2022");
    await expect.poll(() => section.getByTestId("air-year").inputValue()).toBe("2022");
    await expect.poll(() => section.getByTestId("air-table").getAttribute("data-year")).toBe("2022");
    const firstRow = await section.getByTestId("air-row").first().getAttribute("data-station");
    expect(firstRow).toBe(earlier.stations[0]!.number);
  });
});
