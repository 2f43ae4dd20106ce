/**
 * What the policy officer waits for in the browser: headless Chromium against a warm in-process
 * monitor on the demo at MM_BENCH_SCALE (default 10), logged in once as `policy`. Measured, RUNS times each on a fresh page of that one context:
 * the overview (`/`, which lands on #/themes), two indicator pages (one without a map, one with map
 * and ranking) and a wijk's area profile (#/areas/{code}) until they are fully drawn; then the JavaScript a first visit downloads for each page,
 * with its gzipped size, and every bundle in the build.
 *
 * Times are the page's own `performance.now()` at the first animation frame in which the page is
 * complete, so they count from the navigation start of that document (its time origin), not from
 * when Playwright got round to asking. "Complete" is checked every frame by a probe injected before
 * the app's scripts run (READY_PROBE below):
 * - nothing anywhere (shadow roots included) is `aria-busy="true"`: every view's and component's
 *   loading state (`renderLoading` in client/src/views/failure-message.ts) carries it, so this holds
 *   once every Task has settled; an element with role="alert" (a failed load) fails the run;
 * - every `<mm-chart-frame>` has drawn its SVG (it draws only once its width is known);
 * - and what the API says the page must show is there, so a view that has not started loading yet
 *   (its module still on its way, a Task still initial) can't pass: on the overview one sparkline
 *   per indicator of /api/v1/themes (with a line for each indicator that has a value) and one
 *   rendered status badge each; on an indicator page a trend chart with a drawn line, the map with
 *   one path per area of /api/v1/areas and one ranking row per area of …/areas — or the "no map"
 *   note for an indicator published for the municipality only.
 *
 * The warm runs reuse the context's HTTP cache (the bundles are immutable), so they are a returning
 * visit; one cold visit per page (a new context with the same session cookie, empty cache) gives the
 * first-load JavaScript and its time as `coldMs`.
 *
 * Last, as `permit`, the building map on the location dossier of the densest buurt (bench/browser-map.ts).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchBrowser } from "../test/support/chromium.ts";
import type { IndicatorSummary, ThemeList } from "../src/ground/contract/contract.ts";
import type { AreaProfile, AreaValues } from "../src/ground/contract/contract-areas.ts";
import { ensureClientBuilt } from "../src/app/client-build.ts";
import { lineLogger } from "../src/ground/logger.ts";
import { loadConfig } from "../src/app/config.ts";
import { benchDatabase, demoAtScale } from "./api.ts";
import { startMonitor } from "../src/app/start-monitor.ts";
import { benchBuildingMap } from "./browser-map.ts";

const RUNS = 7;
const TIMEOUT_MS = 30_000;
const INDICATORS = ["no2-annual-mean", "green-share"] as const;

type Expectation =
  | { kind: "overview"; sparklines: number; drawnSparklines: number }
  | { kind: "indicator"; mapPaths: number | null; rankingRows: number | null }
  | { kind: "profile"; rows: number; badges: number };

type ProbeResult = { ms: number } | { error: string };

/**
 * Plain JavaScript, added as an init script before the app's own scripts: a string rather than a
 * function, since tsx's transform would put helpers into a function that don't exist in the page.
 * `__MM_EXPECT__` is replaced by the page's Expectation as JSON.
 */
