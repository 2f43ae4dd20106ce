/**
 * Registers as a VTH system exports them (test/fixtures/vth, hand-made in that layout: Dutch headers,
 * ";", dd-mm-yyyy, decimal commas, Dutch status words, a byte-order mark and CRLF), read through the
 * example column mappings of config/registers/gm0518, against the same records in our own columns.
 */
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/app/config.ts";
import { openPipelineContext } from "../../src/app/start-monitor.ts";
import complaints from "../../src/pipelines/complaints.ts";
import establishments from "../../src/pipelines/establishments.ts";
import type { PipelineDefinition } from "../../src/pipelines/framework/define-pipeline.ts";
import inspections from "../../src/pipelines/inspections.ts";
import inspectionFindings from "../../src/pipelines/inspection-findings.ts";
import permits from "../../src/pipelines/permits.ts";
import { fingerprint, fixturesDir, openHarness, type Harness } from "../support/pipeline-harness.ts";
import { clock } from "../support/test-server.ts";

const vthDir = path.join(fixturesDir, "vth");
const ownColumnsDir = path.join(vthDir, "own-columns");
const exampleMappings = path.resolve(import.meta.dirname, "../../config/registers/gm0518");
const registers = [establishments, permits, inspections, inspectionFindings, complaints] as PipelineDefinition[];
const keyOf: Record<string, string> = {
  establishments: "establishment_id",
  permits: "permit_id",
  inspections: "inspection_id",
  inspection_findings: "finding_id",
  complaints: "complaint_id",
};

/** Runs the registers in order (permits reference establishments) and returns each run's result. */
async function runRegisters(harness: Harness, pipelines = registers) {
  const results = [];
  for (const pipeline of pipelines) results.push(await harness.runner.run(pipeline, "manual"));
  return results;
}

const published = (harness: Harness, table: string) => harness.db.query(`SELECT * FROM main."${table}" ORDER BY ${keyOf[table]}`);

