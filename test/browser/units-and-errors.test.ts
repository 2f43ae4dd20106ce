/**
 * Words and numbers in the UI's language: units translated (the English UI says "complaints", the
 * API's "klachten" is a code), forecasts of counts as whole numbers, and failed requests described in
 * Dutch in the Dutch UI — never the browser's "Failed to fetch" or a proxy's "Bad Gateway".
 */
import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import type { IndicatorSummary } from "../../src/ground/contract/contract.ts";
import { launchBrowser, loginViaForm, openSession, type BrowserSession } from "../support/browser.ts";
import { login, startTestMonitor, type TestMonitor } from "../support/test-server.ts";

let monitor: TestMonitor | undefined;
let browser: Browser | undefined;
let session: BrowserSession | undefined;
/** Console errors the test itself causes (an aborted request, a 502): the rest must stay empty. */
let expectedConsoleErrors: RegExp | null = null;

beforeAll(async () => {
  const [started, launched] = await Promise.allSettled([startTestMonitor(inject("demoDir")), launchBrowser()]);
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
  expectedConsoleErrors = null;
});
afterEach(async () => {
  const errors = (session?.errors ?? []).filter((error) => !(expectedConsoleErrors && expectedConsoleErrors.test(error)));
  await session?.close();
  expect(errors, "errors in the page").toEqual([]);
});

async function noiseComplaints(): Promise<IndicatorSummary> {
  const { cookie } = await login(monitor!.url, "policy");
  const response = await fetch(`${monitor!.url}/api/v1/indicators/noise-complaints`, { headers: { cookie } });
  return (await response.json()) as IndicatorSummary;
}

describe("units and counts", () => {
  it("shows noise complaints as 'complaints' in English, with a whole-number forecast and interval", async () => {
    const indicator = await noiseComplaints();
    expect(indicator.unit).toBe("klachten");
    const forecast = indicator.status.forecast!;
    expect(forecast).not.toBeNull();

    const { page } = session!;
    await page.goto("/");
    await page.evaluate(() => localStorage.setItem("mm-lang", "en"));
    await loginViaForm(page, "policy");
    await page.getByTestId("overview-row").first().waitFor();
    await page.goto("/#/indicators/noise-complaints");
    const card = page.getByTestId("indicator-card");
    await card.getByTestId("forecast").waitFor();

    const value = (await card.locator(".value").innerText()).trim();
    expect(value).toMatch(/(^|\n)\d+ complaints? \(\d{4}\)$/);
    expect(await card.getByTestId("target").innerText()).toContain("80 complaints in 2030");
    expect((await card.getByTestId("forecast").innerText()).trim()).toBe(
      `forecast ${forecast.year}: ${Math.round(forecast.value)} (${Math.round(forecast.low)}–${Math.round(forecast.high)})`,
    );
    if (indicator.status.pace) expect(await card.getByTestId("pace").innerText()).toMatch(/^pace per year: needed [+-]?\d+, achieved [+-]?\d+ complaints$/);
    const caption = await page.getByTestId("chart-summary").first().innerText();
    expect(caption).toContain("complaints");
    expect(caption).toContain(`forecast for ${forecast.year}: ${Math.round(forecast.value)} complaints`);
    expect(await page.locator("mm-app").innerText()).not.toMatch(/klacht/i);
  });

  it("shows the same forecast in Dutch with whole numbers and 'klachten'", async () => {
    const forecast = (await noiseComplaints()).status.forecast!;
    const { page } = session!;
    await loginViaForm(page, "policy");
    await page.getByTestId("overview-row").first().waitFor();
    await page.goto("/#/indicators/noise-complaints");
    const card = page.getByTestId("indicator-card");
    await card.getByTestId("forecast").waitFor();
    expect((await card.getByTestId("forecast").innerText()).trim()).toBe(
      `prognose ${forecast.year}: ${Math.round(forecast.value)} (${Math.round(forecast.low)}–${Math.round(forecast.high)})`,
    );
    expect(await card.getByTestId("target").innerText()).toContain("80 klachten in 2030");
  });
});

describe("failed requests in the Dutch UI", () => {
  async function logIn(): Promise<void> {
    await loginViaForm(session!.page, "policy");
    await session!.page.getByTestId("overview-row").first().waitFor();
  }

  /** Opens the overview again (logged in) with the theme list answered by `answer`. */
  async function overviewWith(answer: Parameters<BrowserSession["page"]["route"]>[1]): Promise<string> {
    const { page } = session!;
    await page.unroute("**/api/v1/themes");
    await page.route("**/api/v1/themes", answer);
    await page.reload();
    const alert = page.getByTestId("load-error");
    await alert.waitFor();
    return (await alert.innerText()).trim();
  }

  const english = /failed to fetch|network|bad gateway|gateway timeout|unexpected token|json|error/i;

  it("says the server cannot be reached when the request fails in the network", async () => {
    expectedConsoleErrors = /Failed to load resource: net::ERR_FAILED/;
    await logIn();
    const text = await overviewWith((route) => route.abort("failed"));
    expect(text).toContain("Er ging iets mis: de server is niet bereikbaar.");
    expect(text).toContain("Opnieuw proberen");
    expect(text).not.toMatch(english);
  });

  it("says the server is unavailable for a proxy's 502 or 504 page, without its English status line", async () => {
    expectedConsoleErrors = /Failed to load resource: the server responded with a status of 50[24]/;
    await logIn();
    for (const status of [502, 504]) {
      const text = await overviewWith((route) => route.fulfill({ status, contentType: "text/html", body: "<html><body>Bad Gateway</body></html>" }));
      expect(text).toContain(`de server is tijdelijk niet beschikbaar (status ${status})`);
      expect(text).not.toMatch(english);
    }
  });

  it("says the answer could not be read when it is not JSON", async () => {
    await logIn();
    const text = await overviewWith((route) => route.fulfill({ status: 200, contentType: "application/json", body: "<html>not json</html>" }));
    expect(text).toContain("het antwoord van de server kon niet worden gelezen");
    expect(text).not.toMatch(english);
  });
});
