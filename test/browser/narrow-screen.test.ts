/**
 * The policy pages on a phone (390 × 844): no sideways scrolling of the page, and every indicator's
 * status in view without scrolling right. Wide tables may scroll inside their own box.
 */
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { browserSuite, loginViaForm } from "../support/browser.ts";
import { startTestMonitor } from "../support/test-server.ts";

const suite = browserSuite(() => startTestMonitor(inject("demoDir")));

const phone = { width: 390, height: 844 };

/** Logs in at phone size and opens `hash`, waiting for `ready` (a test id) to be drawn. */
async function openOnPhone(user: string, hash: string, ready: string): Promise<Page> {
  const { page } = suite;
  await page.setViewportSize(phone);
  await loginViaForm(page, user);
  await page.getByRole("button", { name: /Uitloggen/ }).waitFor();
  await page.goto(`/${hash}`);
  await page.getByTestId(ready).first().waitFor();
  return page;
}

async function pageWidths(page: Page): Promise<{ scrollWidth: number; clientWidth: number }> {
  return page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
}

/**
 * The status badge of every indicator (`within`: the overview's rows or the indicator cards) lies
 * within the viewport's width; above or below the fold is fine.
 */
async function expectStatusesInView(page: Page, within: string, expected: number): Promise<void> {
  const badges = await page.getByTestId(within).getByTestId("status-badge").all();
  expect(badges.length).toBe(expected);
  for (const badge of badges) {
    const box = await badge.boundingBox();
    expect(box, `status ${await badge.getAttribute("data-status")}`).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(phone.width);
  }
}

describe("the policy pages at 390 px", () => {
  it("the overview of every theme: no sideways page scroll, every status in view", async () => {
    const page = await openOnPhone("policy", "#/themes", "overview-row");
    const rows = await page.getByTestId("overview-row").count();
    expect(rows).toBeGreaterThanOrEqual(6);
    const widths = await pageWidths(page);
    expect(widths.scrollWidth).toBeLessThanOrEqual(widths.clientWidth);
    await expectStatusesInView(page, "overview-row", rows);
  });

  it("a theme page with its cards and trend charts", async () => {
    for (const theme of ["air-quality", "noise", "energy"]) {
      const page = await openOnPhone("policy", `#/themes/${theme}`, "theme-indicator");
      await page.getByTestId("trend-chart").locator("svg").first().waitFor();
      const cards = await page.getByTestId("indicator-card").count();
      const widths = await pageWidths(page);
      expect(widths.scrollWidth, theme).toBeLessThanOrEqual(widths.clientWidth);
      await expectStatusesInView(page, "indicator-card", cards);
      await page.getByTestId("demo-badge").waitFor();
      await page.context().clearCookies();
    }
  });

  it("an indicator page with chart, map and ranking", async () => {
    const page = await openOnPhone("policy", "#/indicators/noise-complaints", "ranking-row");
    await page.getByTestId("trend-chart").locator("svg").first().waitFor();
    await page.getByTestId("choropleth").locator("svg path[data-code]").first().waitFor();
    const widths = await pageWidths(page);
    expect(widths.scrollWidth).toBeLessThanOrEqual(widths.clientWidth);
    await expectStatusesInView(page, "indicator-card", 1);
  });

  it("the station list, and the header of a role with more pages", async () => {
    const page = await openOnPhone("permit", "#/stations", "station-link");
    const widths = await pageWidths(page);
    expect(widths.scrollWidth).toBeLessThanOrEqual(widths.clientWidth);
  });
});
