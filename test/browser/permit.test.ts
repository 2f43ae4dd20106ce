/**
 * The permit officer in the browser: the establishment search (by name, near a typed point and near a
 * point picked on the map), the dossier against the API's own answer, the CSV export, the location
 * dossier, the admin's audit log of those views, the policy officer refused page and API; and the
 * stations, a failed login and logging out.
 */
import { readFileSync } from "node:fs";
import type { Locator, Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import type { EstablishmentDossier } from "../../src/ground/contract/contract-dossier.ts";
import { browserSuite, drawnLines, loginViaForm } from "../support/browser.ts";
import { TEST_DEMO } from "../support/global-setup.ts";
import { startTestMonitor } from "../support/test-server.ts";

const suite = browserSuite(() => startTestMonitor(inject("demoDir")));

const tierWords = { validated: "gevalideerd", provisional: "voorlopig", modelled: "gemodelleerd", indicative: "indicatief" };
const permitStatusWords = { requested: "aangevraagd", granted: "verleend", refused: "geweigerd", withdrawn: "ingetrokken", expired: "verlopen" };

interface Target {
  id: string;
  name: string;
}

/**
 * An establishment with a permit, at least two complaints and a violation at its latest inspection,
 * so the dossier has permits, complaints and (a violation never re-inspected) an open item.
 */
async function findTarget(): Promise<Target> {
  const rows = await suite.monitor.db.query(`
    WITH latest AS (SELECT establishment_id, arg_max(result, inspected_on) AS last_result, count(*) AS n FROM main.inspections GROUP BY establishment_id)
    SELECT e.establishment_id AS id, e.name
    FROM main.establishments e JOIN latest l USING (establishment_id)
    WHERE l.last_result <> 'compliant'
      AND EXISTS (SELECT 1 FROM main.permits p WHERE p.establishment_id = e.establishment_id)
      AND (SELECT count(*) FROM main.complaints c WHERE c.establishment_id = e.establishment_id) >= 2
    ORDER BY e.establishment_id LIMIT 1`);
  expect(rows.length, "the demo register has an establishment with permits, complaints and an open violation").toBe(1);
  return { id: String(rows[0]!.id), name: String(rows[0]!.name) };
}

const rowIds = (page: Page) => page.getByTestId("establishment-row").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-id")));
const mapDotIds = (page: Page) =>
  page.locator('[data-testid="area-map"] svg circle[data-id]').evaluateAll((dots) => dots.map((dot) => dot.getAttribute("data-id")));
const distances = (page: Page) => page.getByTestId("distance").evaluateAll((cells) => cells.map((cell) => Number(cell.getAttribute("data-metres"))));
const textOf = (locator: Locator) => locator.evaluate((element) => element.textContent?.replace(/\s+/g, " ").trim() ?? "");

/** Waits until the results shown are those of the search in the URL (the permalink), not the previous one. */
async function waitForResults(page: Page, hashPart: string) {
  await page.waitForURL((url) => url.hash.includes(hashPart));
  const hash = new URL(page.url()).hash;
  await page.locator(`[data-testid="search-results"][data-loaded="${hash}"]`).waitFor();
  await page.getByTestId("establishment-row").first().waitFor();
}

async function searchByName(page: Page, target: Target) {
  await page.getByTestId("search-q").fill(target.name);
  await page.getByTestId("search-submit").click();
  await waitForResults(page, "q=");
  await page.locator(`[data-testid="area-map"] svg circle[data-id="${target.id}"]`).waitFor();
}

/** Opens the dossier from a result link and returns the JSON the page got from the API. */
async function openDossier(page: Page, target: Target): Promise<EstablishmentDossier> {
  const response = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/establishments/${target.id}`);
  await page.locator(`[data-testid="establishment-row"][data-id="${target.id}"] [data-testid="establishment-link"]`).click();
  const dossier = (await (await response).json()) as EstablishmentDossier;
  await page.waitForURL((url) => url.hash === `#/establishments/${target.id}`);
  await page.getByRole("heading", { level: 1, name: `Dossier ${target.name}` }).waitFor();
  return dossier;
}

async function expectDossierShows(page: Page, dossier: EstablishmentDossier) {
  // Open items come first, one per item the API judged open.
  const open = page.getByTestId("open-items");
  await open.waitFor();
  expect(dossier.openItems.length).toBeGreaterThanOrEqual(1);
  expect(await open.getAttribute("data-count")).toBe(String(dossier.openItems.length));
  expect(await page.getByTestId("open-item").count()).toBe(dossier.openItems.length);
  expect(await open.locator('[data-kind="violation-without-follow-up"]').count()).toBeGreaterThanOrEqual(1);

  const permits = page.getByTestId("permit-row");
  expect(await permits.count()).toBe(dossier.permits.length);
  expect(await textOf(permits.first())).toContain(permitStatusWords[dossier.permits[0]!.status]);

  expect(await page.getByTestId("inspection-row").count()).toBe(dossier.inspections.length);
  const unfollowed = dossier.inspections.filter((i) => i.result !== "compliant" && i.followUpOn === null).length;
  expect(unfollowed).toBeGreaterThanOrEqual(1);
  expect(await page.getByTestId("no-follow-up").count()).toBe(unfollowed);
  expect(await textOf(page.getByTestId("no-follow-up").first())).toBe("geen hercontrole");

  expect(await page.getByTestId("complaint-row").count()).toBe(dossier.complaints.length);
  await expect.poll(() => page.locator('[data-testid="complaints-chart"] svg g[aria-label="bar"] rect').count()).toBe(dossier.complaintsByYear.length);
  const yearTotals = await page
    .locator('[data-testid="complaints-year-table"] tbody tr td:last-child')
    .evaluateAll((cells) => cells.map((c) => Number(c.textContent)));
  expect(yearTotals.reduce((a, b) => a + b, 0)).toBe(dossier.complaints.length);

  // The timeline draws one symbol per application, decision, inspection and complaint, and lists them.
  const events = dossier.permits.length + dossier.permits.filter((p) => p.decidedOn).length + dossier.inspections.length + dossier.complaints.length;
  await page.locator('[data-testid="timeline-chart"] svg g[aria-label="dot"] path').first().waitFor();
  await expect.poll(() => page.locator('[data-testid="timeline-chart"] svg g[aria-label="dot"] path').count()).toBe(events);
  expect(await page.locator('[data-testid="timeline-table"] tbody tr').count()).toBe(events);

  // Nearby measurements: quality tier in words, and every norm check in words that say what it is: a
  // limit value tested ("boven/onder de grenswaarde") only for an assessed annual mean, the WHO
  // guideline as advice ("advieswaarde"), anything else indicative.
  const measurements = page.getByTestId("nearby-measurement");
  const nearby = [...dossier.nearby.stations, ...dossier.nearby.sensors];
  expect(nearby.length).toBeGreaterThanOrEqual(1);
  expect(await measurements.count()).toBe(nearby.length);
  const nearest = dossier.nearby.stations[0] ?? dossier.nearby.sensors[0]!;
  expect(await textOf(measurements.first().getByTestId("quality-tier"))).toBe(tierWords[nearest.qualityTier]);
  const shownTiers = await page.getByTestId("quality-tier").evaluateAll((cells) => cells.map((c) => c.textContent?.trim()));
  expect(new Set(shownTiers)).toEqual(new Set(nearby.map((m) => tierWords[m.qualityTier])));
  const checks = nearby.flatMap((m) =>
    m.values.flatMap((v) => v.norms.map((check) => ({ ...check, measured: v.value !== null, assessed: v.reading === "assessment" }))),
  );
  const checkTexts = await page.getByTestId("norm-check").evaluateAll((items) => items.map((i) => i.textContent?.replace(/\s+/g, " ").trim() ?? ""));
  expect(checkTexts.length).toBe(checks.length);
  const tested = checks.filter((c) => c.measured && c.assessed && c.kind === "limit");
  expect(checkTexts.filter((text) => text.startsWith("▲ boven de grenswaarde")).length).toBe(tested.filter((c) => c.above).length);
  expect(checkTexts.filter((text) => text.startsWith("✓ onder de grenswaarde")).length).toBe(tested.filter((c) => !c.above).length);
  const advice = checks.filter((c) => c.measured && c.kind === "guideline");
  expect(checkTexts.filter((text) => /^[◆◇] (boven|onder) de advieswaarde WHO-advieswaarde/.test(text)).length).toBe(advice.length);
  expect(await page.getByTestId("nearby-summary").count()).toBe(1);
  await page.locator('[data-testid="norm-chart-365d"] svg g[aria-label="bar"] rect').first().waitFor();

  if (dossier.noise) expect(await page.locator('[data-testid="noise-table"] tbody tr').count()).toBe(dossier.noise.classes.length);
}

describe("permit officer", () => {
  it("searches by name, near a typed point and near a point picked on the map, with results and dots on the map", async () => {
    const { page } = suite;
    const target = await findTarget();
    await loginViaForm(page, "permit");
    await page.getByRole("heading", { level: 1, name: "Milieubelastende activiteiten zoeken" }).waitFor();
    expect(page.url()).toMatch(/#\/establishments$/);
    expect(await page.getByTestId("nav-establishments").getAttribute("aria-current")).toBe("page");
    expect(await page.getByTestId("nav-audit").count()).toBe(0);

    await searchByName(page, target);
    const names = await page.getByTestId("establishment-link").allInnerTexts();
    expect(names.length).toBeGreaterThanOrEqual(1);
    for (const name of names) expect(name.toLowerCase()).toContain(target.name.toLowerCase());
    expect(await rowIds(page)).toContain(target.id);
    expect((await mapDotIds(page)).sort()).toEqual((await rowIds(page)).sort());
    expect(names.length).toBe(Math.min(25, Number(await page.getByTestId("result-count").getAttribute("data-total"))));

    // Near the target's own coordinates: the target first, nearest first, all within the radius.
    const { lat, lon } = (await suite.monitor.db.query("SELECT lat, lon FROM main.establishments WHERE establishment_id = $id", { id: target.id }))[0]!;
    await page.getByTestId("search-q").fill("");
    await page.getByTestId("search-lat").fill(String(lat));
    await page.getByTestId("search-lon").fill(String(lon));
    await page.getByTestId("search-radius").fill("400");
    await page.getByTestId("search-submit").click();
    await waitForResults(page, "near=");
    expect(page.url()).toMatch(/#\/establishments\?near=[-\d.]+%2C[-\d.]+&radius=400$/);
    expect(await page.getByTestId("search-sort").inputValue()).toBe("distance");
    expect((await rowIds(page))[0]).toBe(target.id);
    const near = await distances(page);
    expect(near[0]).toBe(0);
    expect(near).toEqual([...near].sort((a, b) => a - b));
    expect(near.every((d) => d <= 400)).toBe(true);
    expect((await mapDotIds(page)).sort()).toEqual((await rowIds(page)).sort());
    await expect.poll(() => page.locator('[data-testid="area-map"] svg g[aria-label="dot"] path').count()).toBe(1);
    expect((await page.getByTestId("map-summary").innerText()).trim()).toContain("straal van 400 m");

    // Picking on the map: click at the target's own dot and the search runs around that point.
    await page.getByTestId("search-lat").fill("");
    await page.getByTestId("search-lon").fill("");
    await searchByName(page, target);
    await page.getByTestId("pick-toggle").click();
    expect(await page.getByTestId("pick-toggle").getAttribute("aria-pressed")).toBe("true");
    await page.locator('[data-testid="area-map"][data-picking="true"]').waitFor();
    const box = (await page.locator(`[data-testid="area-map"] svg circle[data-id="${target.id}"]`).boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await waitForResults(page, "near=");
    expect(await page.getByTestId("pick-toggle").getAttribute("aria-pressed")).toBe("false");
    const picked = { lat: Number(await page.getByTestId("search-lat").inputValue()), lon: Number(await page.getByTestId("search-lon").inputValue()) };
    expect(Math.abs(picked.lat - Number(lat))).toBeLessThan(0.002);
    expect(Math.abs(picked.lon - Number(lon))).toBeLessThan(0.003);
    const pickedDistances = await distances(page);
    expect(pickedDistances[0]).toBeLessThan(150);
    expect(pickedDistances).toEqual([...pickedDistances].sort((a, b) => a - b));
    expect(await rowIds(page)).toContain(target.id);
  });

  it("opens a dossier with its open items, permits, inspections, complaints, timeline and nearby measurements against the norms, exports it, and opens the location dossier", async () => {
    const { page } = suite;
    const target = await findTarget();
    await loginViaForm(page, "permit");
    await page.getByTestId("search-q").waitFor();
    await searchByName(page, target);
    const dossier = await openDossier(page, target);
    await expectDossierShows(page, dossier);

    // The export is a same-origin download of the API's CSV, its words in the UI's language.
    const exportLink = page.getByTestId("export-csv");
    expect(await exportLink.getAttribute("href")).toBe(`/api/v1/establishments/${target.id}?format=csv&lang=nl`);
    const download = page.waitForEvent("download");
    await exportLink.click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`dossier-${target.id}.csv`);
    const csv = readFileSync((await file.path())!, "utf8");
    expect(csv.split(/\r?\n/)[0]).toContain(`milieubelastende activiteit ${target.id}`);
    const exported = await page.evaluate(async (href) => {
      const response = await fetch(href);
      return { status: response.status, type: response.headers.get("content-type") };
    }, `/api/v1/establishments/${target.id}?format=csv`);
    expect(exported).toEqual({ status: 200, type: expect.stringMatching(/^text\/csv/) });
    expect(await page.getByTestId("print").isVisible()).toBe(true);

    // "Omgeving van deze locatie": the location dossier of its BAG address lists it at 0 m.
    await page.getByTestId("location-link").click();
    await page.waitForURL((url) => url.hash.startsWith("#/locations?address="));
    await page.getByTestId("location-title").waitFor();
    expect((await page.getByTestId("location-buurt").innerText()).trim()).toContain(dossier.establishment.buurtName!);
    const around = page.locator(`[data-testid="around"] [data-testid="establishment-row"][data-id="${target.id}"]`);
    await around.waitFor();
    expect(await around.getByTestId("distance").getAttribute("data-metres")).toBe("0");
    expect(await page.locator('[data-testid="key-figures"] tbody tr').count()).toBeGreaterThanOrEqual(1);
    expect(await page.getByTestId("nearby-measurement").count()).toBeGreaterThanOrEqual(1);
    await page.locator(`[data-testid="area-map"] svg circle[data-id="${target.id}"]`).waitFor();
  });

  it("shows the admin the permit officer's dossier views and export in the audit log", async () => {
    const { page } = suite;
    const target = await findTarget();
    await loginViaForm(page, "permit");
    await page.getByTestId("search-q").waitFor();
    await searchByName(page, target);
    await openDossier(page, target);
    const exported = page.waitForEvent("download");
    await page.getByTestId("export-csv").click();
    await exported;
    await page.getByTestId("logout").click();
    await page.locator("input[name=username]").waitFor();

    await loginViaForm(page, "admin");
    await page.getByTestId("nav-audit").click();
    await page.waitForURL((url) => url.hash === "#/audit");
    await page.getByRole("heading", { level: 1, name: "Auditlog" }).waitFor();
    const rows = page.locator(`[data-testid="audit-row"][data-user="permit"][data-subject="${target.id}"]`);
    await rows.first().waitFor();
    const actions = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-action")));
    expect(actions).toContain("view-establishment");
    expect(actions).toContain("export-establishment");
    const viewed = page.locator(`[data-testid="audit-row"][data-action="view-establishment"][data-subject="${target.id}"]`).first();
    expect(await textOf(viewed)).toContain("dossier bekeken");
    expect(await textOf(viewed)).toContain("vergunningverlener");
    expect(await viewed.getByTestId("audit-subject").getAttribute("href")).toBe(`#/establishments/${target.id}`);
    const exportRow = page.locator(`[data-testid="audit-row"][data-action="export-establishment"][data-subject="${target.id}"]`).first();
    expect(await textOf(exportRow)).toContain("dossier geëxporteerd (CSV)");
  });

  it("refuses a policy officer the establishment pages and the API, and a permit officer the audit log", async () => {
    const { page } = suite;
    const target = await findTarget();
    await loginViaForm(page, "policy");
    await page.getByTestId("logout").waitFor();
    expect(await page.getByTestId("nav-establishments").count()).toBe(0);
    expect(await page.getByTestId("nav-audit").count()).toBe(0);

    await page.goto(`/#/establishments/${target.id}`);
    const refused = page.getByTestId("forbidden");
    await refused.waitFor();
    expect((await refused.innerText()).trim()).toBe("Geen toegang: uw rol (beleidsmedewerker) mag deze gegevens niet inzien.");
    expect(await page.getByTestId("dossier-title").count()).toBe(0);
    expect(await page.getByTestId("permit-row").count()).toBe(0);

    const answers = await page.evaluate(
      async (paths) => {
        const results = [];
        for (const path of paths) {
          const response = await fetch(path);
          results.push({ path, status: response.status, type: response.headers.get("content-type") });
        }
        return results;
      },
      [`/api/v1/establishments/${target.id}`, `/api/v1/establishments/${target.id}?format=csv`, "/api/v1/establishments?q=a", "/api/v1/audit"],
    );
    for (const answer of answers) expect(answer).toEqual({ path: answer.path, status: 403, type: expect.stringMatching(/^application\/problem\+json/) });

    await page.goto("/#/establishments");
    await page.getByTestId("forbidden").waitFor();
    expect(await page.getByTestId("establishment-row").count()).toBe(0);

    await page.getByTestId("logout").click();
    await page.locator("input[name=username]").waitFor();
    await loginViaForm(page, "permit");
    await page.getByTestId("search-q").waitFor();
    await page.goto("/#/audit");
    await page.getByTestId("forbidden").waitFor();
    expect(await page.getByTestId("audit-row").count()).toBe(0);
  });

  it("goes from the station list to a station with a drawn hourly chart and an exceedance table", async () => {
    const { page } = suite;
    await loginViaForm(page, "permit");
    await page.getByTestId("nav-stations").click();
    await page.getByRole("heading", { level: 1, name: "Meetstations" }).waitFor();
    expect(page.url()).toMatch(/#\/stations$/);

    const links = page.getByTestId("station-link");
    await links.first().waitFor();
    expect(await links.count()).toBe(TEST_DEMO.stations);
    const link = links.first();
    const name = (await link.innerText()).trim();
    const href = await link.getAttribute("href");
    expect(href).toMatch(/^#\/stations\/[A-Z]{2}\d{5}$/);
    await link.click();

    await page.waitForURL((url) => url.hash === href);
    await page.getByRole("heading", { level: 1, name: `Meetstation ${name}` }).waitFor();
    const hourly = page.getByTestId("hourly-chart");
    await hourly.waitFor();
    expect(await hourly.evaluate((element) => element.tagName)).toBe("FIGURE");
    expect(await hourly.locator('svg[class^="plot"]').count()).toBeGreaterThanOrEqual(1);
    expect(await drawnLines(hourly)).toBeGreaterThanOrEqual(1);
    expect((await hourly.getByTestId("chart-summary").innerText()).trim()).not.toBe("");

    const exceedances = page.getByTestId("exceedance-table");
    await exceedances.waitFor();
    // Data rows name a pollutant in a row header; the "none computed" row has none.
    expect(await exceedances.locator("tbody tr").count()).toBeGreaterThanOrEqual(1);
    expect(await exceedances.locator("tbody tr th[scope=row]").count()).toBeGreaterThanOrEqual(1);
    expect(await page.getByTestId("forbidden").count()).toBe(0);
  });

  it("shows the login error for a wrong password and stays on the login form", async () => {
    const { page } = suite;
    await loginViaForm(page, "permit", "not-the-password");
    const error = page.getByTestId("login-error");
    await error.waitFor();
    expect(await error.getAttribute("role")).toBe("alert");
    expect((await error.innerText()).trim()).toBe("Onjuiste gebruikersnaam of wachtwoord");
    expect(await page.locator("input[name=username]").isVisible()).toBe(true);
    expect(await page.locator("button[type=submit]").isEnabled()).toBe(true);
    expect(await page.getByTestId("logout").count()).toBe(0);
    expect(await page.getByTestId("station-link").count()).toBe(0);
  });

  it("logs out back to the login form, and the session stays ended after a reload", async () => {
    const { page } = suite;
    await loginViaForm(page, "permit");
    await page.getByTestId("establishment-link").first().waitFor();

    await page.getByTestId("logout").click();
    await page.locator("input[name=username]").waitFor();
    expect(page.url()).toMatch(/#\/login$/);
    expect(await page.getByTestId("logout").count()).toBe(0);
    expect(await page.getByTestId("nav-stations").count()).toBe(0);
    expect(await page.getByTestId("establishment-link").count()).toBe(0);

    await page.reload();
    await page.locator("input[name=username]").waitFor();
    expect(await page.getByTestId("logout").count()).toBe(0);
  });
});
