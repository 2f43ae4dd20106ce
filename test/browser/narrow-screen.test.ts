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

/**
 * The elements that reach past the phone's right edge outside any box that scrolls or clips them (a
 * wide table in its own scrolling box is fine), by test id, else tag and class: names the culprit
 * when a page scrolls sideways.
 */
async function widerThanPhone(page: Page): Promise<string[]> {
  return page.evaluate((width) => {
    const clipped = (element: Element): boolean => {
      for (let at: Element | null = element.parentElement ?? (element.getRootNode() as ShadowRoot).host ?? null; at;) {
        if (getComputedStyle(at).overflowX !== "visible") return true;
        at = at.parentElement ?? (at.getRootNode() as ShadowRoot).host ?? null;
      }
      return false;
    };
    const found: string[] = [];
    const visit = (root: Document | ShadowRoot) => {
      for (const element of root.querySelectorAll("*")) {
        const box = element.getBoundingClientRect();
        if (box.right > width + 0.5 && box.width > 0 && !clipped(element))
          found.push(
            `${(element.getRootNode() as ShadowRoot).host?.tagName.toLowerCase() ?? "document"} ${element.getAttribute("data-testid") ?? element.tagName.toLowerCase()} (${Math.round(box.right)} px) "${(element.textContent ?? "").trim().slice(0, 40)}"`,
          );
        if (element.shadowRoot) visit(element.shadowRoot);
      }
    };
    visit(document);
    return found.slice(0, 8);
  }, phone.width);
}

async function expectNoSidewaysScroll(page: Page, what: string): Promise<void> {
  const widths = await pageWidths(page);
  // Soft: one run names the culprits of every page, not only the first.
  expect.soft(widths.scrollWidth, `${what}: ${(await widerThanPhone(page)).join(", ")}`).toBeLessThanOrEqual(phone.width);
}

describe("the permit officer's pages at 390 px", () => {
  it("folds the navigation behind a menu button that opens, is followed and closes again", async () => {
    const page = await openOnPhone("permit", "#/stations", "station-link");
    await expectNoSidewaysScroll(page, "header");
    const toggle = page.getByTestId("menu-toggle");
    expect(await toggle.getAttribute("aria-expanded")).toBe("false");
    expect(await page.getByTestId("nav-establishments").isVisible()).toBe(false);
    // By keyboard: focus the button, open it with Enter, Tab to the first link.
    await toggle.focus();
    await page.keyboard.press("Enter");
    expect(await toggle.getAttribute("aria-expanded")).toBe("true");
    await page.getByTestId("nav-establishments").waitFor({ state: "visible" });
    await expectNoSidewaysScroll(page, "open menu");
    await page.keyboard.press("Escape");
    expect(await toggle.getAttribute("aria-expanded")).toBe("false");
    await toggle.click();
    await page.getByTestId("nav-establishments").click();
    await page.waitForURL((url) => url.hash.startsWith("#/establishments"));
    await page.getByTestId("search-q").waitFor();
    expect(await toggle.getAttribute("aria-expanded")).toBe("false");
  });

  it("the establishment search, a dossier and the location dossier: no sideways page scroll", async () => {
    const page = await openOnPhone("permit", "#/establishments", "search-q");
    await expectNoSidewaysScroll(page, "establishment search");
    const first = await page.evaluate(async () => {
      const response = await fetch("/api/v1/establishments?pageSize=1&page=3");
      return ((await response.json()) as { items: { id: string; lat: number; lon: number }[] }).items[0]!;
    });

    await page.goto(`/#/establishments/${first.id}`);
    await page.getByTestId("dossier-title").waitFor();
    await page.getByTestId("nearby-summary").waitFor();
    await page.locator('[data-testid="norm-chart-365d"] svg').first().waitFor();
    await expectNoSidewaysScroll(page, "establishment dossier");

    await page.goto(`/#/locations?lat=${first.lat}&lon=${first.lon}`);
    await page.getByTestId("location-title").waitFor();
    await page.getByTestId("nearby-summary").waitFor();
    await page.locator('[data-testid="norm-chart-365d"] svg').first().waitFor();
    await expectNoSidewaysScroll(page, "location dossier");
  });
});
