/**
 * The API page (#/api) in Chromium, as the policy officer: reached from the navigation, it lists the
 * series operation with its parameters from the OpenAPI document, marks it as callable by the role,
 * and marks a route the role may not call (the pipelines) as such, in words.
 */
import { describe, expect, inject, it } from "vitest";
import { browserSuite, loginViaForm } from "../support/browser.ts";
import { startTestMonitor } from "../support/test-server.ts";

const suite = browserSuite(() => startTestMonitor(inject("demoDir")));

async function openApiPage() {
  const { page } = suite;
  await loginViaForm(page, "policy");
  await page.getByTestId("overview-row").first().waitFor();
  await page.getByTestId("nav-api").click();
  await page.waitForURL((url) => url.hash === "#/api");
  await page.getByRole("heading", { level: 1, name: "API" }).waitFor();
  await page.getByTestId("api-operation").first().waitFor();
  return page;
}

describe("API page", () => {
  it("shows the series operation with its parameters, callable by the policy role", async () => {
    const page = await openApiPage();
    const series = page.locator('[data-testid=api-operation][data-operation="GET /api/v1/indicators/{id}/series"]');
    await expect(series.getByRole("heading", { level: 3 }).innerText()).resolves.toContain("/api/v1/indicators/{id}/series");
    const names = await series.getByTestId("api-parameter").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-name")));
    expect(names).toEqual(expect.arrayContaining(["id", "area", "by", "from", "to", "format"]));
    // The format row names its values, from the enum of the schema that validates the query.
    await expect(series.locator('[data-testid=api-parameter][data-name="format"]').innerText()).resolves.toMatch(/json \| csv \| arrow/);
    await expect(series.getByTestId("api-responses").innerText()).resolves.toContain("text/csv");
    const access = series.getByTestId("api-allowed");
    expect(await access.getAttribute("data-allowed")).toBe("true");
    await expect(access.innerText()).resolves.toContain("Uw rol (beleidsmedewerker) mag dit aanroepen");
  });

  it("marks a route the policy role may not call, in words", async () => {
    const page = await openApiPage();
    const pipelines = page.locator('[data-testid=api-operation][data-operation="GET /api/v1/pipelines"]');
    const access = pipelines.getByTestId("api-allowed");
    expect(await access.getAttribute("data-allowed")).toBe("false");
    await expect(access.innerText()).resolves.toContain("mag dit niet aanroepen");
    await expect(pipelines.innerText()).resolves.toContain("data-analist, beheerder");
    // The raw document is one link away.
    expect(await page.getByTestId("api-raw").getAttribute("href")).toBe("/api/v1/openapi.json");
  });

  it("switches the summaries to English with the language", async () => {
    const page = await openApiPage();
    await page.getByTestId("lang-toggle").getByRole("button", { name: "EN", exact: true }).click();
    const series = page.locator('[data-testid=api-operation][data-operation="GET /api/v1/indicators/{id}/series"]');
    await expect(series.innerText()).resolves.toContain("An indicator's series for one area or its breakdown");
    await expect(series.getByTestId("api-allowed").innerText()).resolves.toContain("Your role (policy officer) may call this");
  });
});
