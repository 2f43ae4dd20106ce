/**
 * Names from the registers are data, never markup: an establishment and a wijk named with HTML,
 * script URLs and right-to-left overrides render as text in Chromium, run no script and trigger no
 * Content-Security-Policy violation.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { recordedPath, type Intercept } from "../../src/pipelines/framework/recorded-server.ts";
import { describe, expect, inject, it } from "vitest";
import { browserSuite, loginViaForm } from "../support/browser.ts";
import { startTestMonitor } from "../support/test-server.ts";

const HOSTILE_NAME = `<img src=x onerror="window.__xss='img'">Bakkerij \u202Eevil\u202C`;
const HOSTILE_ACTIVITY = `<svg onload="window.__xss='svg'"></svg> javascript:window.__xss='url'`;
const HOSTILE_WIJK = `<script>window.__xss='script'</script>\u202Ezuidrand`;

/** PDOK's wijk boundaries as the demo upstream serves them, with one wijk's name made hostile. */
const hostileWijk: Intercept = (req, res) => {
  if (!req.url?.includes("wijk_gegeneraliseerd")) return false;
  const file = path.join(inject("demoDir"), recordedPath(new URL(req.url, "http://recorded")));
  const body = JSON.parse(readFileSync(file, "utf8")) as { features: { properties: { statcode: string; statnaam: string } }[] };
  for (const feature of body.features) if (feature.properties.statcode === "WK999901") feature.properties.statnaam = HOSTILE_WIJK;
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
  return true;
};

const suite = browserSuite(async () => {
  // The wijk name comes through the areas pipeline, as a hostile upstream would send it.
  const monitor = await startTestMonitor(inject("demoDir"), { intercept: hostileWijk });
  // Straight into the published table, as a hostile export that passed validation would put it
  // (dossiers and search read the registers at every request).
  await monitor.db.query("UPDATE main.establishments SET name = $1, activity = $2 WHERE establishment_id = 'IN-000001'", [HOSTILE_NAME, HOSTILE_ACTIVITY]);
  return monitor;
});

/** Records CSP violations from the first script on, and reports whether any hostile script ran. */
async function watch(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
}

async function expectInert(page: Page) {
  const state = await page.evaluate(() => {
    const all: Element[] = [];
    const walk = (root: Document | ShadowRoot) => {
      for (const element of root.querySelectorAll("*")) {
        all.push(element);
        if (element.shadowRoot) walk(element.shadowRoot);
      }
    };
    walk(document);
    const w = window as unknown as { __xss?: string; __csp: string[] };
    return {
      xss: w.__xss ?? null,
      csp: w.__csp,
      injected: all.filter((e) => (e.tagName === "IMG" && e.getAttribute("src") === "x") || (e.tagName === "SCRIPT" && e.textContent?.includes("__xss")))
        .length,
      scriptLinks: all.filter((e) => e.getAttribute("href")?.trim().toLowerCase().startsWith("javascript:")).length,
    };
  });
  expect(state).toEqual({ xss: null, csp: [], injected: 0, scriptLinks: 0 });
}

describe("hostile names in the data", () => {
  it("shows an establishment's hostile name and activity as text in the search and the dossier", async () => {
    const { page } = suite;
    await watch(page);
    await loginViaForm(page, "permit");
    await page.getByRole("button", { name: "Uitloggen" }).waitFor();
    await page.goto("/#/establishments?q=Bakkerij");
    const row = page.getByRole("link", { name: /Bakkerij/ }).first();
    await row.waitFor();
    expect(await row.innerText()).toContain("<img src=x onerror=\"window.__xss='img'\">Bakkerij");
    await expectInert(page);

    await page.goto("/#/establishments/IN-000001");
    await page.getByRole("heading", { level: 1, name: /Bakkerij/ }).waitFor();
    expect(await page.getByText("<svg onload=", { exact: false }).count()).toBeGreaterThan(0);
    await expectInert(page);
  });

  it("shows a hostile wijk name as text in the policy officer's ranking", async () => {
    const { page } = suite;
    await watch(page);
    await loginViaForm(page, "policy");
    await page.getByRole("button", { name: "Uitloggen" }).waitFor();
    await page.goto("/#/indicators/green-share?level=wijk");
    await page.getByTestId("ranking-row").first().waitFor();
    await page.getByTestId("ranking").getByText("<script>window.__xss='script'</script>", { exact: false }).first().waitFor();
    await expectInert(page);
  });
});
