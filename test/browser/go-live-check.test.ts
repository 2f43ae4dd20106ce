/**
 * The go-live check in the pipeline view: started from the keyboard, a progress bar while it runs
 * (the demo upstream holds the check's first request until the test lets it go), then a table per
 * pipeline with what was read, the rows, the checks and the period; in Dutch and English, and on a
 * phone's width without tables running off the screen.
 */
import { existsSync, readFileSync } from "node:fs";
import type { ServerResponse } from "node:http";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { recordedPath } from "../../src/pipelines/framework/recorded-server.ts";
import { pipelines } from "../../src/pipelines/index.ts";
import { browserSuite, loginViaForm } from "../support/browser.ts";
import { startTestMonitor } from "../support/test-server.ts";

/** While set, upstream requests wait here until released, then get their recorded answer. */
let holding = false;
const held: (() => void)[] = [];
function answerLater(url: string, res: ServerResponse) {
  held.push(() => {
    const file = path.join(inject("demoDir"), recordedPath(new URL(url, "http://recorded")));
    if (!existsSync(file)) res.writeHead(404, { "content-type": "application/json" }).end("{}");
    else res.writeHead(200, { "content-type": file.endsWith(".csv") ? "text/csv" : "application/json" }).end(readFileSync(file));
  });
}

const suite = browserSuite(() =>
  startTestMonitor(inject("demoDir"), {
    intercept: (req, res) => {
      if (!holding) return false;
      answerLater(req.url ?? "/", res);
      return true;
    },
  }),
);

describe("the go-live check in the pipeline view", () => {
  it("starts from the keyboard, shows its progress, then a table per pipeline, in Dutch and English and on a phone", async () => {
    const { page } = suite;
    await loginViaForm(page, "analyst");
    await page.getByRole("heading", { level: 1, name: "Pijplijnen" }).waitFor();
    const section = page.getByTestId("go-live-check");
    await section.getByRole("heading", { level: 2, name: "Controle van de bronnen" }).waitFor();
    expect(await page.getByTestId("check-result").count()).toBe(0);

    holding = true;
    const button = page.getByRole("button", { name: "Bronnen controleren" });
    await button.focus();
    await page.keyboard.press("Enter");
    const progress = page.getByTestId("check-progress");
    await progress.waitFor();
    expect(await progress.getAttribute("max")).toBe(String(pipelines.length));
    expect(await progress.getAttribute("aria-label")).toBe("Voortgang van de controle");
    const status = page.getByTestId("check-status");
    await status.filter({ hasText: `0 van ${pipelines.length} pijplijnen gecontroleerd; nu: areas` }).waitFor();
    expect(await status.getAttribute("role")).toBe("status");

    while (held.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    holding = false;
    for (const answer of held.splice(0)) answer();
    await page.getByTestId("check-summary").waitFor({ timeout: 60_000 });
    expect(await progress.count()).toBe(0);
    expect(await page.getByTestId("check-summary").innerText()).toMatch(/^\d+ gecontroleerd: \d+ geslaagd, .* Er is niets gepubliceerd\.$/);
    expect(await page.getByTestId("check-result").count()).toBe(pipelines.length);

    const measurements = page.locator('[data-testid="check-result"][data-pipeline="air-quality-measurements"]');
    expect(["passed", "warned"]).toContain(await measurements.getAttribute("data-outcome"));
    expect(await measurements.getByRole("table").count()).toBe(1);
    expect(await measurements.getByTestId("check-source").innerText()).toMatch(/gelezen: http:\/\/127\.0\.0\.1:\d+\//);
    expect(await measurements.getByTestId("check-rows").innerText()).toMatch(/\d gelezen, [\d.]+ geldig, 0 afgekeurd/);
    expect(await measurements.getByTestId("check-period").innerText()).toMatch(/t\/m .*\(timestamp_measured\)/);
    expect(await measurements.getByTestId("check-check").count()).toBeGreaterThan(0);

    await page.getByTestId("lang-toggle").getByRole("button", { name: "EN", exact: true }).click();
    await page.getByRole("button", { name: "Check sources" }).waitFor();
    expect(await measurements.getByTestId("check-rows").innerText()).toMatch(/\d read, [\d,]+ valid, 0 rejected/);
    expect(await measurements.getByTestId("check-outcome").innerText()).toMatch(/passed|with warnings/);

    // A phone: every table fits the width of its panel (long URLs wrap instead of widening it).
    await page.setViewportSize({ width: 375, height: 800 });
    const overflowing = await section.evaluate(
      (element) => [...element.querySelectorAll(".table-wrap")].filter((wrap) => wrap.scrollWidth > wrap.clientWidth + 1).length,
    );
    expect(overflowing).toBe(0);
    expect(await page.getByRole("button", { name: "Check sources" }).isVisible()).toBe(true);
  });
});
