/**
 * The admin's audit log in the browser: entries made through the API by known users at known times,
 * then the admin filters by user, action and period and finds exactly those, pages through them
 * (the filter is the URL), exports them as CSV (the download holds the same entries) and sees the
 * export itself in the log; no serious axe finding on the page, and nothing wider than a phone.
 */
import { readFileSync } from "node:fs";
import { describe, expect, inject, it } from "vitest";
import { browserSuite, loginViaForm } from "../support/browser.ts";
import { seriousViolations } from "../support/axe.ts";
import { FIXED_NOW, login, startTestMonitor } from "../support/test-server.ts";

let now = FIXED_NOW;
const suite = browserSuite(() => startTestMonitor(inject("demoDir"), { clock: () => now }));

/** The ids the permit officer viewed on 20 February (oldest first), and made before and after it. */
let inPeriod: string[] = [];

async function viewAs(username: string, at: string, ids: string[]): Promise<number[]> {
  now = new Date(at);
  const who = await login(suite.monitor.url, username);
  const statuses: number[] = [];
  for (const id of ids) statuses.push((await fetch(`${suite.monitor.url}/api/v1/establishments/${id}`, { headers: { cookie: who.cookie } })).status);
  return statuses;
}

describe("the audit log", () => {
  it("finds exactly the filtered entries, pages through them and exports them as CSV", async () => {
    const { monitor, page } = suite;
    const permit = await login(monitor.url, "permit");
    const search = (await (await fetch(`${monitor.url}/api/v1/establishments?pageSize=30`, { headers: { cookie: permit.cookie } })).json()) as {
      items: { id: string }[];
    };
    const ids = search.items.map((item) => item.id);
    expect(ids.length).toBe(30);
    inPeriod = ids.slice(0, 28);
    expect(await viewAs("permit", "2026-02-10T10:00:00Z", ids.slice(28))).toEqual([200, 200]);
    expect(await viewAs("permit", "2026-02-20T10:00:00Z", inPeriod)).toEqual(inPeriod.map(() => 200));
    // The same day, another user and another action: left out by the filter.
    expect(await viewAs("policy", "2026-02-20T11:00:00Z", ids.slice(0, 1))).toEqual([403]);
    expect(await viewAs("admin", "2026-02-20T12:00:00Z", ids.slice(0, 1))).toEqual([200]);
    expect(await viewAs("permit", "2026-02-25T10:00:00Z", ids.slice(28))).toEqual([200, 200]);
    now = FIXED_NOW;

    await loginViaForm(page, "admin");
    await page.getByTestId("nav-audit").click();
    await page.getByTestId("audit-filter").waitFor();
    await page.getByTestId("audit-filter-user").fill("permit");
    await page.getByTestId("audit-filter-action").selectOption(["view-establishment"]);
    await page.getByTestId("audit-filter-from").fill("2026-02-19");
    await page.getByTestId("audit-filter-to").fill("2026-02-21");
    await page.getByTestId("audit-filter-apply").click();
    await page.waitForURL((url) => url.hash === "#/audit?user=permit&action=view-establishment&from=2026-02-19&to=2026-02-21", { timeout: 30_000 });

    const status = page.getByTestId("page-status");
    await status.getByText("1–25 van 28").waitFor({ timeout: 30_000 });
    const rows = page.getByTestId("audit-row");
    const newestFirst = [...inPeriod].reverse();
    const shown = async () =>
      rows.evaluateAll((all) => all.map((row) => [row.getAttribute("data-user"), row.getAttribute("data-action"), row.getAttribute("data-subject")]));
    expect(await shown()).toEqual(newestFirst.slice(0, 25).map((id) => ["permit", "view-establishment", id]));
    // In words and in local time: 20 February 11:00 in Amsterdam.
    expect(await rows.first().innerText()).toMatch(/20 feb 2026.*11:00[\s\S]*permit[\s\S]*dossier bekeken/);

    await page.getByTestId("page-next").click();
    await status.getByText("26–28 van 28").waitFor({ timeout: 30_000 });
    expect(page.url()).toContain("&page=2");
    expect(await shown()).toEqual(newestFirst.slice(25).map((id) => ["permit", "view-establishment", id]));
    expect(await page.getByTestId("page-next").isDisabled()).toBe(true);

    // The filtered view is a link: opened afresh it shows the same.
    await page.reload();
    await status.getByText("26–28 van 28").waitFor({ timeout: 30_000 });
    expect(await page.getByTestId("audit-filter-user").inputValue()).toBe("permit");

    const pending = page.waitForEvent("download");
    await page.getByTestId("audit-export").click();
    const file = await pending;
    expect(file.suggestedFilename()).toBe("auditlog.csv");
    const lines = readFileSync((await file.path())!, "utf8")
      .replace(/^\uFEFF/, "")
      .split("\r\n");
    expect(lines[0]).toBe("# auditlog; filter: user=… action=view-establishment from=2026-02-19 to=2026-02-21; 28 van 28 regels");
    expect(lines[1]).toBe("tijdstip (UTC),gebruiker,rol,handeling,onderwerp");
    expect(lines.slice(2, -1)).toEqual(newestFirst.map((id) => `2026-02-20T10:00:00Z,permit,permit,view-establishment,${id}`));

    // The export is in the log itself, under the admin's name.
    await page.goto("/#/audit?action=export-audit");
    const exported = page.locator('[data-testid="audit-row"][data-action="export-audit"]');
    await exported.first().waitFor({ timeout: 30_000 });
    expect(await exported.count()).toBe(1);
    expect(await exported.first().getAttribute("data-user")).toBe("admin");
    expect(await exported.first().getAttribute("data-subject")).toBe("user=… action=view-establishment from=2026-02-19 to=2026-02-21 rows=28");
  });

  it("names what a refusal asked for, shows an empty filter as such, and has no serious axe finding", async () => {
    const { page } = suite;
    await loginViaForm(page, "admin");
    await page.getByTestId("nav-audit").waitFor();
    await page.goto(`/#/audit?user=policy&action=denied`);
    const denied = page.locator('[data-testid="audit-row"][data-action="denied"]');
    await denied.first().waitFor({ timeout: 30_000 });
    expect(await denied.first().getAttribute("data-subject")).toBe(`GET /api/v1/establishments/:id id=${inPeriod[0]}`);
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto("/#/audit?user=nobody-at-all");
    await page.getByTestId("audit-empty").getByText("Geen regels die bij dit filter passen.").waitFor({ timeout: 30_000 });

    // A phone: the page does not scroll sideways (the table scrolls in its own box).
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/#/audit");
    await page.getByTestId("audit-row").first().waitFor({ timeout: 30_000 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
