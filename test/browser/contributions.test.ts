/**
 * Why an indicator moved, in the browser as the policy officer: CO₂ emissions' parts by sector
 * stacked over the years, and the contributions by sector, whose shown parts add up to the shown
 * change, for the default periods and after choosing others; usable on a 390 px wide phone.
 */
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { browserSuite, loginViaForm } from "../support/browser.ts";
import { startTestMonitor } from "../support/test-server.ts";

const suite = browserSuite(() => startTestMonitor(inject("demoDir")));

/** A number as the Dutch page writes it: "+1.234,5", "−60,1" or "-60,1". */
function dutchNumber(text: string): number {
  const cleaned = text
    .trim()
    .replace(/\u2212/g, "-")
    .replace(/\./g, "")
    .replace(",", ".");
  const value = Number(cleaned);
  if (!Number.isFinite(value)) throw new Error(`not a number: ${JSON.stringify(text)}`);
  return value;
}

async function openCo2(page: Page): Promise<void> {
  await loginViaForm(page, "policy");
  await page.getByRole("heading", { level: 1, name: "Thema's en doelen" }).waitFor();
  await page.goto("/#/indicators/co2-emissions");
  await page.getByTestId("why-sentence").waitFor();
}

/** The parts, the change and the start and end values as the table shows them. */
async function shownTable(page: Page) {
  const why = page.getByTestId("why");
  await why.getByTestId("why-details").evaluate((details) => ((details as HTMLDetailsElement).open = true));
  const contributions = await why.getByTestId("why-contribution").allInnerTexts();
  return {
    parts: contributions.map(dutchNumber),
    change: dutchNumber(await why.getByTestId("why-change").innerText()),
    start: dutchNumber(await why.getByTestId("why-start").innerText()),
    end: dutchNumber(await why.getByTestId("why-end").innerText()),
    residual: (await why.getByTestId("why-residual").count()) > 0,
  };
}

const sum = (values: number[]) => values.reduce((s, v) => s + v, 0);

describe("why CO₂ emissions moved, as the policy officer", () => {
  it("shows the sectors stacked over the years, with a legend and a table", async () => {
    const { page } = suite;
    await openCo2(page);
    const stack = page.getByTestId("parts-stack");
    await stack.locator("svg").first().waitFor();
    expect(await stack.getAttribute("data-by")).toBe("sector");
    // Plot's legend of swatches names every sector.
    await stack.locator("mm-chart-frame").getByText("Industrie", { exact: true }).first().waitFor();
    await stack.locator("details.table-alt summary").click();
    const header = await stack.getByTestId("parts-table").locator("thead th").allInnerTexts();
    expect(header).toHaveLength(1 + 6 + 1);
  });

  it("shows parts by sector that add up to the change shown, for the default periods and for periods chosen", async () => {
    const { page } = suite;
    await openCo2(page);
    const why = page.getByTestId("why");
    const sentence = await why.getByTestId("why-sentence").innerText();
    expect(sentence).toMatch(/^CO2-uitstoot daalde [\d.,]+ kton van 2015 tot \d{4}; /);
    expect(sentence).toMatch(/nog [\d.,]+ kton te gaan tot 2030$/);
    await why.getByTestId("waterfall").locator("svg").first().waitFor();

    const first = await shownTable(page);
    expect(first.parts).toHaveLength(6);
    // Each part is shown to 0.01 kton: six of them can round apart by at most 6 × 0.005.
    expect(Math.abs(sum(first.parts) - first.change)).toBeLessThanOrEqual(0.03 + 1e-9);
    expect(first.residual).toBe(false);
    expect(first.end - first.start).toBeCloseTo(first.change, 1);

    await why.getByTestId("why-from").selectOption("2018");
    await why.getByTestId("why-to").selectOption("2021");
    await expect.poll(async () => await why.getByTestId("why-sentence").innerText()).toMatch(/van 2018 tot 2021/);
    const chosen = await shownTable(page);
    expect(Math.abs(sum(chosen.parts) - chosen.change)).toBeLessThanOrEqual(0.03 + 1e-9);
    expect(chosen.change).not.toBe(first.change);
  });

  it("fits a 390 px wide screen", async () => {
    const { page } = suite;
    await page.setViewportSize({ width: 390, height: 844 });
    await openCo2(page);
    await page.getByTestId("why").getByTestId("waterfall").locator("svg").first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const box = await page.getByTestId("why").boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
  });
});
