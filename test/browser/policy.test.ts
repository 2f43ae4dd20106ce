/** The policy officer in the browser: the theme summary, no station data, and the language switch. */
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

/** Logs in as policy and waits for the theme summary to show its cards. */
async function openThemeSummary() {
  const { page } = suite;
  await loginViaForm(page, "policy");
  await page.getByRole("heading", { level: 1, name: "Thema's en doelen" }).waitFor();
  await page.getByTestId("indicator-card").first().waitFor();
  return page;
}

describe("policy officer", () => {
  it("lands on the theme summary: demo badge, status words, drawn trends and the status rule, no stations", async () => {
    const page = await openThemeSummary();
    expect(page.url()).toMatch(/#\/themes$/);
    expect(await page.getByTestId("demo-badge").isVisible()).toBe(true);
    expect((await page.getByTestId("demo-badge").innerText()).trim()).toBe("Demodata");

    const cards = page.getByTestId("indicator-card");
    expect(await cards.count()).toBeGreaterThanOrEqual(2);
    for (const card of await cards.all()) {
      const badge = card.getByTestId("status-badge");
      expect(await badge.isVisible()).toBe(true);
      const code = await badge.getAttribute("data-status");
      expect(isStatusCode(code), `data-status ${code}`).toBe(true);
      // The visible text names the status; the shape glyph on the line before it is decoration.
      const word = (await badge.innerText()).trim().split("\n").at(-1)?.trim();
      expect(word).toBe(statusWords.nl[code as StatusCode]);
    }

    const trends = page.getByTestId("trend-chart");
    await trends.first().waitFor();
    expect(await trends.count()).toBeGreaterThanOrEqual(1);
    const chart = trends.first();
    expect(await chart.locator('svg[class^="plot"]').count()).toBeGreaterThanOrEqual(1);
    expect(await drawnLines(chart)).toBeGreaterThanOrEqual(1);
    expect((await chart.getByTestId("chart-summary").innerText()).trim()).not.toBe("");

    const rule = page.getByTestId("status-rule");
    expect(await rule.count()).toBe(1);
    expect(await rule.evaluate((element) => element.tagName)).toBe("DETAILS");
    await rule.locator("summary").click();
    const ruleText = rule.locator("p");
    await ruleText.waitFor();
    expect((await ruleText.innerText()).trim()).not.toBe("");

    // The header is drawn with the session, so it is complete by now: no stations on offer.
    expect(await page.getByTestId("logout").isVisible()).toBe(true);
    expect(await page.getByTestId("nav-stations").count()).toBe(0);
  });

  it("refuses a station opened by URL with the forbidden message and no hourly chart", async () => {
    const permit = await login(suite.monitor.url, "permit");
    const response = await fetch(`${suite.monitor.url}/api/v1/stations`, { headers: { cookie: permit.cookie } });
    const { stations } = (await response.json()) as { stations: Array<{ number: string }> };
    const number = stations[0]?.number;
    expect(number).toMatch(/^[A-Z]{2}\d{5}$/);

    const page = await openThemeSummary();
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

  it("switches the page to English and back to Dutch", async () => {
    const page = await openThemeSummary();
    const badge = page.getByTestId("status-badge").first();
    const code = await badge.getAttribute("data-status");
    if (!isStatusCode(code)) throw new Error(`unexpected data-status ${code}`);
    const badgeIn = (language: "nl" | "en") =>
      page.locator(`[data-testid="status-badge"][data-status="${code}"]`, { hasText: statusWords[language][code] }).first();
    await page.getByTestId("chart-summary").first().waitFor();

    await page.locator("button[lang=en]").click();
    await page.getByRole("heading", { level: 1, name: "Themes and targets" }).waitFor();
    await badgeIn("en").waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await page.locator("button[lang=en]").getAttribute("aria-pressed")).toBe("true");
    expect((await page.getByTestId("demo-badge").innerText()).trim()).toBe("Demo data");
    await page.getByTestId("chart-summary").filter({ hasText: /\b(fell|rose|stayed)\b/ }).first().waitFor();
    expect(await page.getByRole("heading", { level: 1, name: "Thema's en doelen" }).count()).toBe(0);

    await page.locator("button[lang=nl]").click();
    await page.getByRole("heading", { level: 1, name: "Thema's en doelen" }).waitFor();
    await badgeIn("nl").waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("nl");
    expect(await page.locator("button[lang=nl]").getAttribute("aria-pressed")).toBe("true");
    await page.getByTestId("chart-summary").filter({ hasText: /\b(daalde|steeg|bleef)\b/ }).first().waitFor();
  });
});
