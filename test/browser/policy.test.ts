/**
 * The policy officer in the browser: the overview of six themes, a theme page as a printable report,
 * an indicator page with chart, forecast, map, ranking and provenance, permalinks, the language
 * switch, suppressed cells, and no station data.
 */
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { browserSuite, drawnLines, loginViaForm } from "../support/browser.ts";
import { login, startTestMonitor } from "../support/test-server.ts";

const suite = browserSuite(() => startTestMonitor(inject("demoDir")));

/** The words a status badge must show, so the status doesn't rest on colour alone. */
const statusWords = {
  nl: { achieved: "behaald", "on-track": "op koers", "at-risk": "risico", "off-track": "niet op koers", "no-data": "geen gegevens" },
  en: { achieved: "achieved", "on-track": "on track", "at-risk": "at risk", "off-track": "off track", "no-data": "no data" },
} as const;
type StatusCode = keyof (typeof statusWords)["nl"];

function isStatusCode(value: string | null): value is StatusCode {
  return value !== null && value in statusWords.nl;
}

/** GET from the API as the policy officer, outside the browser, to know what the page should show. */
async function apiAsPolicy<T>(path: string): Promise<T> {
  const { cookie } = await login(suite.monitor.url, "policy");
  const response = await fetch(`${suite.monitor.url}${path}`, { headers: { cookie } });
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

interface Features {
  features: Array<{ id: string; properties: { name: string; parent: string | null } }>;
}
interface AreaValuesBody {
  period: string | null;
  areas: Array<{ areaCode: string; areaName: string; suppressed: boolean; value: number | null }>;
}

/** Logs in as policy and waits for the overview to show its rows. */
async function openOverview(): Promise<Page> {
  const { page } = suite;
  await loginViaForm(page, "policy");
  await page.getByRole("heading", { level: 1, name: "Thema's en doelen" }).waitFor();
  await page.getByTestId("overview-row").first().waitFor();
  return page;
}

/** Opens an indicator page by URL (after logging in) and waits for its map and ranking. */
async function openIndicator(hash: string): Promise<Page> {
  const page = await openOverview();
  await page.goto(`/${hash}`);
  await page.getByTestId("choropleth").locator("svg path[data-code]").first().waitFor();
  await page.getByTestId("ranking-row").first().waitFor();
  return page;
}

/** The visible word of a status badge; the shape glyph on the line before it is decoration. */
async function badgeWord(badge: ReturnType<Page["getByTestId"]>): Promise<string | undefined> {
  return (await badge.innerText()).trim().split("\n").at(-1)?.trim();
}

describe("policy officer", () => {
  it("lands on a compact overview: six themes, status in symbol and word, headline, sparklines, freshness, the rule once", async () => {
    const page = await openOverview();
    expect(page.url()).toMatch(/#\/themes$/);
    expect((await page.getByTestId("demo-badge").innerText()).trim()).toBe("Demodata");

    const themes = page.getByTestId("overview-theme");
    expect(await themes.count()).toBe(6);
    const rows = page.getByTestId("overview-row");
    const rowCount = await rows.count();
    expect(rowCount).toBeGreaterThanOrEqual(6);

    const counts = new Map<StatusCode, number>();
    for (const row of await rows.all()) {
      const badge = row.getByTestId("status-badge");
      const code = await badge.getAttribute("data-status");
      expect(isStatusCode(code), `data-status ${code}`).toBe(true);
      expect(await badgeWord(badge)).toBe(statusWords.nl[code as StatusCode]);
      counts.set(code as StatusCode, (counts.get(code as StatusCode) ?? 0) + 1);

      expect(await row.getByTestId("indicator-link").getAttribute("href")).toMatch(/^#\/indicators\/[a-z0-9-]+$/);
      expect((await row.getByTestId("target").innerText()).trim()).not.toBe("");
      expect(await row.getByTestId("sparkline").getAttribute("role")).toBe("img");
      expect(await row.getByTestId("sparkline").getAttribute("aria-label")).toMatch(/^Verloop \d{4}–\d{4}: van /);
      const freshness = row.getByTestId("freshness");
      const state = await freshness.getAttribute("data-freshness");
      const word = { current: "actueel", overdue: "verouderd", unknown: "actualiteit onbekend" }[state ?? "unknown"];
      expect(await freshness.innerText()).toContain(word);
    }

    // The headline counts what the rows show, worst first.
    const headline = (await page.getByTestId("overview-headline").innerText()).trim();
    expect(headline.startsWith(`${rowCount} indicatoren: `)).toBe(true);
    for (const [code, count] of counts) expect(headline).toContain(`${count} ${statusWords.nl[code]}`);

    const rule = page.getByTestId("status-rule");
    expect(await rule.count()).toBe(1);
    expect(await rule.evaluate((element) => element.tagName)).toBe("DETAILS");
    await rule.locator("summary").click();
    expect((await rule.locator("p").innerText()).trim()).not.toBe("");

    // The overview is compact: the trend charts live on the theme pages.
    expect(await page.getByTestId("trend-chart").count()).toBe(0);
    expect(await page.getByTestId("logout").isVisible()).toBe(true);
    expect(await page.getByTestId("nav-stations").count()).toBe(0);
  });

  it("opens a theme page from its heading, with a trend and forecast band per indicator, printable without controls", async () => {
    const page = await openOverview();
    const section = page.locator('[data-testid="overview-theme"][data-theme="air-quality"]');
    const expected = await section.getByTestId("overview-row").count();
    await section.getByTestId("theme-link").click();
    await page.waitForURL((url) => url.hash === "#/themes/air-quality");
    await page.getByRole("heading", { level: 1, name: "Luchtkwaliteit" }).waitFor();

    const blocks = page.getByTestId("theme-indicator");
    await blocks.first().waitFor();
    expect(await blocks.count()).toBe(expected);
    const chart = page.getByTestId("trend-chart").first();
    expect(await drawnLines(chart)).toBeGreaterThanOrEqual(2);
    expect(await chart.locator("svg g.mm-forecast-band path").count()).toBe(1);
    expect(await chart.locator("svg g.mm-trajectory path").count()).toBe(1);
    expect(await chart.getByTestId("trend-key").innerText()).toContain("prognose (80%)");

    await page.emulateMedia({ media: "print" });
    expect(await page.getByTestId("print").isVisible()).toBe(false);
    expect(await page.getByTestId("logout").isVisible()).toBe(false);
    expect(await page.getByRole("navigation").isVisible()).toBe(false);
    expect(await page.getByTestId("demo-badge").isVisible()).toBe(true);
    expect(await page.getByTestId("trend-chart").first().isVisible()).toBe(true);
    expect(await page.getByTestId("provenance").first().isVisible()).toBe(true);
    expect(await page.getByTestId("status-rule").isVisible()).toBe(false);
    // Printing opens the status rule (print-details.ts), and closes it again afterwards.
    await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
    expect(await page.getByTestId("status-rule").evaluate((details) => (details as HTMLDetailsElement).open)).toBe(true);
    expect(await page.getByTestId("status-rule").locator("p").isVisible()).toBe(true);
    await page.evaluate(() => window.dispatchEvent(new Event("afterprint")));
    expect(await page.getByTestId("status-rule").evaluate((details) => (details as HTMLDetailsElement).open)).toBe(false);
    await page.emulateMedia({ media: "screen" });
    expect(await page.getByTestId("print").isVisible()).toBe(true);
  });

  it("shows an indicator with chart, forecast band, map with a path per area, ranking and provenance", async () => {
    const wijken = await apiAsPolicy<Features>("/api/v1/areas?level=wijk");
    const values = await apiAsPolicy<AreaValuesBody>("/api/v1/indicators/green-share/areas?level=wijk");
    expect(wijken.features.length).toBeGreaterThan(1);

    const page = await openOverview();
    await page.locator('[data-testid="overview-row"][data-indicator="green-share"]').getByTestId("indicator-link").click();
    await page.waitForURL((url) => url.hash === "#/indicators/green-share");
    await page.getByTestId("ranking-row").first().waitFor();

    const chart = page.getByTestId("trend-chart");
    expect(await drawnLines(chart)).toBeGreaterThanOrEqual(2);
    expect(await chart.locator("svg g.mm-forecast-band path").count()).toBe(1);
    expect(await chart.locator("svg g.mm-target").count()).toBe(1);
    expect(await page.getByTestId("chart-summary").innerText()).toMatch(/prognose voor 20\d\d: .*80%-interval/);

    const map = page.getByTestId("choropleth");
    expect(await map.getAttribute("data-level")).toBe("wijk");
    const codes = await map.locator("svg path[data-code]").evaluateAll((paths) => paths.map((path) => path.getAttribute("data-code")));
    expect(codes.sort()).toEqual(wijken.features.map((feature) => feature.id).sort());
    expect(await page.getByTestId("map-summary").innerText()).toMatch(/^\d+ wijken in \d{4}: van /);

    const ranking = page.getByTestId("ranking");
    expect(await ranking.locator("caption").innerText()).toContain(`Rangorde van de wijken, ${values.period}`);
    expect(await page.getByTestId("ranking-row").count()).toBe(values.areas.length);
    const ranks = (await page.getByTestId("ranking-row").locator("td:first-child").allInnerTexts()).map(Number);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));

    const provenance = page.getByTestId("provenance-block");
    expect(await provenance.count()).toBe(2);
    for (const block of await provenance.all()) {
      expect(await block.getByTestId("provenance-source").innerText()).not.toBe("");
      expect(await block.getByTestId("provenance-run").innerText()).toMatch(/, run \d+, /);
      expect(await block.getByTestId("freshness").innerText()).toMatch(/actueel|verouderd|onbekend/);
    }
    expect(await page.getByTestId("status-rule").count()).toBe(1);
    expect(await page.getByTestId("series-table").count()).toBe(1);
    expect(await page.getByTestId("forecast-table").count()).toBe(1);
  });

  it("selects an area by keyboard in the ranking and by clicking the map, and keeps it in the URL", async () => {
    const page = await openIndicator("#/indicators/green-share");
    const chart = page.getByTestId("trend-chart");
    const linesBefore = await drawnLines(chart);

    const row = page.getByTestId("ranking-row").nth(1);
    const code = await row.getAttribute("data-code");
    const name = (await row.getByTestId("select-area").innerText()).trim();
    await row.getByTestId("select-area").focus();
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.hash === `#/indicators/green-share?area=${code}`);
    await page.getByTestId("selected-area").filter({ hasText: name }).waitFor();
    expect(await row.getByTestId("select-area").getAttribute("aria-pressed")).toBe("true");
    await page
      .getByTestId("chart-summary")
      .filter({ hasText: `(${name})` })
      .waitFor();
    expect(await drawnLines(chart)).toBe(linesBefore + 1);

    const other = page.locator('[data-testid="ranking-row"]').first();
    const otherCode = await other.getAttribute("data-code");
    // Dispatched on the area's own path: a click at the centre of a concave shape could land on a neighbour.
    await page.getByTestId("choropleth").locator(`svg path[data-code="${otherCode}"]`).dispatchEvent("click");
    await page.waitForURL((url) => url.hash === `#/indicators/green-share?area=${otherCode}`);
    await page
      .getByTestId("selected-area")
      .filter({ hasText: (await other.getByTestId("select-area").innerText()).trim() })
      .waitFor();
    expect(await row.getByTestId("select-area").getAttribute("aria-pressed")).toBe("false");

    await page.getByTestId("clear-area").click();
    await page.waitForURL((url) => url.hash === "#/indicators/green-share");
    expect(await page.getByTestId("selected-area").count()).toBe(0);
  });

  it("restores area, level and period from a permalink, and writes a level switch back into the URL", async () => {
    const wijken = await apiAsPolicy<Features>("/api/v1/areas?level=wijk");
    const buurten = await apiAsPolicy<Features>("/api/v1/areas?level=buurt");
    const wijk = wijken.features[0]!;
    const hash = `#/indicators/green-share?area=${wijk.id}&level=buurt&period=2023`;
    const page = await openIndicator(hash);
    // A reload comes back to the same view: the state is in the URL, not in memory.
    await page.reload();
    await page.getByTestId("ranking-row").first().waitFor();
    expect(new URL(page.url()).hash).toBe(hash);

    const switcher = page.getByTestId("level-switch");
    expect(await switcher.getByRole("radio", { name: "Buurten" }).isChecked()).toBe(true);
    expect(await switcher.getByRole("radio", { name: "Wijken" }).isChecked()).toBe(false);
    expect(await page.getByTestId("period-select").inputValue()).toBe("2023");
    expect(await page.getByTestId("ranking").locator("caption").innerText()).toContain("Rangorde van de buurten, 2023");
    await expect.poll(() => page.getByTestId("choropleth").locator("svg path[data-code]").count()).toBe(buurten.features.length);
    await page.getByTestId("selected-area").filter({ hasText: wijk.properties.name }).waitFor();
    await page
      .getByTestId("chart-summary")
      .filter({ hasText: `(${wijk.properties.name})` })
      .waitFor();

    await switcher.getByRole("radio", { name: "Wijken" }).check();
    await page.waitForURL((url) => url.hash === `#/indicators/green-share?area=${wijk.id}&level=wijk&period=2023`);
    await page.getByTestId("ranking").locator("caption", { hasText: "Rangorde van de wijken, 2023" }).waitFor();
    await expect.poll(() => page.getByTestId("choropleth").locator("svg path[data-code]").count()).toBe(wijken.features.length);
    expect(await page.locator(`[data-testid="ranking-row"][data-code="${wijk.id}"] button`).getAttribute("aria-pressed")).toBe("true");

    await page.getByTestId("period-select").selectOption("2024");
    await page.waitForURL((url) => url.hash === `#/indicators/green-share?area=${wijk.id}&level=wijk&period=2024`);
    await page.getByTestId("ranking").locator("caption", { hasText: "Rangorde van de wijken, 2024" }).waitFor();
  });

  it("falls back to the indicator's own levels and shows no map for a municipality-only indicator", async () => {
    const page = await openIndicator("#/indicators/heat-stress-buurten?level=buurt");
    expect(await page.getByTestId("choropleth").getAttribute("data-level")).toBe("wijk");
    expect(await page.getByTestId("level-switch").count()).toBe(0);

    await page.goto("/#/indicators/co2-emissions");
    await page.getByTestId("no-map").waitFor();
    expect(await page.getByTestId("choropleth").count()).toBe(0);
    expect(await drawnLines(page.getByTestId("trend-chart"))).toBeGreaterThanOrEqual(1);
  });

  it("says 'onderdrukt' for a suppressed cell in the ranking and the map's legend", async () => {
    const values = await apiAsPolicy<AreaValuesBody>("/api/v1/indicators/odour-complaints/areas?level=buurt");
    const suppressed = values.areas.filter((area) => area.suppressed);
    expect(suppressed.length).toBeGreaterThan(0);

    const page = await openIndicator("#/indicators/odour-complaints?level=buurt");
    const rows = page.locator('[data-testid="ranking-row"][data-suppressed]');
    expect(await rows.count()).toBe(suppressed.length);
    for (const area of suppressed) {
      const row = page.locator(`[data-testid="ranking-row"][data-code="${area.areaCode}"]`);
      expect(await row.getByTestId("suppressed").innerText()).toBe("onderdrukt");
      expect(await row.locator("td:first-child").innerText()).toBe("–");
    }
    expect(await page.getByTestId("map-legend").innerText()).toContain("onderdrukt");
    expect(await page.getByTestId("map-summary").innerText()).toContain(`${suppressed.length} buurten onderdrukt`);
    const hatched = await page
      .getByTestId("choropleth")
      .locator("svg path[data-code]")
      .evaluateAll((paths) => paths.filter((path) => (path.closest("g")?.getAttribute("fill") ?? "").startsWith("url(")).length);
    expect(hatched).toBe(suppressed.length);
    expect(await page.getByTestId("suppression-rule").innerText()).not.toBe("");
  });

  it("refuses a station opened by URL with the forbidden message and no hourly chart", async () => {
    const permit = await login(suite.monitor.url, "permit");
    const response = await fetch(`${suite.monitor.url}/api/v1/stations`, { headers: { cookie: permit.cookie } });
    const { stations } = (await response.json()) as { stations: Array<{ number: string }> };
    const number = stations[0]?.number;
    expect(number).toMatch(/^[A-Z]{2}\d{5}$/);

    const page = await openOverview();
    await page.goto(`/#/stations/${number}`);
    const forbidden = page.getByTestId("forbidden");
    await forbidden.waitFor();
    expect(await forbidden.getAttribute("role")).toBe("alert");
    expect(await forbidden.innerText()).toContain("Geen toegang");
    expect(await forbidden.innerText()).toContain("beleidsmedewerker");
    expect(await page.getByRole("alert").filter({ hasText: "Geen toegang" }).count()).toBe(1);
    expect(await page.getByTestId("hourly-chart").count()).toBe(0);
    expect(await page.getByTestId("exceedance-table").count()).toBe(0);
  });

  it("switches the overview and an indicator page to English and back to Dutch", async () => {
    const page = await openOverview();
    const badge = page.getByTestId("status-badge").first();
    const code = await badge.getAttribute("data-status");
    if (!isStatusCode(code)) throw new Error(`unexpected data-status ${code}`);
    const badgeIn = (language: "nl" | "en") =>
      page.locator(`[data-testid="status-badge"][data-status="${code}"]`, { hasText: statusWords[language][code] }).first();

    await page.locator("button[lang=en]").click();
    await page.getByRole("heading", { level: 1, name: "Themes and targets" }).waitFor();
    await badgeIn("en").waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await page.locator("button[lang=en]").getAttribute("aria-pressed")).toBe("true");
    expect((await page.getByTestId("demo-badge").innerText()).trim()).toBe("Demo data");
    expect(await page.getByTestId("overview-headline").innerText()).toMatch(/^\d+ indicators: /);
    expect(await page.getByRole("columnheader", { name: "Latest value" }).count()).toBe(6);

    await page.goto("/#/indicators/noise-complaints?level=buurt");
    await page.getByRole("heading", { level: 2, name: "Map and ranking per area" }).waitFor();
    await page.getByTestId("ranking").locator("caption", { hasText: "Ranking of the neighbourhoods" }).waitFor();
    expect(await page.getByTestId("level-switch").getByRole("radio", { name: "Neighbourhoods" }).isChecked()).toBe(true);
    await page
      .getByTestId("chart-summary")
      .filter({ hasText: /\b(fell|rose|stayed)\b.*forecast for/ })
      .waitFor();
    expect(await page.getByTestId("provenance-block").first().innerText()).toContain("Source");
    expect(await page.getByRole("heading", { name: "Kaart en rangorde per gebied" }).count()).toBe(0);

    await page.locator("button[lang=nl]").click();
    await page.getByRole("heading", { level: 2, name: "Kaart en rangorde per gebied" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("nl");
    expect(await page.getByTestId("level-switch").getByRole("radio", { name: "Buurten" }).isChecked()).toBe(true);
    await page
      .getByTestId("chart-summary")
      .filter({ hasText: /\b(daalde|steeg|bleef)\b.*prognose voor/ })
      .waitFor();
  });
});
