/**
 * Issue 21, points 2 and 6 in Chromium, as an analyst: a run that rejected rows shows "geslaagd met
 * waarschuwingen" with the count and share rejected in the pipeline list, the run history and on the
 * run page; its rejected rows download as CSV without the reader's own columns; a run started from
 * the UI says who started it; and the run page has no serious or critical axe violation.
 */
import { readFileSync } from "node:fs";
import type { Locator, Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { findPipeline } from "../../src/pipelines/index.ts";
import { seriousViolations } from "../support/axe.ts";
import { browserSuite, loginViaForm } from "../support/browser.ts";
import { startTestMonitor } from "../support/test-server.ts";

const suite = browserSuite(() => startTestMonitor(inject("demoDir")));
const complaints = findPipeline("complaints")!;

/**
 * Stands in for the registered complaints pipeline (same name, table and columns): 200 records, 3 of
 * them rejected (a complaint number off the pattern, a longitude that is no number, a latitude too
 * high), so 1.5 %.
 */
const withRejects: typeof complaints = {
  ...complaints,
  source: {
    kind: "records",
    describe: "an upstream with a few bad records",
    async *extract() {
      const complaint = (i: number) => ({
        complaint_id: `KL-${String(900000 + i)}`,
        establishment_id: null,
        received_on: "2025-11-03",
        kind: "noise",
        status: "open",
        lon: 5.12,
        lat: 52.08,
      });
      yield {
        origin: "page 1",
        records: [
          ...Array.from({ length: 197 }, (_, i) => complaint(i)),
          { ...complaint(197), complaint_id: "K-1" },
          { ...complaint(198), lon: "n/a" },
          { ...complaint(199), lat: 99 },
        ],
      };
    },
  },
  maxRejectShare: 0.05,
  checks: [],
  freshness: undefined,
};

const pipelineRow = (page: Page, name: string) => page.locator(`[data-testid="pipeline-row"][data-pipeline="${name}"]`);

/** A status's word, without the shape before it (decoration, hidden from screen readers). */
const word = async (status: Locator) => (await status.innerText()).trim().replace(/^[!✓✕]\s*/, "");

describe("a run that rejected rows", () => {
  it("shows as succeeded with warnings, with the count and share rejected, everywhere; its rejects download as CSV", async () => {
    const { page, monitor } = suite;
    const result = await monitor.runner.run(withRejects, "manual");
    expect(result).toMatchObject({ status: "succeeded", rowsRead: 200, rowsRejected: 3 });

    await loginViaForm(page, "analyst");
    const last = pipelineRow(page, "complaints").getByTestId("last-run");
    await last.and(page.locator(`[data-run-id="${result.runId}"]`)).waitFor();
    const listStatus = last.getByTestId("run-status");
    expect(await listStatus.getAttribute("data-status")).toBe("succeeded");
    expect(await listStatus.getAttribute("data-warnings")).toBe("true");
    expect(await word(listStatus)).toBe("geslaagd met waarschuwingen");
    expect((await last.getByTestId("rejected-share").innerText()).trim()).toBe("3 rijen afgekeurd (1,5 %)");

    await page.goto("/#/pipelines/complaints");
    const newest = page.locator(`[data-run-id="${result.runId}"]`);
    await newest.waitFor();
    expect(await word(newest.getByTestId("run-status"))).toBe("geslaagd met waarschuwingen");
    expect((await newest.getByTestId("rejected-share").innerText()).trim()).toBe("3 rijen afgekeurd (1,5 %)");

    await page.goto(`/#/pipelines/complaints/runs/${result.runId}`);
    const summary = page.getByTestId("run-summary");
    await summary.getByTestId("rejected-share").waitFor();
    expect(await summary.getByTestId("run-status").getAttribute("data-warnings")).toBe("true");
    expect((await summary.getByTestId("rejected-share").innerText()).trim()).toBe("3 rijen afgekeurd (1,5 %)");
    await page.getByTestId("reject-table").waitFor();
    // The longitude that was no number went through the reader's __type_error: shown under its own column.
    expect(await page.getByTestId("reject-table").innerText()).not.toContain("__");
    expect(await page.getByTestId("check-table").innerText()).not.toContain("__");

    const link = page.getByTestId("rejects-csv");
    expect((await link.innerText()).trim()).toBe("Download afgekeurde rijen (CSV)");
    const pending = page.waitForEvent("download");
    await link.click();
    const file = await pending;
    expect(file.suggestedFilename()).toBe(`complaints-run-${result.runId}-rejects.csv`);
    const lines = readFileSync((await file.path())!, "utf8").split("\r\n");
    expect(lines[1]).toBe("regel,kolom,reden,ruwe waarde,herkomst");
    expect(lines.slice(2, -1).map((line) => line.split(",")[1])).toEqual(["complaint_id", "lon", "lat"]);
    expect(lines.join("\n")).not.toContain("__");

    expect(await seriousViolations(page)).toEqual([]);

    await page.locator("button[lang=en]").click();
    await summary.getByTestId("rejected-share").filter({ hasText: "rejected" }).waitFor();
    expect((await summary.getByTestId("rejected-share").innerText()).trim()).toBe("3 rows rejected (1.5 %)");
    expect(await word(summary.getByTestId("run-status"))).toBe("succeeded with warnings");
  });
});

describe("a run started from the UI", () => {
  it("says who started it, in the run history and on the run page", async () => {
    const { page } = suite;
    await loginViaForm(page, "analyst");
    const stations = pipelineRow(page, "air-quality-stations");
    await stations.getByTestId("run-now").click();
    const message = stations.getByTestId("run-message");
    await message.filter({ hasText: /gestart \(run \d+\)/ }).waitFor();
    const runId = Number(/run (\d+)/.exec(await message.innerText())?.[1]);
    // The list follows the run until it has finished, however long that takes.
    await stations.locator(`[data-testid="last-run"][data-run-id="${runId}"] [data-status="succeeded"]`).waitFor();

    await page.goto("/#/pipelines/air-quality-stations");
    const row = page.locator(`[data-run-id="${runId}"]`);
    await row.waitFor();
    expect((await row.getByTestId("run-trigger").innerText()).trim()).toBe("handmatig door analyst");

    await page.goto(`/#/pipelines/air-quality-stations/runs/${runId}`);
    const trigger = page.getByTestId("run-summary").getByTestId("run-trigger");
    await trigger.waitFor();
    expect((await trigger.innerText()).trim()).toBe("handmatig door analyst");
  });
});
