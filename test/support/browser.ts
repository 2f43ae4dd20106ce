/**
 * Browser tests drive Debian's Chromium through playwright-core. One browser per test file, one fresh
 * context (cookies, localStorage) per test; every test ends by asserting the page raised no uncaught
 * error and logged no console error other than the 401/403 answers the app expects to get.
 */
import { type Browser, type BrowserContext, type ConsoleMessage, type Locator, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, expect } from "vitest";
import { launchBrowser } from "./chromium.ts";
import type { TestMonitor } from "./test-server.ts";

export { launchBrowser };

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors and unexpected console errors, in the order they happened. */
  errors: string[];
  close(): Promise<void>;
}

/**
 * The browser reports every 4xx resource as a console error. The login probe (401 before logging in),
 * a wrong password (401) and a role refused by the API (403) are answers the app handles, so those are
 * allowed when they come from the API; anything else is a finding.
 */
function isExpectedHttpError(message: ConsoleMessage): boolean {
  if (!/^Failed to load resource: the server responded with a status of (401|403)\b/.test(message.text())) return false;
  return new URL(message.location().url || "about:blank", "http://x").pathname.startsWith("/api/");
}

/** A fresh context on `baseUrl`, with the Dutch time zone the app is written for. */
export async function openSession(browser: Browser, baseUrl: string): Promise<BrowserSession> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width: 1280, height: 900 },
    timezoneId: "Europe/Amsterdam",
    locale: "nl-NL",
  });
  // Locator waits fail within seconds instead of running into the test timeout.
  context.setDefaultTimeout(10_000);
  const errors: string[] = [];
  const page = await context.newPage();
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.stack ?? error.message}`));
  page.on("console", (message) => {
    if (message.type() !== "error" || isExpectedHttpError(message)) return;
    errors.push(`console.error: ${message.text()} (${message.location().url || "no url"})`);
  });
  return { context, page, errors, close: () => context.close() };
}

/** Logs in through the form on the login page, as a user would. */
export async function loginViaForm(page: Page, username: string, password = "demo"): Promise<void> {
  await page.goto("/");
  await page.locator("input[name=username]").fill(username);
  await page.locator("input[name=password]").fill(password);
  await page.locator("button[type=submit]").click();
}

export interface BrowserSuite {
  readonly monitor: TestMonitor;
  readonly page: Page;
}

/**
 * Registers the hooks of a browser test file: one monitor and one browser for the file (started side
 * by side), a fresh context per test, and after each test the assertion that nothing went wrong in the
 * page. Read `monitor` and `page` inside tests and hooks, not at the top level of the file.
 */
export function browserSuite(startMonitor: () => Promise<TestMonitor>): BrowserSuite {
  let monitor: TestMonitor | undefined;
  let browser: Browser | undefined;
  let session: BrowserSession | undefined;

  beforeAll(async () => {
    // allSettled, so a failure of one doesn't leave the other running unclosed.
    const [started, launched] = await Promise.allSettled([startMonitor(), launchBrowser()]);
    if (started.status === "fulfilled") monitor = started.value;
    if (launched.status === "fulfilled") browser = launched.value;
    if (started.status === "rejected") throw started.reason;
    if (launched.status === "rejected") throw launched.reason;
  });
  afterAll(async () => {
    await browser?.close();
    await monitor?.close();
  });
  beforeEach(async () => {
    session = await openSession(browser!, monitor!.url);
  });
  afterEach(async () => {
    const errors = session?.errors ?? [];
    await session?.close();
    session = undefined;
    expect(errors, "errors in the page").toEqual([]);
  });

  return {
    get monitor() {
      if (!monitor) throw new Error("the monitor is not running (read it inside a test or hook)");
      return monitor;
    },
    get page() {
      if (!session) throw new Error("no browser session (read the page inside a test)");
      return session.page;
    },
  };
}

/**
 * How many lines Plot drew under `chart`: paths of its line marks with a length, so an empty
 * `<svg>` or a line without points doesn't count.
 */
export async function drawnLines(chart: Locator): Promise<number> {
  const paths = chart.locator('svg g[aria-label="line"] path');
  await paths.first().waitFor();
  return paths.evaluateAll((elements) => elements.filter((element) => element instanceof SVGPathElement && element.getTotalLength() > 0).length);
}
