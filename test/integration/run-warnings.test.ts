/**
 * Issue 21, points 2 and 6: a run that rejected rows, or failed a warn-level check, counts warnings;
 * a run started by hand records who started it (run record and audit log); a run's rejected rows
 * download as CSV in the request's language, inert for spreadsheets; and the reader's own columns
 * (`__type_error` and the like) never reach what the analyst sees.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { AuditList } from "../../src/ground/contract/contract-dossier.ts";
import { RunDetail, RunList, RunStarted } from "../../src/ground/contract/contract.ts";
import { range } from "../../src/pipelines/framework/checks.ts";
import { findPipeline } from "../../src/pipelines/index.ts";
import { csvFile } from "../../src/pipelines/sources/files.ts";
import { login, startTestMonitor, type Login, type TestMonitor } from "../support/test-server.ts";

let monitor: TestMonitor;
let analyst: Login;
let admin: Login;
const tmp = mkdtempSync(path.join(os.tmpdir(), "mm-run-warnings-"));
const csvPath = path.join(tmp, "measurements.csv");

// Line 4: a longitude DuckDB cannot read (CAST), the line starting with "=" as a formula would; line 5:
// a kind the schema does not know; line 6: a latitude above the schema's maximum.
writeFileSync(
  csvPath,
  [
    "complaint_id,establishment_id,received_on,kind,status,lon,lat,handle_by",
    "KL-000101,IN-000001,2025-05-02,noise,closed,5.12,52.07,",
    "KL-000102,IN-000001,2025-05-03,dust,open,5.13,52.08,2025-06-30",
    "=HYPERLINK(1),IN-000001,2025-05-02,noise,closed,n/a,52.07,",
    "KL-000103,IN-000001,2025-05-04,smell,closed,5.12,52.07,",
    "KL-000104,IN-000001,2025-05-05,noise,closed,5.12,99,",
    ...Array.from({ length: 10 }, (_, i) => `KL-0002${10 + i},,2025-06-${10 + i},odour,closed,5.1${i},52.0${i},`),
  ].join("\n") + "\n",
);

/**
 * Stands in for the registered complaints pipeline (same name, table and columns), read from the CSV
 * above in its own columns: the reader that kept its __type_error column beside the row.
 */
const fromCsv = (checks = [range("lon", { max: 5.15 }, "warn")]) => ({
  ...findPipeline("complaints")!,
  source: csvFile(csvPath),
  maxRejectShare: 0.5,
  checks,
  freshness: undefined,
});

beforeAll(async () => {
  // The database reads files only from the sources' folder and the backup folder: the CSV sits in the latter.
  monitor = await startTestMonitor(inject("demoDir"), { config: { MM_BACKUP_DIR: tmp } });
  analyst = await login(monitor.url, "analyst");
  admin = await login(monitor.url, "admin");
});
afterAll(() => {
  monitor?.close();
  rmSync(tmp, { recursive: true, force: true });
});

const get = (path: string, who = analyst) => fetch(`${monitor.url}${path}`, { headers: { cookie: who.cookie } });
const runPath = (runId: number) => `/api/v1/pipelines/complaints/runs/${runId}`;

describe("a run with rejects and failed warn-level checks", () => {
  it("succeeds with warnings: each failed warn-level check, and one for the rejected rows, with the share rejected", async () => {
    const result = await monitor.runner.run(fromCsv(), "manual");
    expect(result.error).toBeNull();
    expect(result).toMatchObject({ status: "succeeded", rowsRead: 15, rowsRejected: 3, rowsLoaded: 12 });
    // range(lon) at warn level fails (longitudes above 5.15); the rejected rows count once, however many.
    const failedWarnings = result.checks.filter((c) => c.level === "warn" && !c.passed);
    expect(failedWarnings.map((c) => c.name)).toContain("range(lon)");
    expect(result.warnings).toBe(failedWarnings.length + 1);

    const detail = RunDetail.parse(await (await get(runPath(result.runId))).json());
    expect(detail).toMatchObject({ status: "succeeded", warnings: result.warnings, rowsRejected: 3, rowsRead: 15, startedBy: null });
    expect(detail.rowsRejectedShare).toBeCloseTo(3 / 15, 10);
    const { runs } = RunList.parse(await (await get("/api/v1/pipelines/complaints/runs?limit=1")).json());
    expect(runs[0]).toMatchObject({ runId: result.runId, warnings: result.warnings, rowsRejectedShare: detail.rowsRejectedShare });
  });

  it("counts the failed warn-level checks alone when nothing was rejected", async () => {
    const stations = await monitor.runner.run(findPipeline("air-quality-stations")!, "manual");
    expect(stations).toMatchObject({ status: "succeeded", rowsRejected: 0 });
    expect(stations.warnings).toBe(stations.checks.filter((c) => c.level === "warn" && !c.passed).length);
    const detail = RunDetail.parse(await (await get(`/api/v1/pipelines/air-quality-stations/runs/${stations.runId}`)).json());
    expect(detail).toMatchObject({ warnings: stations.warnings, rowsRejectedShare: 0 });
  });

  it("never shows the reader's own columns (__type_error, __origin, …) in the run's answer or its CSV", async () => {
    const result = await monitor.runner.run(fromCsv(), "manual");
    const answer = await (await get(runPath(result.runId))).text();
    const detail = RunDetail.parse(JSON.parse(answer));
    expect(detail.rejects.map((r) => [r.line, r.column])).toEqual([
      [4, "lon"],
      [5, "kind"],
      [6, "lat"],
    ]);
    // A row broken by a rule shows the schema's columns, and nothing of the reader's own.
    expect(JSON.parse(detail.rejects[2]!.raw)).toEqual({
      complaint_id: "KL-000104",
      establishment_id: "IN-000001",
      received_on: "2025-05-05",
      kind: "noise",
      status: "closed",
      lon: 5.12,
      lat: 99,
      handle_by: null,
    });
    expect(answer).not.toMatch(/__/);
    const csv = await (await get(`${runPath(result.runId)}/rejects?format=csv`)).text();
    expect(csv).toContain("KL-000104");
    expect(csv).not.toMatch(/__/);
  });
});

