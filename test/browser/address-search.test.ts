/**
 * The permit officer finds an address with the keyboard: types part of it with a typo into the
 * address box on the location page, picks the suggestion with ArrowDown and Enter, and lands on the
 * location dossier titled by the address, with the sensitive buildings and the complaints around it.
 */
import { describe, expect, inject, it } from "vitest";
import { formatAddress } from "../../src/ground/address-text.ts";
import type { Address } from "../../src/ground/contract/contract-addresses.ts";
import { browserSuite, loginViaForm } from "../support/browser.ts";
import { startTestMonitor } from "../support/test-server.ts";

const suite = browserSuite(() => startTestMonitor(inject("demoDir")));

/** A plain address on a long street name with a school or care address and a complaint within 400 m. */
async function findTarget(): Promise<Address> {
  const rows = await suite.monitor.db.query(`
    SELECT a.address_id AS id, a.street, a.house_number AS number, a.house_letter AS letter, a.addition, a.postcode, a.place, a.lon, a.lat, a.buurt_code AS "buurtCode"
    FROM main.bag_addresses a
    WHERE a.house_letter IS NULL AND a.addition IS NULL AND length(a.street) >= 10 AND a.street NOT LIKE '% %' AND a.house_number < 10
      AND EXISTS (SELECT 1 FROM main.complaints c WHERE meta.distance_m(a.lat, a.lon, c.lat, c.lon) <= 400)
      AND EXISTS (SELECT 1 FROM main.bag_addresses s WHERE regexp_matches(s.use_classes, 'onderwijsfunctie|gezondheidszorgfunctie')
                  AND meta.distance_m(a.lat, a.lon, s.lat, s.lon) <= 400)
    ORDER BY a.address_id LIMIT 1`);
  expect(rows.length, "the demo has an address with a school or care and a complaint nearby").toBe(1);
  return rows[0] as unknown as Address;
}

/** The street begun (its last letter not typed yet) with one letter in the middle mistyped. */
function partialWithTypo(street: string): string {
  const begun = street.slice(0, -1);
  const at = Math.floor(begun.length / 2);
  return `${begun.slice(0, at)}${begun[at]!.toLowerCase() === "e" ? "a" : "e"}${begun.slice(at + 1)}`;
}

describe("address search in the browser", () => {
  it("completes a mistyped partial address, picked with the keyboard, into the location dossier", async () => {
    const { page } = suite;
    const target = await findTarget();
    await loginViaForm(page, "permit");
    await page.getByTestId("nav-establishments").waitFor();
    await page.goto("/#/locations");
    const input = page.getByRole("combobox", { name: /Adres/ });
    await input.waitFor();
    expect(await input.getAttribute("aria-expanded")).toBe("false");

    const typed = `${partialWithTypo(target.street)} ${target.number}`;
    await input.pressSequentially(typed, { delay: 20 });
    const listbox = page.getByTestId("address-listbox");
    const options = listbox.getByRole("option");
    await options.first().waitFor();
    expect(await input.getAttribute("aria-expanded")).toBe("true");
    expect(await input.getAttribute("aria-controls")).toBe(await listbox.getAttribute("id"));
    const labels = await options.allTextContents();
    const index = labels.map((l) => l.replace(/\s+/g, " ").trim()).indexOf(formatAddress(target));
    expect(index, `${formatAddress(target)} among the suggestions for "${typed}": ${labels.join(" | ")}`).toBeGreaterThanOrEqual(0);

    for (let i = 0; i <= index; i++) await input.press("ArrowDown");
    const active = await input.getAttribute("aria-activedescendant");
    expect(await options.nth(index).getAttribute("id")).toBe(active);
    expect(await options.nth(index).getAttribute("aria-selected")).toBe("true");
    await input.press("Enter");

    await page.waitForURL((url) => url.hash.includes(`address=${target.id}`));
    const title = page.getByTestId("location-title");
    await title.waitFor();
    expect((await title.textContent())?.trim()).toBe(`Omgevingsdossier ${formatAddress(target)}`);
    expect(await title.textContent()).not.toMatch(/\d+\.\d{3,}/);

    const nearest = page.getByTestId("sensitive-nearest");
    await nearest.waitFor();
    expect(await nearest.locator("tbody tr").count()).toBeGreaterThan(0);
    expect(await page.getByTestId("sensitive-counts").textContent()).toMatch(/Woningen/);
    const complaints = page.getByTestId("complaints-near-table");
    await complaints.waitFor();
    expect(await complaints.locator("tbody tr").count()).toBeGreaterThan(0);
    const complaintText = (await complaints.textContent()) ?? "";
    expect(complaintText).toMatch(/open|in behandeling|afgehandeld/);
    expect(complaintText).not.toMatch(/in_progress|closed|odour/);
  });

  it("closes the list on Escape and says when no address is found", async () => {
    const { page } = suite;
    await loginViaForm(page, "permit");
    await page.getByTestId("nav-establishments").waitFor();
    await page.goto("/#/locations");
    const input = page.getByRole("combobox", { name: /Adres/ });
    await input.waitFor();
    await input.pressSequentially("Qwxzvbnmstraat 1", { delay: 10 });
    await page.getByText("Geen adres gevonden").first().waitFor();
    await input.press("Escape");
    expect(await input.getAttribute("aria-expanded")).toBe("false");
    await input.press("Escape");
    expect(await input.inputValue()).toBe("");
  });
});
