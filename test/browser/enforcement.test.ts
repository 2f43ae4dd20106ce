/**
 * Enforcement in the browser: the dossier of an establishment with findings shows them with their
 * sanctions and why an inspection is due; the search sorted by "inspection due"; its CSV export link
 * downloads every match; and the dossier prints as a site-visit sheet of at most two A4 pages with
 * the address, the open items and the last inspection.
 */
import { readFileSync } from "node:fs";
import { describe, expect, inject, it } from "vitest";
import { browserSuite, loginViaForm } from "../support/browser.ts";
import { startTestMonitor } from "../support/test-server.ts";

const suite = browserSuite(() => startTestMonitor(inject("demoDir")));

/** The establishment with the most records (permits, inspections, findings, complaints): the longest dossier. */
async function mostRecords(): Promise<{ id: string; address: string }> {
  const rows = await suite.monitor.db.query(`
    SELECT e.establishment_id AS id, e.street || ' ' || e.house_number AS address,
      (SELECT count(*) FROM main.permits p WHERE p.establishment_id = e.establishment_id)
      + (SELECT count(*) FROM main.inspections i WHERE i.establishment_id = e.establishment_id)
      + (SELECT count(*) FROM main.inspection_findings f JOIN main.inspections i USING (inspection_id) WHERE i.establishment_id = e.establishment_id)
      + (SELECT count(*) FROM main.complaints c WHERE c.establishment_id = e.establishment_id) AS records
    FROM main.establishments e ORDER BY records DESC, e.establishment_id LIMIT 1`);
  return { id: String(rows[0]!.id), address: String(rows[0]!.address) };
}

describe("enforcement", () => {
  it("shows an establishment's findings with their sanctions and why an inspection is due", async () => {
    const { page } = suite;
    const [row] = await suite.monitor.db.query(
      "SELECT i.establishment_id AS id FROM main.inspection_findings f JOIN main.inspections i USING (inspection_id) WHERE f.sanction <> 'none' ORDER BY f.finding_id LIMIT 1",
    );
    const id = String(row!.id);
    await loginViaForm(page, "permit");
    await page.getByTestId("search-q").waitFor();
    await page.goto(`/#/establishments/${id}`);
    await page.getByTestId("dossier-title").waitFor();
    const findings = page.getByTestId("inspection-table").getByTestId("finding-row");
    await findings.first().waitFor();
    const text = (await page.getByTestId("inspection-table").innerText()).replace(/\s+/g, " ");
    expect(text).toMatch(/waarschuwing|last onder dwangsom|last onder bestuursdwang|bestuurlijke boete/);
    expect(text).not.toMatch(/last_warning|penalty_order|serious_violation/);
    const due = page.getByTestId("inspection-due");
    expect(await due.innerText()).toContain("Controle nodig?");
    expect(Number(await due.getAttribute("data-score"))).toBeGreaterThanOrEqual(0);
    if ((await page.getByTestId("due-reason").count()) > 0) expect(await page.getByTestId("due-reason").first().innerText()).toMatch(/\d+ punten/);
  });

  it("sorts the search by inspection due and exports every match as CSV", async () => {
    const { page } = suite;
    await loginViaForm(page, "permit");
    await page.getByTestId("search-q").waitFor();
    await page.goto("/#/establishments?sort=due");
    await page.getByTestId("establishment-row").first().waitFor();
    // The login's landing list (by name) may still be on screen for a moment: wait for the answer to sort=due.
    const readScores = () => page.getByTestId("due").evaluateAll((cells) => cells.map((cell) => Number(cell.getAttribute("data-score"))));
    await expect
      .poll(
        async () => {
          const scores = await readScores();
          return scores.length > 0 && scores.every((score, i) => i === 0 || scores[i - 1]! >= score);
        },
        { timeout: 60_000 },
      )
      .toBe(true);
    const scores = await readScores();
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(await page.getByTestId("search-sort").inputValue()).toBe("due");

    const total = Number(await page.getByTestId("result-count").getAttribute("data-total"));
    const link = page.getByTestId("search-export-csv");
    expect(await link.getAttribute("href")).toBe("/api/v1/establishments?sort=due&format=csv&lang=nl");
    const download = page.waitForEvent("download");
    await link.click();
    const file = await download;
    const lines = readFileSync((await file.path())!, "utf8")
      .trim()
      .split(/\r?\n/);
    expect(lines[1]).toContain("milieubelastende activiteit");
    expect(lines.length - 2).toBe(total);
  });

  it("prints the longest dossier as a site-visit sheet on at most two A4 pages", async () => {
    const { page } = suite;
    const target = await mostRecords();
    await loginViaForm(page, "permit");
    await page.getByTestId("search-q").waitFor();
    await page.goto(`/#/establishments/${target.id}`);
    await page.getByTestId("dossier-title").waitFor();
    await page.getByTestId("inspection-due").waitFor();
    await page.emulateMedia({ media: "print" });
    // The dossier lives in a shadow root: the text of what is displayed on paper (display: none left out).
    const printed = await page.evaluate(() => {
      const find = (root: ParentNode): Element | null => {
        for (const element of root.querySelectorAll("*")) {
          if (element.tagName === "MM-ESTABLISHMENT-DOSSIER") return element;
          const inner = element.shadowRoot ? find(element.shadowRoot) : null;
          if (inner) return inner;
        }
        return null;
      };
      const dossier = find(document)!.shadowRoot!;
      return [...dossier.children]
        .filter((child) => getComputedStyle(child).display !== "none")
        .map((child) => (child as HTMLElement).innerText)
        .join("\n");
    });
    expect(printed).toContain(target.address);
    expect(printed).toMatch(/Openstaande punten|Geen openstaande punten/);
    expect(printed).toContain("Laatste controle");
    expect(printed).toContain("Controle nodig?");
    expect(printed).toMatch(/Afgedrukt op .+; gegevens per/);
    // Left off the paper: the timeline and the air-quality tables.
    expect(printed).not.toContain("Tijdlijn");

    const pdf = (await page.pdf({ format: "A4", printBackground: false })).toString("latin1");
    const pages = pdf.match(/\/Type\s*\/Page(?!s)/g) ?? [];
    expect(pages.length, "printed pages").toBeGreaterThan(0);
    expect(pages.length, "printed pages").toBeLessThanOrEqual(2);
  });
});
