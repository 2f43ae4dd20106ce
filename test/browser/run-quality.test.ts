/**
 * Issue 21, points 3 and 4, as the analyst sees them: after two runs of a pipeline with changed data
 * the run page says what changed (counts by key, columns before → after, new years, and a visible
 * note when the row count drops by a quarter), and the pipeline's run list draws the quality chart
 * with the failed run marked by shape and text. Axe finds no serious or critical violation on either.
 */
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { z } from "zod";
import { definePipeline } from "../../src/pipelines/framework/define-pipeline.ts";
import { seriousViolations } from "../support/axe.ts";
import { browserSuite, loginViaForm } from "../support/browser.ts";
import { startTestMonitor } from "../support/test-server.ts";

const suite = browserSuite(() => startTestMonitor(inject("demoDir")));

/** Stands in for the registered co2-emissions pipeline (replace, key year and sector), with data the test states. */
const co2 = (rows: unknown[]) =>
  definePipeline({
    name: "co2-emissions",
    title: { nl: "CO2-uitstoot", en: "CO2 emissions" },
    schedule: "15 4 * * 2",
    source: {
      kind: "records",
      describe: "inline rows",
      async *extract() {
        yield { origin: "page 1", records: rows };
      },
    },
    schema: z.object({ year: z.number().int(), sector: z.string(), kton_co2: z.number().min(0) }),
    mode: "replace",
    key: ["year", "sector"],
    maxRejectShare: 0,
    attribution: { source: "test", licence: "CC0" },
  });

const countOf = async (page: Page, key: string) => Number(await page.getByTestId(`change-${key}`).getAttribute("data-count"));

describe("what changed and quality over time", () => {
  it("shows a publish's changes on the run page and the runs as a chart with the failed one marked", async () => {
    const { page, monitor } = suite;
    const first = await monitor.runner.run(
      co2([
        { year: 2020, sector: "traffic", kton_co2: 10 },
        { year: 2020, sector: "industry", kton_co2: 20 },
        { year: 2021, sector: "traffic", kton_co2: 11 },
        { year: 2021, sector: "industry", kton_co2: 21 },
      ]),
      "manual",
    );
    expect(first.status).toBe("succeeded");
    // Industry 2020 and 2021 are gone, traffic 2021 changed, 2024 is new: four rows become three.
    const second = await monitor.runner.run(
      co2([
        { year: 2020, sector: "traffic", kton_co2: 10 },
        { year: 2021, sector: "traffic", kton_co2: 15 },
        { year: 2024, sector: "traffic", kton_co2: 12 },
      ]),
      "manual",
    );
    expect(second.status).toBe("succeeded");
    const failed = await monitor.runner.run(co2([{ year: 2025, sector: "traffic", kton_co2: -1 }]), "manual");
    expect(failed.status).toBe("failed");

    await loginViaForm(page, "analyst");
    await page.getByTestId("pipeline-table").waitFor();
    await page.goto(`/#/pipelines/co2-emissions/runs/${second.runId}`);
    const changes = page.getByTestId("run-changes");
    await changes.getByRole("heading", { level: 2, name: "Wat is er veranderd" }).waitFor();
    await page.getByTestId("change-counts").waitFor();
    expect({
      before: await countOf(page, "rows-before"),
      after: await countOf(page, "rows-after"),
      added: await countOf(page, "added"),
      removed: await countOf(page, "removed"),
      changed: await countOf(page, "changed"),
    }).toEqual({ before: 4, after: 3, added: 1, removed: 2, changed: 1 });
    // A note the analyst sees first, in words and with a sign: a quarter of the rows gone, and the
    // range of kton_co2 narrowed from 10–21 to 10–15 (its top moved by more than half the old width).
    const flags = page.getByTestId("change-flag");
    expect(await flags.evaluateAll((items) => items.map((item) => item.getAttribute("data-kind")))).toEqual(["rowsDropped", "rangeShift"]);
    expect((await flags.allInnerTexts()).map((text) => text.trim())).toEqual([
      "⚠ Let op: aantal rijen gedaald met 25 %.",
      "⚠ Let op: het bereik van kton_co2 is sterk verschoven (55 % van het oude bereik).",
    ]);
    const value = page.locator('[data-testid="change-column"][data-column="kton_co2"]');
    expect((await value.getByTestId("change-nulls").innerText()).trim()).toBe("0 → 0");
    expect((await value.getByTestId("change-range").innerText()).trim()).toBe("10 – 21 → 10 – 15 ⚠");
    // A key column's years as they are, not as "2.020".
    const year = page.locator('[data-testid="change-column"][data-column="year"]');
    expect((await year.getByTestId("change-range").innerText()).trim()).toBe("2020 – 2021 → 2020 – 2024");
    const sector = page.locator('[data-testid="change-column"][data-column="sector"]');
    expect((await sector.getByTestId("change-range").innerText()).trim()).toBe("2 verschillend → 1 verschillend");
    expect(await page.getByTestId("change-periods").getAttribute("data-count")).toBe("1");
    expect(await page.getByTestId("change-period").allInnerTexts()).toEqual(["2024"]);
    expect(await seriousViolations(page)).toEqual([]);

    // The failed run published nothing, and says so.
    await page.goto(`/#/pipelines/co2-emissions/runs/${failed.runId}`);
    await page.getByTestId("changes-none").waitFor();

    await page.locator("button[lang=en]").click();
    await page.goto(`/#/pipelines/co2-emissions/runs/${second.runId}`);
    await flags.filter({ hasText: "Note: the row count dropped by 25 %." }).waitFor();

    await page.goto("/#/pipelines/co2-emissions");
    const quality = page.getByTestId("run-quality");
    await quality.getByRole("heading", { level: 2, name: "Quality per run" }).waitFor();
    const chart = quality.getByTestId("run-quality-chart");
    // Bars for loaded and rejected rows per run, a dot per run that succeeded, a cross and a word for the failed one.
    await chart.locator("svg rect").first().waitFor();
    const runs = await page.getByTestId("run-link").count();
    expect(runs).toBeGreaterThanOrEqual(4);
    expect(await chart.locator(".mm-quality-run circle").count()).toBe(runs - 1);
    expect(await chart.locator(".mm-quality-failed-dot path").count()).toBe(1);
    expect(await chart.locator(".mm-quality-failed text").evaluateAll((texts) => texts.map((text) => text.textContent))).toEqual(["✕ failed"]);
    expect(await quality.getByTestId("run-quality-summary").innerText()).toContain(`last ${runs} runs of co2-emissions; 1 failed`);
    // The same figures as a table, for whoever does not see the chart.
    const table = quality.getByTestId("run-quality-table");
    expect(await table.locator('tbody tr[data-failed="true"]').count()).toBe(1);
    expect(await table.locator("tbody tr").count()).toBe(runs);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
