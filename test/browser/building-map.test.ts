/**
 * <mm-building-map> on the location dossier of the real monitor: the densest demo buurt's buildings
 * are drawn, a pan by keyboard and a zoom by button each draw again, the map fits a 390 px screen,
 * and no request leaves the monitor's origin (no tiles, no CDN).
 */
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { browserSuite, loginViaForm } from "../support/browser.ts";
import { startTestMonitor } from "../support/test-server.ts";

const suite = browserSuite(() => startTestMonitor(inject("demoDir")));

interface Drawn {
  buildings: number;
  ms: number;
}

/** Collects every `mm-map-drawn` from the start of each document. */
async function recordDraws(page: Page) {
  await page.addInitScript(() => {
    const drawn: Drawn[] = [];
    (window as unknown as { mmDrawn: Drawn[] }).mmDrawn = drawn;
    document.addEventListener("mm-map-drawn", (event) => drawn.push((event as CustomEvent<Drawn>).detail));
  });
}
const draws = (page: Page) => page.evaluate(() => (window as unknown as { mmDrawn: Drawn[] }).mmDrawn.slice());
/** Waits for a draw after the first `after`, returning it. */
async function nextDraw(page: Page, after: number): Promise<Drawn> {
  await page.waitForFunction((n) => (window as unknown as { mmDrawn: Drawn[] }).mmDrawn.length > n, after);
  return (await draws(page)).at(-1)!;
}

async function densestBuurtCentre() {
  const [row] = await suite.monitor.db.query(
    "SELECT avg(lon) AS lon, avg(lat) AS lat, count(*) AS n FROM main.bag_buildings GROUP BY buurt_code ORDER BY n DESC, buurt_code LIMIT 1",
  );
  return { lon: Number(row!.lon).toFixed(5), lat: Number(row!.lat).toFixed(5) };
}

describe("the building map", () => {
  it("draws the buildings around a location, draws again after a pan and a zoom, and asks nothing of another origin", async () => {
    const { page, monitor } = suite;
    const origin = new URL(monitor.url).origin;
    const requests: string[] = [];
    page.on("request", (request) => requests.push(request.url()));
    await recordDraws(page);
    await loginViaForm(page, "permit");
    await page.getByTestId("search-q").waitFor();

    const { lon, lat } = await densestBuurtCentre();
    await page.goto(`/#/locations?lat=${lat}&lon=${lon}&radius=250`);
    const map = page.locator("mm-building-map");
    await map.waitFor();
    await page.waitForFunction(() => (window as unknown as { mmDrawn: Drawn[] }).mmDrawn.some((d) => d.buildings > 0));
    expect(Number(await map.getAttribute("data-drawn-buildings"))).toBeGreaterThan(0);
    expect(Number(await map.getAttribute("data-draw-ms"))).toBeGreaterThanOrEqual(0);
    const canvas = map.locator("canvas");
    expect(await canvas.getAttribute("role")).toBe("img");
    expect(await canvas.getAttribute("aria-label")).toMatch(/\d+ gebouwen in beeld/);
    expect(await map.getByTestId("map-scale").innerText()).toMatch(/^\d+ k?m$/);

    // Pan: an arrow key on the focused map.
    let seen = (await draws(page)).length;
    await canvas.focus();
    await page.keyboard.press("ArrowRight");
    const panned = await nextDraw(page, seen);
    expect(panned.buildings).toBeGreaterThan(0);

    // Zoom: the + button; closer in, fewer buildings fit.
    seen = (await draws(page)).length;
    const before = Number(await map.getAttribute("data-drawn-buildings"));
    await map.getByTestId("map-zoom-in").click();
    const zoomed = await nextDraw(page, seen);
    expect(zoomed.buildings).toBeGreaterThan(0);
    expect(zoomed.buildings).toBeLessThan(before);

    // Far out, the map asks the user to zoom in instead of loading a whole town.
    for (let i = 0; i < 5; i++) {
      seen = (await draws(page)).length;
      await map.getByTestId("map-zoom-out").click();
      await nextDraw(page, seen);
    }
    expect(await map.getByTestId("map-status").innerText()).toContain("Zoom in om de gebouwen te zien");
    expect(Number(await map.getAttribute("data-drawn-buildings"))).toBe(0);

    const buildingRequests = requests.filter((url) => url.includes("/api/v1/buildings"));
    expect(buildingRequests.length).toBeGreaterThan(0);
    expect(requests.filter((url) => new URL(url).origin !== origin)).toEqual([]);
  });

  it("fits a 390 px wide screen", async () => {
    const { page } = suite;
    await page.setViewportSize({ width: 390, height: 844 });
    await recordDraws(page);
    await loginViaForm(page, "permit");
    await page.getByTestId("search-q").waitFor();
    const { lon, lat } = await densestBuurtCentre();
    await page.goto(`/#/locations?lat=${lat}&lon=${lon}&radius=250`);
    await page.waitForFunction(() => (window as unknown as { mmDrawn: Drawn[] }).mmDrawn.some((d) => d.buildings > 0));
    const box = await page.locator("mm-building-map canvas").boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    // The canvas's pixels follow its CSS size times the device pixel ratio.
    const pixels = await page
      .locator("mm-building-map canvas")
      .evaluate((c: HTMLCanvasElement) => ({ width: c.width, css: c.clientWidth, ratio: devicePixelRatio }));
    expect(pixels.width).toBe(Math.round(pixels.css * pixels.ratio));
  });
});
