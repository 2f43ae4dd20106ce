/**
 * The downloads of an indicator page in the browser: CSV, CSV for Dutch Excel, Parquet and Arrow,
 * the CSV's header in the language of the UI, each file a real download from the API.
 */
import { readFileSync } from "node:fs";
import { tableFromIPC } from "apache-arrow";
import { describe, expect, inject, it } from "vitest";
import { browserSuite, loginViaForm } from "../support/browser.ts";
import { startTestMonitor } from "../support/test-server.ts";

const suite = browserSuite(() => startTestMonitor(inject("demoDir")));

async function openIndicator(id: string) {
  const { page } = suite;
  await loginViaForm(page, "policy");
  await page.getByTestId("overview-row").first().waitFor();
  await page.goto(`/#/indicators/${id}`);
  await page.getByTestId("exports").waitFor();
  return page;
}

/** Clicks a download link and gives the file's name and bytes. */
async function download(testId: string) {
  const { page } = suite;
  const pending = page.waitForEvent("download");
  await page.getByTestId(testId).click();
  const file = await pending;
  return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
}

describe("downloads on an indicator page", () => {
  it("offer CSV, CSV for Dutch Excel, Parquet and Arrow, with the CSV in the UI's language", async () => {
    const page = await openIndicator("green-share");
    const links = page.getByTestId("exports").locator("a");
    expect(await links.allInnerTexts()).toEqual(["CSV", "CSV voor Excel (NL)", "Parquet", "Arrow"]);
    const series = "/api/v1/indicators/green-share/series";
    expect(await page.getByTestId("download-csv").getAttribute("href")).toBe(`${series}?format=csv&sep=comma&lang=nl`);
    expect(await page.getByTestId("download-csv-excel").getAttribute("href")).toBe(`${series}?format=csv&sep=semicolon&lang=nl`);
    expect(await page.getByTestId("download-parquet").getAttribute("href")).toBe(`${series}?format=parquet`);
    expect(await page.getByTestId("download-arrow").getAttribute("href")).toBe(`${series}?format=arrow`);

    const excel = await download("download-csv-excel");
    expect(excel.name).toBe("green-share.csv");
    expect([...excel.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = excel.bytes.toString("utf8").slice(1).split("\r\n");
    expect(lines[0]).toMatch(/^# bron: .*; licentie: /);
    expect(lines[1]).toBe("indicator;periode;gebiedscode;gebiedsnaam;niveau;waarde;onderdrukt;dekking;eenheid");
    expect(lines[2]).toMatch(/^green-share;\d{4};GM\d{4};[^;]+;gemeente;\d+(,\d+)?;false;/);

    const parquet = await download("download-parquet");
    expect(parquet.name).toBe("green-share.parquet");
    expect(parquet.bytes.subarray(0, 4).toString()).toBe("PAR1");

    const arrow = await download("download-arrow");
    expect(arrow.name).toBe("green-share.arrows");
    expect(tableFromIPC(arrow.bytes).schema.metadata.get("indicator")).toBe("green-share");

    await page.locator("button[lang=en]").click();
    await page.getByTestId("download-csv-excel").getByText("CSV for Dutch Excel").waitFor();
    expect(await page.getByTestId("download-csv").getAttribute("href")).toBe(`${series}?format=csv&sep=comma&lang=en`);
    const csv = await download("download-csv");
    expect(csv.bytes.toString("utf8").split("\r\n")[1]).toBe("indicator,period,area_code,area_name,level,value,suppressed,coverage,unit");
  });
});
