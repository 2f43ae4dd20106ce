/**
 * The <mm-indicator> widget on another site, in Chromium: a second loopback server (another origin)
 * serves a municipal page that loads the script from the monitor (MM_WIDGET_ORIGINS at its default,
 * "*"). The widget shows the indicator in its shadow root, in Dutch or English, says a non-public
 * indicator is not available, and its request carries no cookie even when the browser has a session
 * with the monitor. Needs the widget build (`npm run build` builds it).
 */
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import type { Browser, BrowserContext, Page, Request } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { PublicIndicator } from "../../src/ground/contract/contract-public.ts";
import { launchBrowser } from "../support/browser.ts";
import { login, startTestMonitor, type TestMonitor } from "../support/test-server.ts";

let monitor: TestMonitor;
let browser: Browser;
let site: Server;
let siteUrl: string;
let context: BrowserContext;
let page: Page;
let errors: string[];
/** Every request the page made to the public API, with the headers Chromium sent. */
let publicRequests: Request[];

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** The municipal page: three widgets, the script from the monitor's origin. */
const municipalPage = (monitorUrl: string) => `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Gemeente</title>
<script type="module" src="${monitorUrl}/widget/mm-indicator.js"></script></head>
<body><h1>Onze gemeente</h1>
<mm-indicator id="dutch" indicator="no2-annual-mean"></mm-indicator>
<mm-indicator id="english" indicator="no2-annual-mean" lang="en"></mm-indicator>
<mm-indicator id="hidden" indicator="noise-complaints"></mm-indicator>
</body></html>`;

beforeAll(async () => {
  const [started, launched] = await Promise.allSettled([startTestMonitor(inject("demoDir")), launchBrowser()]);
  if (started.status === "fulfilled") monitor = started.value;
  if (launched.status === "fulfilled") browser = launched.value;
  if (started.status === "rejected") throw started.reason;
  if (launched.status === "rejected") throw launched.reason;
  site = createServer((_req, res) => res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(municipalPage(monitor.url)));
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => site?.close(resolve));
  await browser?.close();
  await monitor?.close();
});

beforeEach(async () => {
  context = await browser.newContext({ locale: "nl-NL", timezoneId: "Europe/Amsterdam" });
  context.setDefaultTimeout(10_000);
  page = await context.newPage();
  errors = [];
  publicRequests = [];
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    // The one expected failure: the 404 for the indicator that is not public (and the example page's favicon).
    const expected = /\/api\/v1\/public\/indicators\/noise-complaints$|\/favicon\.ico$/.test(message.location().url) && /status of 404/.test(message.text());
    if (message.type() === "error" && !expected) errors.push(`console.error: ${message.text()} (${message.location().url})`);
  });
  page.on("request", (request) => {
    if (request.url().includes("/api/v1/public/")) publicRequests.push(request);
  });
});
afterEach(async () => {
  await context?.close();
  expect(errors, "errors in the page").toEqual([]);
});

async function publicIndicator(id: string): Promise<PublicIndicator> {
  const response = await fetch(`${monitor.url}/api/v1/public/indicators/${id}`);
  expect(response.status).toBe(200);
  return PublicIndicator.parse(await response.json());
}

const number = (value: number, locale: string) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);

