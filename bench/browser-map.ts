/**
 * The building map's figure for the browser bench (bench/browser.ts): the location dossier of the
 * densest buurt's centre, opened as `permit` RUNS times on fresh pages of one logged-in context
 * (after one unmeasured visit), until <mm-building-map> fires its first `mm-map-drawn`. Reported:
 * the canvas draw itself (`data-draw-ms`: projecting and filling every footprint), the time from
 * the navigation start to that event (page, dossier, buildings request and draw), and the map's own
 * share of it: from the start of its /api/v1/buildings request (Resource Timing) to the event.
 */
import type { Browser } from "playwright-core";
import type { Database } from "../src/store/database.ts";

const RUNS = 7;
const TIMEOUT_MS = 30_000;

/** Plain JavaScript run before the app's scripts: the first draw's detail and its in-page time. */
const DRAW_PROBE = `document.addEventListener("mm-map-drawn", (event) => {
  if (window.__mmMap) return;
  const request = performance.getEntriesByType("resource").find((entry) => entry.name.includes("/api/v1/buildings?"));
  window.__mmMap = { ...event.detail, at: performance.now(), requestAt: request ? request.startTime : null };
});`;

interface Drawn {
  buildings: number;
  ms: number;
  at: number;
  /** When the map's buildings request started (null: the draw needed none). */
  requestAt: number | null;
}

function summary(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, max: sorted[sorted.length - 1]!, runs: values };
}

export async function benchBuildingMap(browser: Browser, base: string, db: Database) {
  const [densest] = await db.query(
    "SELECT buurt_code, count(*) AS buildings, avg(lon) AS lon, avg(lat) AS lat FROM main.bag_buildings GROUP BY buurt_code ORDER BY buildings DESC, buurt_code LIMIT 1",
  );
  if (!densest) throw new Error("no BAG buildings in the demo: the bag-buildings pipeline published nothing");
  const url = `/#/locations?lat=${Number(densest.lat).toFixed(5)}&lon=${Number(densest.lon).toFixed(5)}&radius=250`;

  const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 900 }, timezoneId: "Europe/Amsterdam", locale: "nl-NL" });
  context.setDefaultTimeout(TIMEOUT_MS);
  try {
    const login = await context.newPage();
    await login.goto("/");
    await login.locator("input[name=username]").fill("permit");
    await login.locator("input[name=password]").fill("demo");
    await login.locator("button[type=submit]").click();
    await login.waitForURL((target) => target.hash.startsWith("#/establishments"));
    await login.close();

    const draws: Drawn[] = [];
    for (let run = -1; run < RUNS; run++) {
      const page = await context.newPage();
      await page.addInitScript({ content: DRAW_PROBE });
      await page.goto(url, { waitUntil: "commit" });
      const handle = await page.waitForFunction(() => (window as { __mmMap?: Drawn }).__mmMap, undefined, { timeout: TIMEOUT_MS, polling: 50 });
      const drawn = (await handle.jsonValue()) as Drawn;
      await page.close();
      if (drawn.buildings === 0) throw new Error(`${url}: the building map drew no buildings`);
      if (run >= 0) draws.push(drawn);
    }
    return {
      buurt: String(densest.buurt_code),
      buurtBuildings: Number(densest.buildings),
      drawnBuildings: summary(draws.map((d) => d.buildings)).median,
      drawMs: summary(draws.map((d) => d.ms)),
      navigationToDrawnMs: summary(draws.map((d) => Math.round(d.at))),
      buildingsRequestToDrawnMs: summary(draws.map((d) => (d.requestAt === null ? 0 : Math.round(d.at - d.requestAt)))),
      targetMs: 1000,
    };
  } finally {
    await context.close();
  }
}