let tmp: string;
const open: Harness[] = [];
async function harnessOn(filesDir: string, registerMappings?: string): Promise<Harness> {
  const harness = await openHarness({ filesDir, ...(registerMappings ? { registerMappings } : {}) });
  open.push(harness);
  return harness;
}
/** A copy of the VTH exports (and, when asked, of the example mappings) in a temp folder, to change one file. */
function copyOfVth(): { filesDir: string; mappings: string } {
  const dir = mkdtempSync(path.join(tmp, "case-"));
  cpSync(path.join(vthDir, "exports"), path.join(dir, "files", "exports"), { recursive: true });
  cpSync(exampleMappings, path.join(dir, "mappings"), { recursive: true });
  return { filesDir: path.join(dir, "files"), mappings: path.join(dir, "mappings") };
}
const editFile = (file: string, edit: (text: string) => string) => writeFileSync(file, edit(readFileSync(file, "utf8")));

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "mm-register-mappings-"));
});
afterEach(() => {
  for (const harness of open.splice(0)) harness.close();
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("a register exported by a VTH system, read through its column mapping", () => {
  it("is a Windows export: byte-order mark, CRLF line ends, semicolons", () => {
    for (const name of ["establishments", "permits", "inspections", "inspection-findings", "complaints"]) {
      const bytes = readFileSync(path.join(vthDir, "exports", `${name}.csv`));
      expect([...bytes.subarray(0, 3)], name).toEqual([0xef, 0xbb, 0xbf]);
      expect(bytes.toString("utf8").split("\r\n").length, name).toBeGreaterThan(5);
      expect(bytes.toString("utf8").replaceAll("\r\n", "")).not.toMatch(/\n/);
    }
  });

  it("publishes the same rows as the same export in our own columns", async () => {
    const mapped = await harnessOn(vthDir, exampleMappings);
    const own = await harnessOn(ownColumnsDir);
    for (const result of [...(await runRegisters(mapped)), ...(await runRegisters(own))]) {
      expect(result, result.error ?? "").toMatchObject({ status: "succeeded", rowsRejected: 0 });
    }
    for (const pipeline of registers) {
      const rows = await published(mapped, pipeline.table);
      expect(rows.length, pipeline.name).toBeGreaterThan(5);
      expect(rows, pipeline.name).toEqual(await published(own, pipeline.table));
    }
  });

  it("reads dd-mm-yyyy dates, a date with a time, decimal commas and value maps for statuses and categories", async () => {
    const harness = await harnessOn(vthDir, exampleMappings);
    await runRegisters(harness);
    const [permit] = await harness.db.query(
      "SELECT status, type, applied_on::VARCHAR AS applied, decided_on::VARCHAR AS decided, valid_until, noise_limit_dba FROM main.permits WHERE permit_id = 'VG-000102'",
    );
    expect(permit).toEqual({ status: "granted", type: "notification", applied: "2021-11-22", decided: "2021-12-20", valid_until: null, noise_limit_dba: 47.5 });
    const [expired] = await harness.db.query("SELECT status, valid_until::VARCHAR AS until, dust_limit_mg_m3 FROM main.permits WHERE permit_id = 'VG-000105'");
    expect(expired).toEqual({ status: "expired", until: "2024-09-30", dust_limit_mg_m3: 8.25 });
    const [establishment] = await harness.db.query(
      "SELECT category, natural_person, lon, lat, city FROM main.establishments WHERE establishment_id = 'IN-000103'",
    );
    expect(establishment).toEqual({ category: 3, natural_person: false, lon: 4.393518, lat: 52.057921, city: "'s-Gravenhage" });
    const persons = await harness.db.query("SELECT establishment_id FROM main.establishments WHERE natural_person ORDER BY 1");
    expect(persons.map((r) => r.establishment_id)).toEqual(["IN-000102", "IN-000104", "IN-000106"]);
    const [complaint] = await harness.db.query("SELECT received_on::VARCHAR AS received, kind, status FROM main.complaints WHERE complaint_id = 'KL-000302'");
    expect(complaint).toEqual({ received: "2024-08-10", kind: "noise", status: "closed" });
  });

  it("reads the export alike without a byte-order mark and with LF line ends", async () => {
    const { filesDir } = copyOfVth();
    for (const name of ["establishments", "permits"]) {
      editFile(path.join(filesDir, "exports", `${name}.csv`), (text) => text.replace(/^\uFEFF/, "").replaceAll("\r\n", "\n"));
    }
    const plain = await harnessOn(filesDir, exampleMappings);
    const windows = await harnessOn(vthDir, exampleMappings);
    for (const harness of [plain, windows]) await runRegisters(harness, [establishments, permits] as PipelineDefinition[]);
    for (const table of ["establishments", "permits"]) expect(await fingerprint(plain.db, table)).toBe(await fingerprint(windows.db, table));
  });

  it("reads an export whose lines end in a delimiter (a last column without a name)", async () => {
    const { filesDir, mappings } = copyOfVth();
    editFile(path.join(filesDir, "exports", "inspections.csv"), (text) => text.replaceAll("\r\n", ";\r\n"));
    const harness = await harnessOn(filesDir, mappings);
    const [, result] = await runRegisters(harness, [establishments, inspections] as PipelineDefinition[]);
    expect(result).toMatchObject({ status: "succeeded", rowsRead: 8, rowsRejected: 0 });
  });

  it("reads a Latin-1 export when its mapping says so, and fails one read as UTF-8 naming the file and the setting", async () => {
    const { filesDir, mappings } = copyOfVth();
    const file = path.join(filesDir, "exports", "establishments.csv");
    writeFileSync(file, Buffer.from(readFileSync(file, "utf8").replace(/^\uFEFF/, ""), "latin1"));
    const asUtf8 = await (await harnessOn(filesDir, mappings)).runner.run(establishments, "manual");
    expect(asUtf8.status).toBe("failed");
    expect(asUtf8.error).toMatch(
      new RegExp(`^${file.replaceAll("/", "\\/")} is not UTF-8 text \\(line \\d+\\); .*"encoding": "latin-1".*MM_REGISTER_MAPPINGS`),
    );

    editFile(path.join(mappings, "establishments.json"), (text) => text.replace('"encoding": "utf-8"', '"encoding": "latin-1"'));
    const latin1 = await harnessOn(filesDir, mappings);
    expect(await latin1.runner.run(establishments, "manual")).toMatchObject({ status: "succeeded", rowsRejected: 0 });
    const [cafe] = await latin1.db.query("SELECT name FROM main.establishments WHERE establishment_id = 'IN-000104'");
    expect(cafe).toEqual({ name: "Café Het Plein" });
  });

  it("quarantines a status not in the value map, a date not in the format and a number without its decimal comma, naming the value, the column and the mapping", async () => {
    const { filesDir, mappings } = copyOfVth();
    editFile(path.join(filesDir, "exports", "permits.csv"), (text) =>
      text
        .replace(";Geaccepteerd;22-11-2021;", ";Vergund;22-11-2021;")
        .replace(";Verleend;01-06-2018;26-10-2018;", ";Verleend;01-06-2018;31-02-2018;")
        .replace(";45;;E. van", ";45.0;;E. van"),
    );
    const harness = await harnessOn(filesDir, mappings);
    await harness.runner.run(establishments, "manual");
    const result = await harness.runner.run({ ...permits, maxRejectShare: 0.5 }, "manual");
    expect(result).toMatchObject({ status: "succeeded", rowsRead: 9, rowsRejected: 3, rowsLoaded: 6 });
    const mapping = path.join(mappings, "permits.json");
    const rejects = await harness.db.query("SELECT line, column_name, reason, reason_nl, raw FROM meta.rejects WHERE run_id = $1 ORDER BY line", [
      result.runId,
    ]);
    expect(rejects.map(({ raw: _raw, ...reject }) => reject)).toEqual([
      {
        line: 3,
        column_name: "status",
        reason: `value "Vergund" of column "Status" is not in the value map of ${mapping}`,
        reason_nl: `waarde "Vergund" van kolom "Status" staat niet in de waardenlijst van ${mapping}`,
      },
      {
        line: 4,
        column_name: "decided_on",
        reason: `not a date in the format %d-%m-%Y (column "Datum besluit", ${mapping})`,
        reason_nl: `geen datum in het formaat %d-%m-%Y (kolom "Datum besluit", ${mapping})`,
      },
      {
        line: 5,
        column_name: "noise_limit_dba",
        reason: `not a number with a decimal comma (column "Geluidsnorm dB(A)", ${mapping})`,
        reason_nl: `geen getal met decimaalkomma (kolom "Geluidsnorm dB(A)", ${mapping})`,
      },
    ]);
    // The raw text is the export's own row, in its own columns.
    expect(JSON.parse(String(rejects[0]!.raw))).toMatchObject({ Zaaknummer: "VG-000102", Status: "Vergund", "Datum ontvangst": "22-11-2021" });
    const counted = await harness.db.query("SELECT column_name, reason, rejected FROM meta.reject_counts WHERE run_id = $1 AND column_name = 'status'", [
      result.runId,
    ]);
    expect(counted).toEqual([{ column_name: "status", reason: `value of column "Status" is not in the value map of ${mapping}`, rejected: 1 }]);
  });

  it("fails the run on a renamed column, naming the missing and the unexpected column and the mapping to edit, and keeps the data published", async () => {
    const { filesDir, mappings } = copyOfVth();
    const harness = await harnessOn(filesDir, mappings);
    await runRegisters(harness, [establishments, permits] as PipelineDefinition[]);
    const before = await fingerprint(harness.db, "permits");
    // The system was upgraded, and "Datum besluit" became "Besluitdatum".
    const file = path.join(filesDir, "exports", "permits.csv");
    editFile(file, (text) => text.replace(";Datum besluit;", ";Besluitdatum;"));
    const result = await harness.runner.run(permits, "manual");
    const mapping = path.join(mappings, "permits.json");
    expect(result.status).toBe("failed");
    expect(result.error).toBe(
      `export ${file} does not match its column mapping ${mapping}: missing columns "Datum besluit"; unexpected columns "Besluitdatum". Edit "columns" or "ignore" in ${mapping} to match the export's header`,
    );
    const [run] = await harness.db.query("SELECT error_nl FROM meta.pipeline_runs WHERE run_id = $1", [result.runId]);
    expect(run!.error_nl).toContain(`ontbrekende kolommen "Datum besluit"; onverwachte kolommen "Besluitdatum"`);
    expect(await fingerprint(harness.db, "permits")).toBe(before);
  });

  it("fails the run on a column the export added that the mapping neither maps nor ignores", async () => {
    const { filesDir, mappings } = copyOfVth();
    editFile(path.join(filesDir, "exports", "inspections.csv"), (text) => text.replace(/\r\n/g, ";x\r\n").replace("Opmerkingen;x", "Opmerkingen;Locatie"));
    const harness = await harnessOn(filesDir, mappings);
    const [, result] = await runRegisters(harness, [establishments, inspections] as PipelineDefinition[]);
    expect(result!.error).toMatch(/missing columns none; unexpected columns "Locatie"\./);
  });

  it("fails a run whose mapping was broken after the start, naming the file and the field", async () => {
    const { filesDir, mappings } = copyOfVth();
    const mapping = path.join(mappings, "inspections.json");
    editFile(mapping, (text) => text.replace('"Aantal overtredingen": "violations"', '"Aantal overtredingen": "violation_count"'));
    const harness = await harnessOn(filesDir, mappings);
    const [, result] = await runRegisters(harness, [establishments, inspections] as PipelineDefinition[]);
    expect(result).toMatchObject({ status: "failed" });
    expect(result!.error).toBe(
      `column mapping ${mapping} is invalid at columns."Aantal overtredingen".field: violation_count is not a field of inspections; fields: inspection_id, establishment_id, inspected_on, result, violations`,
    );
  });

  it("reads an export in our own columns as before when the folder has no mapping for it", async () => {
    const mappings = mkdtempSync(path.join(tmp, "only-permits-"));
    copyFileSync(path.join(exampleMappings, "permits.json"), path.join(mappings, "permits.json"));
    const filesDir = mkdtempSync(path.join(tmp, "mixed-"));
    mkdirSync(path.join(filesDir, "exports"));
    copyFileSync(path.join(ownColumnsDir, "exports", "establishments.csv"), path.join(filesDir, "exports", "establishments.csv"));
    copyFileSync(path.join(vthDir, "exports", "permits.csv"), path.join(filesDir, "exports", "permits.csv"));
    const results = await runRegisters(await harnessOn(filesDir, mappings), [establishments, permits] as PipelineDefinition[]);
    expect(results.map((r) => [r.status, r.rowsLoaded])).toEqual([
      ["succeeded", 8],
      ["succeeded", 9],
    ]);
  });
});

describe("the register mappings at start", () => {
  it("fail the start naming the file and the field when one is invalid", async () => {
    const mappings = mkdtempSync(path.join(tmp, "boot-"));
    cpSync(exampleMappings, mappings, { recursive: true });
    editFile(path.join(mappings, "complaints.json"), (text) => text.replace('"decimal": ","', '"decimal": ";"'));
    const config = loadConfig({ MM_SOURCES: "live", MM_DB: path.join(mappings, "never.duckdb"), MM_REGISTER_MAPPINGS: mappings });
    await expect(openPipelineContext({ config, clock })).rejects.toThrow(
      `column mapping ${path.join(mappings, "complaints.json")} is invalid at columns.Lengtegraad.decimal: `,
    );
  });
});