describe("<mm-indicator> on another site", () => {
  it("is served for other sites: CORS for any origin, cross-origin resource policy, revalidated", async () => {
    const script = await fetch(`${monitor.url}/widget/mm-indicator.js`, { headers: { origin: siteUrl } });
    expect(script.status, "the widget build is missing: run npm run build").toBe(200);
    expect(script.headers.get("content-type")).toMatch(/javascript/);
    expect(script.headers.get("access-control-allow-origin")).toBe("*");
    expect(script.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    expect(script.headers.get("cache-control")).toBe("no-cache");
    const example = await fetch(`${monitor.url}/widget/example.html`);
    expect(example.status).toBe(200);
    expect(await example.text()).toContain('<script type="module" src="./mm-indicator.js"></script>');
  });

  it("shows the indicator's name, latest value, status and sparkline inside its shadow root, in Dutch", async () => {
    const expected = await publicIndicator("no2-annual-mean");
    await page.goto(siteUrl);
    const widget = page.locator("#dutch");
    await widget.locator("[data-state=ready]").waitFor();
    const inShadow = await widget.evaluate((element) => element.shadowRoot?.textContent ?? "");
    expect(inShadow).toContain(expected.name.nl);
    const latest = (await widget.getByTestId("latest").textContent())!.replace(/\s+/g, " ").trim();
    expect(latest).toBe(`${number(expected.latest!.value, "nl-NL")} ${expected.unit} (${expected.latest!.period})`);
    expect(inShadow).toContain(`Bron: ${expected.source} · Licentie: ${expected.licence}`);
    // The light DOM holds nothing: everything is drawn in the shadow root.
    expect(await widget.evaluate((element) => element.textContent)).toBe("");
    await expect(widget.getByTestId("status").textContent()).resolves.toMatch(/behaald|op koers|risico|niet op koers|geen gegevens/);
    const sparkline = widget.getByRole("img");
    expect(await sparkline.getAttribute("aria-label")).toContain(`Verloop ${expected.recent[0]!.period}–${expected.recent.at(-1)!.period}`);
    const link = widget.getByRole("link", { name: "Meer in de Milieumonitor" });
    expect(await link.getAttribute("href")).toBe(`${monitor.url}/#/indicators/no2-annual-mean`);
  });

  it('shows English with lang="en"', async () => {
    const expected = await publicIndicator("no2-annual-mean");
    await page.goto(siteUrl);
    const widget = page.locator("#english");
    await widget.locator("[data-state=ready]").waitFor();
    const inShadow = await widget.evaluate((element) => element.shadowRoot?.textContent ?? "");
    expect(inShadow).toContain(expected.name.en);
    const latest = (await widget.getByTestId("latest").textContent())!.replace(/\s+/g, " ").trim();
    expect(latest).toBe(`${number(expected.latest!.value, "en-GB")} ${expected.unit} (${expected.latest!.period})`);
    expect(inShadow).toContain(`Source: ${expected.source} · Licence: ${expected.licence}`);
    expect(inShadow).toContain("More in the Milieumonitor");
    expect(inShadow).not.toContain(expected.name.nl);
  });

  it("has no serious or critical axe violations (WCAG 2.1 AA) in its shadow roots", async () => {
    await page.goto(siteUrl);
    await page.locator("#dutch [data-state=ready]").waitFor();
    await page.locator("#english [data-state=ready]").waitFor();
    await page.locator("#hidden [data-state=error]").waitFor();
    await page.evaluate(axeSource);
    const violations = await page.evaluate(async () => {
      type Violation = { id: string; impact: string | null; nodes: { target: unknown[] }[] };
      const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: Violation[] }> } }).axe;
      const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }, resultTypes: ["violations"] });
      return result.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id} at ${JSON.stringify(v.nodes.map((n) => n.target))}`);
    });
    expect(violations).toEqual([]);
  });

  it("works on the example page the monitor serves, under the monitor's own CSP", async () => {
    await page.goto(`${monitor.url}/widget/example.html`);
    const widgets = page.locator("mm-indicator");
    expect(await widgets.count()).toBe(5);
    for (const id of ["no2-annual-mean", "pm25-annual-mean", "co2-emissions", "renewable-energy"]) {
      await page.locator(`mm-indicator[indicator="${id}"] [data-state=ready]`).waitFor();
    }
    await page.locator('mm-indicator[indicator="noise-complaints"] [data-state=error]').waitFor();
  });

  it("says a non-public indicator is not available", async () => {
    await page.goto(siteUrl);
    const widget = page.locator("#hidden");
    await widget.locator("[data-state=error]").waitFor();
    expect(await widget.locator("[data-state=error]").textContent()).toBe("Indicator niet beschikbaar");
  });

  it("sends no cookie to the monitor, even when the browser has a session there", async () => {
    const { cookie } = await login(monitor.url, "policy");
    const [name, value] = cookie.split("=") as [string, string];
    await context.addCookies([{ name, value, url: monitor.url }]);
    // The control: a request of the monitor's own page does carry the session cookie.
    const own = await page.goto(`${monitor.url}/api/v1/session`);
    expect(await own!.request().headerValue("cookie")).toContain(name);
    expect(own!.status()).toBe(200);

    await page.goto(siteUrl);
    await page.locator("#dutch [data-state=ready]").waitFor();
    await page.locator("#english [data-state=ready]").waitFor();
    await page.locator("#hidden [data-state=error]").waitFor();
    expect([...new Set(publicRequests.map((request) => new URL(request.url()).pathname))].sort()).toEqual([
      "/api/v1/public/indicators/no2-annual-mean",
      "/api/v1/public/indicators/noise-complaints",
    ]);
    for (const request of publicRequests) expect(await request.headerValue("cookie"), request.url()).toBeNull();
  });
});
