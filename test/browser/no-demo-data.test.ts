/** The analyst's pipeline list on a demo without the waste export: waste shows "no demo data" in place of its freshness. */
import { afterAll, describe, expect, inject, it } from "vitest";
import { browserSuite, loginViaForm } from "../support/browser.ts";
import { copyDemoWithout } from "../support/demo-without.ts";
import { startTestMonitor } from "../support/test-server.ts";

const demo = copyDemoWithout(inject("demoDir"), "exports/waste.csv");
afterAll(() => demo.remove());
const suite = browserSuite(() => startTestMonitor(demo.dir));

describe("a pipeline without demo data, in the analyst's list", () => {
  it("says so in both languages instead of a freshness judgement; the other pipelines keep theirs", async () => {
    const { page } = suite;
    await loginViaForm(page, "analyst");
    await page.getByTestId("pipeline-table").waitFor();
    const waste = page.locator('[data-testid="pipeline-row"][data-pipeline="waste"]');
    const tag = waste.getByTestId("no-demo-data");
    await tag.filter({ hasText: "geen demodata" }).waitFor();
    expect(await waste.getByTestId("freshness").count()).toBe(0);
    expect(await waste.getByTestId("run-status").getAttribute("data-status")).toBe("none");
    const trees = page.locator('[data-testid="pipeline-row"][data-pipeline="trees"]');
    expect(await trees.getByTestId("freshness").count()).toBe(1);
    expect(await trees.getByTestId("no-demo-data").count()).toBe(0);

    await page.locator("button[lang=en]").click();
    await tag.filter({ hasText: "no demo data" }).waitFor();
  });
});