const READY_PROBE = `(() => {
  const expected = __MM_EXPECT__;
  const everything = () => {
    const found = [];
    const walk = (root) => {
      for (const element of root.querySelectorAll("*")) {
        found.push(element);
        if (element.shadowRoot) walk(element.shadowRoot);
      }
    };
    walk(document);
    return found;
  };
  const drawnPaths = (root, selector) =>
    root ? [...root.querySelectorAll(selector)].filter((p) => p instanceof SVGGeometryElement && p.getTotalLength() > 0).length : 0;
  const why = (step) => { window.__mmWhy = step; return null; };
  const check = () => {
    const all = everything();
    const alert = all.find((e) => e.getAttribute("role") === "alert");
    if (alert) return { error: alert.textContent.trim().replace(/\\s+/g, " ") };
    if (all.some((e) => e.getAttribute("aria-busy") === "true")) return why(1);
    if (!all.some((e) => e.tagName === "H1")) return why(2);
    const frames = all.filter((e) => e.tagName === "MM-CHART-FRAME");
    if (frames.some((frame) => !frame.shadowRoot || !frame.shadowRoot.querySelector(".plot svg"))) return why(3);
    const byTestId = (id) => all.filter((e) => e.getAttribute("data-testid") === id);
    if (expected.kind === "overview") {
      const sparklines = byTestId("sparkline");
      if (sparklines.length !== expected.sparklines) return why(4);
      if (sparklines.filter((s) => s.querySelector("path")).length !== expected.drawnSparklines) return why(5);
      const badges = all.filter((e) => e.tagName === "MM-STATUS-BADGE");
      if (badges.length !== expected.sparklines) return why(6);
      if (badges.some((b) => !b.shadowRoot || !b.shadowRoot.querySelector("[data-testid=status-badge]"))) return why(7);
    } else if (expected.kind === "profile") {
      if (byTestId("area-indicator").length !== expected.rows) return why(8);
      const badges = all.filter((e) => e.tagName === "MM-STATUS-BADGE");
      const drawn = badges.filter((b) => b.shadowRoot && b.shadowRoot.querySelector("[data-testid=status-badge]"));
      if (drawn.length < expected.badges) return why(9);
    } else {
      const trend = byTestId("trend-chart")[0];
      const trendFrame = trend && trend.querySelector("mm-chart-frame");
      if (!trendFrame || drawnPaths(trendFrame.shadowRoot, 'svg g[aria-label="line"] path') < 1) return why(10);
      if (expected.mapPaths === null) {
        if (byTestId("no-map").length !== 1) return why(11);
      } else {
        const map = byTestId("choropleth")[0];
        const mapFrame = map && map.querySelector("mm-chart-frame");
        if (!mapFrame || mapFrame.shadowRoot.querySelectorAll("svg path[data-code]").length !== expected.mapPaths) return why(12);
      }
      if (byTestId("ranking-row").length !== (expected.rankingRows ?? 0)) return why(13);
    }
    return { ms: performance.now() };
  };
  const tick = () => {
    const result = check();
    if (result) window.__mmReady = result;
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;

/** Opens `url` on `page` and returns the in-page time (ms since navigation start) at which it was complete. */
async function timeToComplete(page: Page, url: string, expected: Expectation): Promise<number> {
  await page.addInitScript({ content: READY_PROBE.replace("__MM_EXPECT__", JSON.stringify(expected)) });
  await page.goto(url, { waitUntil: "commit" });
  // A function, not a string: the app's CSP has no 'unsafe-eval'.
  const handle = await page
    .waitForFunction(() => (window as { __mmReady?: ProbeResult }).__mmReady, undefined, { timeout: TIMEOUT_MS, polling: 50 })
    .catch(async (error: Error) => {
      const step = await page.evaluate(() => (window as { __mmWhy?: number }).__mmWhy).catch(() => undefined);
      throw new Error(
        `${url} was not complete within ${TIMEOUT_MS} ms (expected ${JSON.stringify(expected)}; READY_PROBE's check ${step} of check() not met): ${error.message}`,
      );
    });
  const result = (await handle.jsonValue()) as ProbeResult;
  if ("error" in result) throw new Error(`${url}: the page shows an alert: ${result.error}`);
  return Math.round(result.ms);
}

function summary(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, max: sorted[sorted.length - 1]!, runs: times };
}

const gzipBytes = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;
const kb = (bytes: number) => Number((bytes / 1024).toFixed(1));

/** Every file of the build's assets directory, largest first. */
function bundles(clientDir: string) {
  const dir = path.join(clientDir, "assets");
  return readdirSync(dir)
    .map((file) => ({ file, rawBytes: statSync(path.join(dir, file)).size, gzipBytes: gzipBytes(path.join(dir, file)) }))
    .sort((a, b) => b.rawBytes - a.rawBytes);
}

