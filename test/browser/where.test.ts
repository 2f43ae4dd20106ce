/**
 * "Where" (issue 19) as the policy officer in the browser: the map coloured by status against the
 * area target, a wijk opened from the map to its profile with a status per indicator, the ranking's
 * rates and links, the overview filtered to off-track indicators by its status count, and an area
 * profile opened by its permalink — against the API's own answers.
 */
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import type { ThemeList } from "../../src/ground/contract/contract.ts";
import type { AreaProfile, AreaValues } from "../../src/ground/contract/contract-areas.ts";
import { browserSuite, loginViaForm } from "../support/browser.ts";
import { login, startTestMonitor } from "../support/test-server.ts";

const suite = browserSuite(() => startTestMonitor(inject("demoDir")));

/** The fills of client/src/status-colours.ts, as the map draws them. */
const statusWords = { achieved: "behaald", "on-track": "op koers", "at-risk": "risico", "off-track": "niet op koers", "no-data": "geen gegevens" } as const;
const statusFills = { achieved: "#6aa96f", "on-track": "#6f9fd8", "at-risk": "#f2b35b", "off-track": "#d9534f", "no-data": "#f1f3f3" } as const;

async function apiAsPolicy<T>(path: string): Promise<T> {
  const { cookie } = await login(suite.monitor.url, "policy");
  const response = await fetch(`${suite.monitor.url}${path}`, { headers: { cookie } });
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

async function openOverview(): Promise<Page> {
  const { page } = suite;
  await loginViaForm(page, "policy");
  await page.getByTestId("overview-row").first().waitFor();
  return page;
}

/** The profile's rows, as indicator id → status code, once every row is drawn. */
async function profileStatuses(page: Page, expected: number): Promise<Record<string, string | null>> {
  await expect.poll(() => page.getByTestId("area-indicator").count()).toBe(expected);
  const rows = await page.getByTestId("area-indicator").all();
  const statuses: Record<string, string | null> = {};
  for (const row of rows) {
    const badge = row.getByTestId("status-badge");
    statuses[(await row.getAttribute("data-indicator"))!] = (await badge.count()) > 0 ? await badge.getAttribute("data-status") : null;
  }
  return statuses;
}

function expectedStatuses(profile: AreaProfile): Record<string, string | null> {
  return Object.fromEntries(profile.indicators.map((indicator) => [indicator.id, indicator.status?.code ?? null]));
}

describe("where: areas against the target", () => {
  it("colours the map by status and opens a wijk from the map on its profile, with a status per indicator", async () => {
    const values = await apiAsPolicy<AreaValues>("/api/v1/indicators/noise-complaints/areas?level=wijk");
    expect(values.rate).not.toBeNull();
    const wijk = values.areas.find((area) => area.status?.code === "off-track") ?? values.areas.find((area) => area.status !== null)!;
    const profile = await apiAsPolicy<AreaProfile>(`/api/v1/areas/${wijk.areaCode}/profile`);

    const page = await openOverview();
    await page.goto("/#/indicators/noise-complaints");
    const map = page.getByTestId("choropleth");
    await map.locator("svg path[data-code]").first().waitFor();

    // A count is compared as a rate, labelled in the UI's language.
    expect(await page.getByTestId("rate-note").innerText()).toContain("klachten per 1.000 inwoners");
    expect(await page.getByTestId("ranking").locator("thead").innerText()).toContain("klachten per 1.000 inwoners");

    await page.getByTestId("colour-by").getByRole("radio", { name: "status" }).check();
    await page.locator('[data-testid="choropleth"][data-colour-by="status"]').waitFor();
    const path = map.locator(`svg path[data-code="${wijk.areaCode}"]`);
    await expect
      .poll(() => path.evaluate((element) => element.getAttribute("fill") ?? element.closest("g")?.getAttribute("fill")))
      .toBe(statusFills[wijk.status!.code]);
    // The legend names the statuses in words: colour is never the only carrier.
    await map.locator("mm-chart-frame").getByText(statusWords[wijk.status!.code], { exact: true }).first().waitFor();

    // Dispatched on the area's own path: a click at the centre of a concave shape could land on a neighbour.
    await path.dispatchEvent("click");
    await page.waitForURL((url) => url.hash === `#/indicators/noise-complaints?area=${wijk.areaCode}`);
    const profileLink = page.getByTestId("map-profile-link");
    expect(await profileLink.innerText()).toContain(wijk.areaName);
    await profileLink.click();

    await page.waitForURL((url) => url.hash === `#/areas/${wijk.areaCode}`);
    await page.getByTestId("area-title").filter({ hasText: wijk.areaName }).waitFor();
    expect(await page.getByTestId("area-title").getAttribute("data-level")).toBe("wijk");
    expect(await profileStatuses(page, profile.indicators.length)).toEqual(expectedStatuses(profile));
    const noise = page.locator('[data-testid="area-indicator"][data-indicator="noise-complaints"]');
    expect(await noise.getByTestId("area-rank").innerText()).toMatch(/^(\d+ van \d+|–)$/);
    expect(await noise.getByTestId("indicator-link").getAttribute("href")).toBe(`#/indicators/noise-complaints?area=${wijk.areaCode}&level=wijk`);
  });

  it("shows status, gap, small areas and similar areas in the ranking, and opens a profile from it by keyboard", async () => {
    const values = await apiAsPolicy<AreaValues>("/api/v1/indicators/noise-complaints/areas?level=buurt");
    const page = await openOverview();
    await page.goto("/#/indicators/noise-complaints?level=buurt");
    await page.getByTestId("ranking-row").first().waitFor();

    for (const area of values.areas) {
      const row = page.locator(`[data-testid="ranking-row"][data-code="${area.areaCode}"]`);
      expect(await row.getAttribute("data-status"), area.areaCode).toBe(area.status?.code ?? "none");
      expect(await row.getByTestId("small-area").count(), area.areaCode).toBe(area.smallArea ? 1 : 0);
      if (area.smallArea) expect(await row.locator("td:first-child").innerText()).toBe("–");
      if (area.similar && area.similar.mean === null) expect(await row.getByTestId("similar-few").innerText()).toBe("minder dan 3 vergelijkbare gebieden");
    }
    // The ranked areas come first, in rank order; small areas are never ranked.
    const ranks = (await page.getByTestId("ranking-row").locator("td:first-child").allInnerTexts()).filter((text) => text !== "–").map(Number);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));

    const first = page.getByTestId("ranking-row").first();
    const code = await first.getAttribute("data-code");
    await first.getByTestId("area-profile-link").focus();
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.hash === `#/areas/${code}`);
    await page.getByTestId("area-indicator").first().waitFor();
    expect(await page.getByTestId("area-title").getAttribute("data-level")).toBe("buurt");
  });

  it("filters the overview to off-track indicators by its status count, sorts by gap, and keeps both in the URL", async () => {
    const { themes } = await apiAsPolicy<ThemeList>("/api/v1/themes");
    const offTrack = themes.flatMap((theme) => theme.indicators).filter((indicator) => indicator.status.code === "off-track");
    expect(offTrack.length).toBeGreaterThan(0);

    const page = await openOverview();
    const all = await page.getByTestId("overview-row").count();
    await page.locator('[data-testid="status-count"][data-status="off-track"]').click();
    await page.waitForURL((url) => url.hash === "#/themes?status=off-track");
    await page.getByTestId("overview-filter").waitFor();
    await expect.poll(() => page.getByTestId("overview-row").count()).toBe(offTrack.length);
    const shown = await page.getByTestId("overview-row").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-indicator")));
    expect(shown.sort()).toEqual(offTrack.map((indicator) => indicator.id).sort());
    const badges = await page
      .getByTestId("overview-row")
      .getByTestId("status-badge")
      .evaluateAll((elements) => elements.map((badge) => badge.getAttribute("data-status")));
    expect(new Set(badges)).toEqual(new Set(["off-track"]));
    expect(await page.locator('[data-testid="status-count"][data-status="off-track"]').getAttribute("aria-current")).toBe("true");

    await page.getByTestId("overview-sort").selectOption("gap");
    await page.waitForURL((url) => url.hash === "#/themes?status=off-track&sort=gap");
    // A reload gives the same view: the state is the URL.
    await page.reload();
    await page.getByTestId("overview-row").first().waitFor();
    expect(await page.getByTestId("overview-row").count()).toBe(offTrack.length);
    expect(await page.getByTestId("overview-sort").inputValue()).toBe("gap");

    await page.getByTestId("filter-all").click();
    await page.waitForURL((url) => url.hash === "#/themes?sort=gap");
    await expect.poll(() => page.getByTestId("overview-row").count()).toBe(all);
  });

  it("lists per theme the wijken furthest off track, each linking to its profile", async () => {
    const { themes } = await apiAsPolicy<ThemeList>("/api/v1/themes");
    const theme = themes.find((candidate) => candidate.offTrackAreas.length > 0)!;
    const page = await openOverview();
    const section = page.locator(`[data-testid="overview-theme"][data-theme="${theme.id}"]`);
    const items = section.getByTestId("off-track-area");
    expect(await items.evaluateAll((elements) => elements.map((element) => element.getAttribute("data-code")))).toEqual(
      theme.offTrackAreas.map((area) => area.areaCode),
    );
    const area = theme.offTrackAreas[0]!;
    await items.first().getByTestId("off-track-area-link").click();
    await page.waitForURL((url) => url.hash === `#/areas/${area.areaCode}`);
    await page.getByTestId("area-title").filter({ hasText: area.areaName }).waitFor();
    await page
      .locator(`[data-testid="area-indicator"][data-indicator="${area.indicatorId}"] [data-testid="status-badge"][data-status="${area.status}"]`)
      .waitFor();
  });

  it("opens an area profile from its permalink, in English too, printable and readable at 390 px", async () => {
    const values = await apiAsPolicy<AreaValues>("/api/v1/indicators/green-share/areas?level=wijk");
    const wijk = values.areas[0]!;
    const profile = await apiAsPolicy<AreaProfile>(`/api/v1/areas/${wijk.areaCode}/profile`);
    const { themes } = await apiAsPolicy<ThemeList>("/api/v1/themes");
    const themeIndex = (id: string) => themes.findIndex((theme) => theme.id === id);

    const page = await openOverview();
    await page.goto(`/#/areas/${wijk.areaCode}`);
    await page.getByTestId("area-title").filter({ hasText: wijk.areaName }).waitFor();
    expect(await profileStatuses(page, profile.indicators.length)).toEqual(expectedStatuses(profile));
    expect(await page.getByTestId("permalink").getAttribute("href")).toBe(`#/areas/${wijk.areaCode}`);
    if (profile.suppressionRule) expect(await page.getByTestId("suppression-rule").innerText()).toBe(profile.suppressionRule.nl);
    // Grouped by theme, in the overview's order.
    const groups = await page.getByTestId("area-theme").evaluateAll((sections) => sections.map((section) => section.getAttribute("data-theme")));
    expect(groups).toEqual([...new Set(profile.indicators.map((indicator) => indicator.themeId))].sort((a, b) => themeIndex(a) - themeIndex(b)));

    await page.locator("button[lang=en]").click();
    await page
      .getByTestId("area-rank")
      .filter({ hasText: / of \d+$/ })
      .first()
      .waitFor();

    await page.emulateMedia({ media: "print" });
    expect(await page.getByTestId("print").isVisible()).toBe(false);
    expect(await page.getByTestId("area-profile-table").first().isVisible()).toBe(true);
    await page.emulateMedia({ media: "screen" });

    await page.setViewportSize({ width: 390, height: 844 });
    for (const badge of await page.getByTestId("area-indicator").getByTestId("status-badge").all()) {
      const box = (await badge.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);

    // Not an area code: no page, and no request the API would have to refuse.
    await page.goto("/#/areas/nowhere");
    await page.getByTestId("not-found").waitFor();
  });
});
