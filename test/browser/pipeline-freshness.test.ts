/**
 * Issue 21, points 1 and 5 in Chromium, as an analyst: the pipeline list judges every pipeline that
 * holds data in words that are true (never "onbekend" or "geen data"), says the demo is a snapshot,
 * shows the hourly feed ending on the snapshot's date as stale with its age and cadence, gives each
 * schedule in words (weekly too) with its next run; and the page has no serious or critical axe
 * violation.
 */
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { PipelineList } from "../../src/ground/contract/contract.ts";
import { seriousViolations } from "../support/axe.ts";
import { browserSuite, loginViaForm } from "../support/browser.ts";
import { login, startTestMonitor } from "../support/test-server.ts";

const suite = browserSuite(() => startTestMonitor(inject("demoDir")));

const row = (page: Page, name: string) => page.locator(`[data-testid="pipeline-row"][data-pipeline="${name}"]`);

/** The pipelines that hold data, as the API says (publishedRunId set). */
async function withData(): Promise<string[]> {
  const { cookie } = await login(suite.monitor.url, "analyst");
  const { pipelines } = PipelineList.parse(await (await fetch(`${suite.monitor.url}/api/v1/pipelines`, { headers: { cookie } })).json());
  return pipelines.filter((p) => p.publishedRunId !== null).map((p) => p.name);
}

describe("freshness and schedules in the pipeline list", () => {
  it("judges every pipeline with data in true words, and gives each schedule in words with its next run", async () => {
    const { page } = suite;
    const names = await withData();
    expect(names.length).toBeGreaterThanOrEqual(15);
    await loginViaForm(page, "analyst");
    await page.getByTestId("pipeline-table").waitFor();

    for (const name of names) {
      const freshness = row(page, name).getByTestId("freshness");
      await freshness.waitFor();
      expect(await freshness.getAttribute("data-freshness"), name).not.toBe("unknown");
      const text = await row(page, name).getByTestId("freshness-text").innerText();
      expect(text, name).not.toContain("geen data");
      expect(await freshness.innerText(), name).not.toContain("onbekend");
      // The demo says its data is a snapshot up to its date.
      expect(await row(page, name).getByTestId("freshness-snapshot").innerText(), name).toMatch(/^demo: momentopname t\/m 1 jan\.? 2026$/);
    }

    // The hourly feed ends on the snapshot's date: stale by the clock, with its age and cadence in words.
    const measurements = row(page, "air-quality-measurements");
    expect(await measurements.getByTestId("freshness").getAttribute("data-freshness")).toBe("stale");
    expect(await measurements.getByTestId("freshness").innerText()).toContain("verouderd");
    expect(await measurements.getByTestId("freshness-text").innerText()).toMatch(/^nieuwste 1 jan\.? 2026, \d+ dagen oud; verwacht elk uur$/);
    // Annual figures name their newest year and when the next is due.
    expect(await row(page, "waste").getByTestId("freshness-text").innerText()).toMatch(/^nieuwste jaar \d{4}; verwacht elk jaar; volgende verwacht vóór /);

    // The weekly boundaries in words, and the next run.
    const areas = row(page, "areas");
    expect(await areas.getByTestId("schedule-hint").innerText()).toBe("elke maandag om 04:00 (Nederlandse tijd)");
    expect(await areas.getByTestId("next-run").innerText()).toMatch(/^volgende run: (vandaag|morgen|ma) .*04:00$/);
    expect(await row(page, "air-quality-measurements").getByTestId("schedule-hint").innerText()).toBe("elk uur om :20");
    expect(await row(page, "air-quality-measurements").getByTestId("next-run").innerText()).toMatch(/^volgende run: .*:20$/);

    expect(await seriousViolations(page)).toEqual([]);

    // And in English.
    await page.getByTestId("lang-toggle").getByRole("button", { name: "EN", exact: true }).click();
    await areas.getByTestId("schedule-hint").filter({ hasText: "every Monday at 04:00 (Dutch time)" }).waitFor();
    expect(await measurements.getByTestId("freshness-text").innerText()).toMatch(/^newest 1 Jan 2026, \d+ days old; expected every hour$/);
    expect(await measurements.getByTestId("freshness-snapshot").innerText()).toBe("demo: a snapshot up to 1 Jan 2026");
    expect(await areas.getByTestId("next-run").innerText()).toMatch(/^next run: /);
  });
});
