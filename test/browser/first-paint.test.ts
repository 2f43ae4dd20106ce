/**
 * What a page's first screen waits for (issue 22, Lighthouse mobile): an indicator page shows its
 * text while Observable Plot's chunk is still on its way and draws its charts once it arrives; a
 * dossier is asked for beside the session probe (not after it), exactly once, and shows its open
 * items while the building map's code is still on its way. The chunks and the session answer are
 * held back by the test itself, so nothing here depends on how fast the machine is.
 */
import type { Page, Request, Route } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { browserSuite, loginViaForm } from "../support/browser.ts";
import { startTestMonitor } from "../support/test-server.ts";

const suite = browserSuite(() => startTestMonitor(inject("demoDir")));

/** Holds back every request matching `pattern` until `release()`; `seen` resolves at the first one. */
async function holdBack(page: Page, pattern: string | RegExp) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let markSeen!: (request: Request) => void;
  const seen = new Promise<Request>((resolve) => (markSeen = resolve));
  const held: string[] = [];
  await page.route(pattern, async (route: Route) => {
    held.push(route.request().url());
    markSeen(route.request());
    await released;
    await route.continue();
  });
  return { release, seen, held };
}

/** A fresh document at `hash` (a hash change alone would keep the loaded modules). */
async function openFresh(page: Page, hash: string) {
  await page.goto("about:blank");
  await page.goto(`/${hash}`);
}

describe("first paint", () => {
  it("shows an indicator's text before Plot has loaded, and draws its charts once it has", async () => {
    const { page } = suite;
    await loginViaForm(page, "policy");
    await page.getByTestId("status-badge").first().waitFor();
    const plot = await holdBack(page, /\/assets\/plot-[^/]+\.js$/);

    await openFresh(page, "#/indicators/green-share");
    await page.getByRole("heading", { level: 1 }).waitFor();
    await page.locator("p.description").waitFor();
    await plot.seen;
    // Plot is asked for but not there: the page is readable, no chart is drawn yet.
    expect(await page.locator("mm-chart-frame svg").count()).toBe(0);

    plot.release();
    await page.getByTestId("choropleth").locator("svg path").first().waitFor();
    expect(plot.held).toHaveLength(1);
  });

  it("asks for a dossier beside the session probe and once, and shows it before the building map's code arrives", async () => {
    const { page } = suite;
    await loginViaForm(page, "permit");
    await page.getByTestId("search-q").waitFor();
    const id = await page.evaluate(async () => {
      const response = await fetch("/api/v1/establishments?pageSize=1");
      return ((await response.json()) as { items: { id: string }[] }).items[0]!.id;
    });
    const dossierPath = `/api/v1/establishments/${encodeURIComponent(id)}`;
    const dossierRequests: string[] = [];
    page.on("request", (request) => {
      if (new URL(request.url()).pathname === dossierPath) dossierRequests.push(request.method());
    });
    const map = await holdBack(page, /\/assets\/building-map-[^/]+\.js$/);
    // The session answer waits until the dossier has been asked for: were the dossier asked for only
    // after the session, the page would never get further than "loading".
    let dossierAsked!: () => void;
    const asked = new Promise<void>((resolve) => (dossierAsked = resolve));
    page.on("request", (request) => {
      if (new URL(request.url()).pathname === dossierPath) dossierAsked();
    });
    await page.route("**/api/v1/session", async (route) => {
      await asked;
      await route.continue();
    });

    await openFresh(page, `#/establishments/${encodeURIComponent(id)}`);
    await page.getByTestId("dossier-title").waitFor();
    await page.getByTestId("open-items").waitFor();
    await page.locator("#permits-title").waitFor();
    await map.seen;
    expect(await page.evaluate(() => customElements.get("mm-building-map") === undefined)).toBe(true);

    map.release();
    await page.locator("mm-building-map[data-drawn-buildings]").waitFor();
    expect(dossierRequests).toEqual(["GET"]);
  });
});
