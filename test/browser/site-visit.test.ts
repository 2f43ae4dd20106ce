/**
 * Issue 20's "done when", as one permit officer's session in Chromium: type part of an address with
 * a typo, pick the suggestion, land on the location dossier titled by the address with the building
 * map drawn and the complaints and sensitive buildings around it; open the establishment at that
 * address, see its findings and why an inspection is due, export the dossier and print it on at most
 * two A4 pages. Each step goes through the page as the officer would (links, keyboard), never by URL.
 */
import { readFileSync } from "node:fs";
import { describe, expect, inject, it } from "vitest";
import { formatAddress } from "../../src/ground/address-text.ts";
import type { Address } from "../../src/ground/contract/contract-addresses.ts";
import { browserSuite, loginViaForm } from "../support/browser.ts";
import { startTestMonitor } from "../support/test-server.ts";

const suite = browserSuite(() => startTestMonitor(inject("demoDir")));

/**
 * An establishment with a sanctioned finding at its own BAG address (a plain number on a one-word
 * street), with complaints and a school or care address within 500 m: its address is what is typed.
 */
async function findTarget(): Promise<{ establishment: string; address: Address }> {
  const rows = await suite.monitor.db.query(`
    SELECT e.establishment_id AS establishment, a.address_id AS id, a.street, a.house_number AS number, a.house_letter AS letter,
      a.addition, a.postcode, a.place, a.lon, a.lat, a.buurt_code AS "buurtCode"
    FROM main.establishments e JOIN main.bag_addresses a ON a.postcode = e.postcode AND a.house_number = e.house_number
    WHERE a.house_letter IS NULL AND a.addition IS NULL AND length(a.street) >= 9 AND a.street NOT LIKE '% %'
      AND EXISTS (SELECT 1 FROM main.inspection_findings f JOIN main.inspections i USING (inspection_id)
                  WHERE i.establishment_id = e.establishment_id AND f.sanction <> 'none')
      AND EXISTS (SELECT 1 FROM main.complaints c WHERE meta.distance_m(a.lat, a.lon, c.lat, c.lon) <= 500)
      AND EXISTS (SELECT 1 FROM main.bag_addresses s WHERE regexp_matches(s.use_classes, 'onderwijsfunctie|gezondheidszorgfunctie')
                  AND meta.distance_m(a.lat, a.lon, s.lat, s.lon) <= 500)
    ORDER BY e.establishment_id LIMIT 1`);
  expect(rows.length, "the demo has an establishment with findings at a BAG address with complaints and a school or care nearby").toBe(1);
  const { establishment, ...address } = rows[0]!;
  return { establishment: String(establishment), address: address as unknown as Address };
}

/** The street begun (its last letter not typed yet) with one letter in the middle mistyped. */
function partialWithTypo(street: string): string {
  const begun = street.slice(0, -1);
  const at = Math.floor(begun.length / 2);
  return `${begun.slice(0, at)}${begun[at]!.toLowerCase() === "e" ? "a" : "e"}${begun.slice(at + 1)}`;
}

describe("a site visit prepared from an address", () => {
  it("goes from a mistyped address to a printed dossier of the establishment there", async () => {
    const { page } = suite;
    const { establishment, address } = await findTarget();
    await loginViaForm(page, "permit");
    await page.getByTestId("nav-establishments").waitFor();
    await page.goto("/#/locations");

    const input = page.getByRole("combobox", { name: /Adres/ });
    await input.waitFor();
    await input.pressSequentially(`${partialWithTypo(address.street)} ${address.number}`, { delay: 20 });
    const options = page.getByTestId("address-listbox").getByRole("option");
    await options.first().waitFor();
    const labels = (await options.allTextContents()).map((l) => l.replace(/\s+/g, " ").trim());
    const index = labels.indexOf(formatAddress(address));
    expect(index, `${formatAddress(address)} among ${labels.join(" | ")}`).toBeGreaterThanOrEqual(0);
    for (let i = 0; i <= index; i++) await input.press("ArrowDown");
    await input.press("Enter");

    // The location dossier: titled by the address, the buildings drawn, what is around it.
    await page.waitForURL((url) => url.hash.includes(`address=${address.id}`));
    expect((await page.getByTestId("location-title").textContent())?.trim()).toBe(`Omgevingsdossier ${formatAddress(address)}`);
    // A draw with the view's buildings loaded (one before they arrive draws none).
    const map = page.locator('mm-building-map[data-drawn-buildings]:not([data-drawn-buildings="0"])').first();
    await map.waitFor();
    expect(Number(await map.getAttribute("data-drawn-buildings"))).toBeGreaterThan(0);
    await page.getByTestId("sensitive-nearest").waitFor();
    await page.getByTestId("complaints-near-table").waitFor();
    expect(await page.getByTestId("complaints-near-table").locator("tbody tr").count()).toBeGreaterThan(0);

    // The establishment at the address, from the dossier's list of establishments around it.
    await page.locator(`[data-testid="establishment-row"][data-id="${establishment}"] [data-testid="establishment-link"]`).click();
    await page.waitForURL((url) => url.hash === `#/establishments/${establishment}`);
    await page.getByTestId("dossier-title").waitFor();
    expect(await page.getByTestId("bag-address").textContent()).toBe(formatAddress(address));
    await page.getByTestId("inspection-table").getByTestId("finding-row").first().waitFor();
    const due = page.getByTestId("inspection-due");
    expect(await due.innerText()).toContain("Controle nodig?");

    // Export: the dossier as CSV, in words.
    const download = page.waitForEvent("download");
    await page.getByTestId("export-csv").click();
    const csv = readFileSync((await (await download).path())!, "utf8");
    expect(csv).toContain(establishment);
    expect(csv).not.toMatch(/in_progress|serious_violation|environmental_permit|last_warning|penalty_order/);

    // Print: a site-visit sheet of at most two A4 pages.
    await page.emulateMedia({ media: "print" });
    const pdf = (await page.pdf({ format: "A4" })).toString("latin1");
    const pages = pdf.match(/\/Type\s*\/Page(?!s)/g) ?? [];
    expect(pages.length).toBeGreaterThan(0);
    expect(pages.length).toBeLessThanOrEqual(2);
  });
});