async function loginCookie(base: string, username: string): Promise<string> {
  const response = await fetch(`${base}/api/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: "demo" }),
  });
  if (!response.ok) throw new Error(`login as ${username}: ${response.status}`);
  return response.headers.get("set-cookie")!.split(";")[0]!;
}

async function getJson<T>(url: string, cookie: string): Promise<T> {
  const response = await fetch(url, { headers: { cookie } });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return (await response.json()) as T;
}

/**
 * Requests every API call the pages make once (which warms the server's caches) and derives from the
 * answers what each page must show when it is complete.
 */
async function warmAndExpect(base: string, cookie: string) {
  await getJson(`${base}/api/v1/session`, cookie);
  const { themes } = await getJson<ThemeList>(`${base}/api/v1/themes`, cookie);
  const indicators = themes.flatMap((theme) => theme.indicators);
  const overview: Expectation = {
    kind: "overview",
    sparklines: indicators.length,
    drawnSparklines: indicators.filter((indicator) => indicator.recent.some((point) => point.value !== null)).length,
  };
  const indicatorPages: Record<string, Expectation> = {};
  for (const id of INDICATORS) {
    const api = `${base}/api/v1/indicators/${id}`;
    const summary = await getJson<IndicatorSummary>(api, cookie);
    await getJson(`${api}/series`, cookie);
    if (summary.breakdown === "stations") await getJson(`${api}/series?by=breakdown`, cookie);
    // The page's map level without ?level=: the coarsest the indicator has (indicator-areas.ts mapLevels).
    const level = summary.lowestLevel === "gemeente" ? null : "wijk";
    if (level === null) {
      indicatorPages[id] = { kind: "indicator", mapPaths: null, rankingRows: null };
      continue;
    }
    const values = await getJson<AreaValues>(`${api}/areas?level=${level}`, cookie);
    const areas = await getJson<{ features: unknown[] }>(`${base}/api/v1/areas?level=${level}`, cookie);
    if (values.period === null || values.areas.length === 0 || areas.features.length === 0) {
      throw new Error(`${id}: no values or boundaries per ${level} in the demo; the page would show no map`);
    }
    indicatorPages[id] = { kind: "indicator", mapPaths: areas.features.length, rankingRows: values.areas.length };
  }
  // The area profile of the first wijk: one row per indicator published per wijk, a badge for each with a status.
  const wijk = (await getJson<{ features: { properties: { code: string } }[] }>(`${base}/api/v1/areas?level=wijk`, cookie)).features[0];
  if (!wijk) throw new Error("no wijken in the demo; there is no area profile to open");
  const profile = await getJson<AreaProfile>(`${base}/api/v1/areas/${wijk.properties.code}/profile`, cookie);
  const profilePage: Expectation = { kind: "profile", rows: profile.indicators.length, badges: profile.indicators.filter((i) => i.status !== null).length };
  return { overview, indicatorPages, profilePage, profileCode: wijk.properties.code };
}

async function newContext(browser: Browser, baseURL: string, storageState?: Awaited<ReturnType<BrowserContext["storageState"]>>) {
  return browser.newContext({ baseURL, viewport: { width: 1280, height: 900 }, timezoneId: "Europe/Amsterdam", locale: "nl-NL", storageState });
}

/**
 * A first visit with an empty HTTP cache (a new context carrying only the session cookie): the
 * JavaScript files the browser downloaded until the page was complete and the network quiet.
 */
async function coldVisit(
  browser: Browser,
  baseURL: string,
  storageState: Awaited<ReturnType<BrowserContext["storageState"]>>,
  clientDir: string,
  url: string,
  expected: Expectation,
) {
  const context = await newContext(browser, baseURL, storageState);
  try {
    const page = await context.newPage();
    const scripts = new Set<string>();
    page.on("response", (response) => {
      const { pathname } = new URL(response.url());
      if (pathname.endsWith(".js") && response.ok()) scripts.add(pathname);
    });
    const coldMs = await timeToComplete(page, url, expected);
    await page.waitForLoadState("networkidle");
    const files = [...scripts].sort().map((pathname) => {
      const file = path.join(clientDir, pathname);
      return { file: pathname, rawBytes: statSync(file).size, gzipBytes: gzipBytes(file) };
    });
    return { coldMs, files, gzipKB: kb(files.reduce((sum, file) => sum + file.gzipBytes, 0)), rawKB: kb(files.reduce((sum, file) => sum + file.rawBytes, 0)) };
  } finally {
    await context.close();
  }
}

/** On the demo at MM_BENCH_SCALE (default 10), in the database the api bench keeps for that scale. */
export async function benchBrowser(scale = Number(process.env.MM_BENCH_SCALE ?? 10)) {
  const demoDir = demoAtScale(scale);
  const db = benchDatabase(scale, demoDir);
  const config = loadConfig({}, { PORT: 0, MM_DB: db.file, MM_DEMO: true, MM_DEMO_DIR: demoDir });
  // As `npm start` does: rebuild dist/client only when it is missing or older than the client sources.
  await ensureClientBuilt(
    config.MM_CLIENT_DIR,
    lineLogger((message) => console.error(message)),
  );
  const monitor = await startMonitor({ config, clock: () => new Date(), log: () => {}, schedule: false, runAtStart: db.fresh });
  let browser: Browser | undefined;
  try {
    await monitor.startupRuns;
    const base = monitor.url;
    const expected = await warmAndExpect(base, await loginCookie(base, "policy"));
    browser = await launchBrowser();

    // Logged in once, through the form as a user would; the context keeps the session cookie.
    const context = await newContext(browser, base);
    context.setDefaultTimeout(TIMEOUT_MS);
    const pageErrors: string[] = [];
    const loginPage = await context.newPage();
    await loginPage.goto("/");
    await loginPage.locator("input[name=username]").fill("policy");
    await loginPage.locator("input[name=password]").fill("demo");
    await loginPage.locator("button[type=submit]").click();
    await loginPage.waitForURL((url) => url.hash === "#/themes");
    await loginPage.close();
    const session = await context.storageState();

    const pages: Array<{ name: string; url: string; expected: Expectation }> = [
      { name: "overview", url: "/", expected: expected.overview },
      ...INDICATORS.map((id) => ({ name: id, url: `/#/indicators/${id}`, expected: expected.indicatorPages[id]! })),
      { name: "areaProfile", url: `/#/areas/${expected.profileCode}`, expected: expected.profilePage },
    ];
    const times: Record<string, number[]> = {};
    // One unmeasured visit per page first, so every measured run finds the same (warm) browser cache.
    for (let run = -1; run < RUNS; run++) {
      for (const { name, url, expected: shown } of pages) {
        const page = await context.newPage();
        page.on("pageerror", (error) => pageErrors.push(`${name}: ${error.message}`));
        const ms = await timeToComplete(page, url, shown);
        if (run >= 0) (times[name] ??= []).push(ms);
        await page.close();
      }
    }
    await context.close();

    const cold: Record<string, Awaited<ReturnType<typeof coldVisit>>> = {};
    for (const { name, url, expected: shown } of pages) cold[name] = await coldVisit(browser, base, session, config.MM_CLIENT_DIR, url, shown);
    const indicatorTimes = INDICATORS.flatMap((id) => times[id]!);
    // The permit officer's building map on the densest buurt (bench/browser-map.ts).
    const buildingMap = await benchBuildingMap(browser, base, monitor.db);
    // The indicator page's first load: the heavier of the two (the map's adds the geo code).
    const indicatorCold = INDICATORS.map((id) => cold[id]!).sort((a, b) => b.gzipKB - a.gzipKB)[0]!;

    return {
      bench: "browser",
      runs: RUNS,
      overviewMs: { ...summary(times.overview!), coldMs: cold.overview!.coldMs },
      indicatorMs: {
        median: summary(indicatorTimes).median,
        max: summary(indicatorTimes).max,
        byIndicator: Object.fromEntries(INDICATORS.map((id) => [id, { ...summary(times[id]!), coldMs: cold[id]!.coldMs }])),
      },
      areaProfileMs: { ...summary(times.areaProfile!), coldMs: cold.areaProfile!.coldMs },
      buildingMapMs: buildingMap,
      firstLoadJsGzipKB: { overview: cold.overview!.gzipKB, indicator: indicatorCold.gzipKB },
      firstLoadJs: Object.fromEntries(pages.map(({ name }) => [name, { rawKB: cold[name]!.rawKB, gzipKB: cold[name]!.gzipKB, files: cold[name]!.files }])),
      targets: { renderMs: 1000, firstLoadJsGzipKB: 250 },
      pageErrors,
      bundles: bundles(config.MM_CLIENT_DIR),
    };
  } finally {
    await browser?.close();
    await monitor.close();
  }
}