describe("the rejected rows as CSV", () => {
  it("has line, column, reason, raw value and origin, in the request's language, with formulas made inert", async () => {
    const result = await monitor.runner.run(fromCsv(), "manual");
    const response = await get(`${runPath(result.runId)}/rejects?format=csv&lang=nl&sep=semicolon`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toContain(`complaints-run-${result.runId}-rejects.csv`);
    const lines = (await response.text()).split("\r\n");
    expect(lines[0]).toBe(`# pijplijn complaints, run ${result.runId}: 3 van 3 afgekeurde rijen (de bewaarde rijen van de run)`);
    expect(lines[1]).toBe("regel;kolom;reden;ruwe waarde;herkomst");
    // Quoted for its commas (a cell is quoted on either separator), and inert: a leading apostrophe before "=".
    expect(lines[2]).toMatch(/^4;lon;"regel niet te lezen \(CAST\): .*";"'=HYPERLINK\(1\),IN-000001,2025-05-02,noise,closed,n\/a,52\.07,";/);
    expect(lines[2]!.endsWith(`;${csvPath}`)).toBe(true);
    expect(lines[3]).toMatch(/^5;kind;"?moet een van deze zijn: noise, odour, dust, light, other"?;/);
    expect(lines[4]).toMatch(/^6;lat;mag hoogstens 54 zijn;"\{""complaint_id"":""KL-000104""/);
    expect(lines).toHaveLength(2 + 3 + 1);

    const english = (await (await get(`${runPath(result.runId)}/rejects?lang=en`)).text()).split("\r\n");
    expect(english[1]).toBe("line,column,reason,raw value,origin");
    expect(english[4]).toMatch(/^6,lat,must be at most 54,"\{/);
  });

  it("answers a bad parameter with a 400 naming it, an unknown run with a 404, and is not for a policy officer", async () => {
    const result = await monitor.runner.run(fromCsv(), "manual");
    const bad = await get(`${runPath(result.runId)}/rejects?format=xml`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { invalidParams: { name: string }[] }).invalidParams.map((p) => p.name)).toContain("format");
    expect((await get(`${runPath(99999)}/rejects`)).status).toBe(404);
    expect((await get("/api/v1/pipelines/nope/runs/1/rejects")).status).toBe(404);
    const policy = await login(monitor.url, "policy");
    expect((await get(`${runPath(result.runId)}/rejects`, policy)).status).toBe(403);
  });
});

describe("a run started by hand", () => {
  it("records the user who started it, on the run and in the audit log with the download of its rejects", async () => {
    const started = await fetch(`${monitor.url}/api/v1/pipelines/air-quality-stations/runs`, {
      method: "POST",
      headers: { cookie: analyst.cookie, "x-csrf-token": analyst.csrfToken },
    });
    expect(started.status).toBe(202);
    const { runId } = RunStarted.parse(await started.json());
    let detail = RunDetail.parse(await (await get(`/api/v1/pipelines/air-quality-stations/runs/${runId}`)).json());
    expect(detail).toMatchObject({ trigger: "manual", startedBy: "analyst" });
    // Waits on the run's end, however slow the machine: the test's own timeout bounds it.
    while (detail.status === "running") {
      await new Promise((resolve) => setTimeout(resolve, 100));
      detail = RunDetail.parse(await (await get(`/api/v1/pipelines/air-quality-stations/runs/${runId}`)).json());
    }
    const { runs } = RunList.parse(await (await get("/api/v1/pipelines/air-quality-stations/runs?limit=1")).json());
    expect(runs[0]).toMatchObject({ runId, startedBy: "analyst" });

    const csvRun = await monitor.runner.run(fromCsv(), "manual");
    expect((await get(`${runPath(csvRun.runId)}/rejects?format=csv`)).status).toBe(200);
    const { entries } = AuditList.parse(await (await get("/api/v1/audit?limit=50", admin)).json());
    expect(entries).toContainEqual(expect.objectContaining({ username: "analyst", role: "analyst", action: "run-pipeline", subject: "air-quality-stations" }));
    expect(entries).toContainEqual(expect.objectContaining({ username: "analyst", action: "export-rejects", subject: `complaints/${csvRun.runId}` }));
  });
});
