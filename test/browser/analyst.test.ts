/**
 * The analyst in the browser: the pipeline overview, running a pipeline by hand and following it to
 * its history and run page; the rejected rows of a broken run, counted and sampled; and the
 * pipelines kept from a policy officer.
 */
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { z } from "zod";
import { definePipeline } from "../../src/pipelines/framework/define-pipeline.ts";
import { browserSuite, loginViaForm } from "../support/browser.ts";
import { TEST_DEMO } from "../support/global-setup.ts";
import { startTestMonitor } from "../support/test-server.ts";

const suite = browserSuite(() => startTestMonitor(inject("demoDir")));

const freshnessCodes = ["fresh", "warn", "stale", "unknown"];

function pipelineRow(page: Page, name: string) {
  return page.locator(`[data-testid="pipeline-row"][data-pipeline="${name}"]`);
}

/** The plain number a count cell carries; the visible text is formatted for the language. */
async function count(page: Page, key: "read" | "loaded" | "rejected" | "duplicate"): Promise<number> {
  const value = await page.getByTestId(`count-${key}`).getAttribute("data-count");
  expect(value, `count-${key}`).toMatch(/^\d+$/);
  return Number(value);
}

describe("analyst", () => {
  it("lands on the pipelines, runs one by hand and follows the run to its history and run page", async () => {
    const { page } = suite;
    await loginViaForm(page, "analyst");
    await page.getByRole("heading", { level: 1, name: "Pijplijnen" }).waitFor();
    expect(page.url()).toMatch(/#\/pipelines$/);
    expect(await page.getByTestId("nav-pipelines").isVisible()).toBe(true);
    expect(await page.getByTestId("nav-pipelines").getAttribute("aria-current")).toBe("page");
    await page.getByTestId("pipeline-table").waitFor();

    // The start-up runs of the test monitor have loaded both pipelines.
    for (const name of ["air-quality-stations", "air-quality-measurements"]) {
      const row = pipelineRow(page, name);
      const status = row.getByTestId("last-run").getByTestId("run-status");
      await status.waitFor();
      expect(await status.getAttribute("data-status")).toBe("succeeded");
      // The word is there, not only the colour; the shape glyph before it is decoration.
      expect(await status.innerText()).toContain("geslaagd");
      expect(freshnessCodes).toContain(await row.getByTestId("freshness").getAttribute("data-freshness"));
      expect(await row.getByTestId("run-now").isEnabled()).toBe(true);
    }

    // The measurements load their history in slices (RIVM's validated years and provisional months):
    // all loaded, so the progress bar is gone and the count stays.
    const backfill = pipelineRow(page, "air-quality-measurements").getByTestId("backfill");
    expect(await backfill.innerText()).toMatch(/^Geschiedenis: (\d+) van \1 delen geladen, [\d.]+ rijen$/);
    expect(await backfill.locator("progress").count()).toBe(0);
    expect(await pipelineRow(page, "air-quality-stations").getByTestId("backfill").count()).toBe(0);

    const stations = pipelineRow(page, "air-quality-stations");
    const before = Number(await stations.getByTestId("last-run").getAttribute("data-run-id"));
    expect(before).toBeGreaterThan(0);
    await stations.getByTestId("run-now").click();
    const message = stations.getByTestId("run-message");
    await message.filter({ hasText: /gestart \(run \d+\)/ }).waitFor();
    expect(await message.getAttribute("role")).toBe("status");
    const runId = Number(/run (\d+)/.exec(await message.innerText())?.[1]);
    expect(runId).toBeGreaterThan(before);

    // The list polls while the run is going and shows it once it has finished.
    await stations.locator(`[data-testid="last-run"][data-run-id="${runId}"] [data-status="succeeded"]`).waitFor();
    expect((await stations.getByTestId("rows").innerText()).trim()).toMatch(/^\d+ \/ \d+$/);

    await stations.getByTestId("history-link").click();
    await page.waitForURL((url) => url.hash === "#/pipelines/air-quality-stations");
    await page.getByTestId("run-table").waitFor();
    const newest = page.getByTestId("run-link").first();
    expect((await newest.innerText()).trim()).toBe(String(runId));
    expect(await page.getByTestId("run-link").count()).toBeGreaterThanOrEqual(2);
    await newest.click();

    await page.waitForURL((url) => url.hash === `#/pipelines/air-quality-stations/runs/${runId}`);
    await page.getByRole("heading", { level: 1, name: `Run ${runId} van air-quality-stations` }).waitFor();
    const summaryStatus = page.getByTestId("run-summary").getByTestId("run-status");
    await summaryStatus.waitFor();
    expect(await summaryStatus.getAttribute("data-status")).toBe("succeeded");

    const [read, loaded, rejected, duplicate] = [
      await count(page, "read"),
      await count(page, "loaded"),
      await count(page, "rejected"),
      await count(page, "duplicate"),
    ];
    expect(loaded + rejected + duplicate).toBe(read);
    expect(loaded).toBe(TEST_DEMO.stations);
    expect(await page.getByTestId("run-error").count()).toBe(0);

    const checks = page.getByTestId("check-table");
    await checks.waitFor();
    expect(await checks.locator("caption").count()).toBe(1);
    const checkRows = checks.getByTestId("check-row");
    expect(await checkRows.count()).toBeGreaterThanOrEqual(1);
    for (const row of await checkRows.all()) {
      const passed = await row.getAttribute("data-passed");
      expect(["true", "false"]).toContain(passed);
      const word = (await row.getByTestId("check-result").innerText()).trim().replace(/^[✓✕]\s*/, "");
      expect(word).toBe(passed === "true" ? "voldaan" : "niet voldaan");
    }
    // The server's check messages come in both languages; the page shows the UI's.
    const messages = page.getByTestId("check-message");
    expect(await messages.allInnerTexts()).toContain("number is uniek");
    expect((await messages.allInnerTexts()).some((text) => /^\d+ → \d+ rijen \(\+0,0 %; toegestaan hoogstens −25 %\)$/.test(text.trim()))).toBe(true);
    await page.getByTestId("reject-table").waitFor();

    await page.locator("button[lang=en]").click();
    await page.getByRole("heading", { level: 1, name: `Run ${runId} of air-quality-stations` }).waitFor();
    expect(await summaryStatus.innerText()).toContain("succeeded");
    expect(await messages.allInnerTexts()).toContain("number is unique");
  });

  it("shows a broken run's rejected rows counted per column and reason, and says its sample is cut", async () => {
    const { page, monitor } = suite;
    // An upstream that breaks 1,200 station numbers and 5 values, standing in for the registered measurements pipeline.
    const record = (i: number, station: string, value: number) => ({
      station_number: station,
      formula: "NO2",
      value,
      timestamp_measured: new Date(Date.UTC(2025, 0, 1, i)).toISOString(),
    });
    const broken = definePipeline({
      name: "air-quality-measurements",
      title: { nl: "Kapotte bron", en: "Broken source" },
      schedule: "0 * * * *",
      source: {
        kind: "records",
        describe: "a broken upstream",
        async *extract() {
          yield {
            origin: "page 1",
            records: [
              ...Array.from({ length: 1200 }, (_, i) => record(i, `station ${i}`, 10)),
              ...Array.from({ length: 5 }, (_, i) => record(2000 + i, "NL10404", 9999)),
            ],
          };
        },
      },
      schema: z.object({
        station_number: z.string().regex(/^NL\d{5}$/),
        formula: z.string(),
        value: z.number().max(2000),
        timestamp_measured: z.iso.datetime(),
      }),
      mode: "upsert",
      key: ["station_number", "formula", "timestamp_measured"],
      attribution: { source: "test", licence: "CC0" },
    });
    const result = await monitor.runner.run(broken, "manual");
    expect(result).toMatchObject({ status: "failed", rowsRejected: 1205 });

    await loginViaForm(page, "analyst");
    await page.getByTestId("pipeline-table").waitFor();
    await page.goto(`/#/pipelines/air-quality-measurements/runs/${result.runId}`);
    const cut = page.getByTestId("rejects-sample-cut");
    await cut.waitFor();
    expect((await cut.innerText()).trim()).toBe(
      "Steekproef ingekort: 1.000 van 1.205 afgekeurde rijen getoond; de tellingen hierboven gelden voor alle 1.205.",
    );
    const counts = page.getByTestId("reject-count-row");
    expect(await counts.allInnerTexts()).toEqual(["station_number\tmoet passen bij het patroon ^NL\\d{5}$\t1.200", "value\tmag hoogstens 2000 zijn\t5"]);
    expect(await page.getByTestId("reject-row").count()).toBe(1000);

    await page.locator("button[lang=en]").click();
    await cut.filter({ hasText: "Sample cut" }).waitFor();
    expect((await cut.innerText()).trim()).toBe("Sample cut: showing 1,000 of 1,205 rejected rows; the counts above cover all 1,205.");
    expect(await counts.allInnerTexts()).toEqual(["station_number\tmust match ^NL\\d{5}$\t1,200", "value\tmust be at most 2000\t5"]);
  });

  it("is not offered to a policy officer, and #/pipelines answers with the forbidden message", async () => {
    const { page } = suite;
    await loginViaForm(page, "policy");
    await page.getByRole("heading", { level: 1, name: "Thema's en doelen" }).waitFor();
    // The header is drawn with the session, so it is complete once logout shows.
    await page.getByTestId("logout").waitFor();
    expect(await page.getByTestId("nav-pipelines").count()).toBe(0);

    await page.goto("/#/pipelines");
    const forbidden = page.getByTestId("forbidden");
    await forbidden.waitFor();
    expect(await forbidden.getAttribute("role")).toBe("alert");
    expect(await forbidden.innerText()).toContain("Geen toegang");
    expect(await forbidden.innerText()).toContain("beleidsmedewerker");
    expect(await page.getByTestId("pipeline-table").count()).toBe(0);
    expect(await page.getByTestId("run-now").count()).toBe(0);
  });
});
