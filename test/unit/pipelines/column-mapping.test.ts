/** The column mapping loader: a mapping that cannot work fails when it is read, naming the file and the field. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localize } from "../../../src/ground/i18n/localize.ts";
import { checkColumnMappings, ColumnMappingError, loadColumnMapping, mappingFileOf } from "../../../src/pipelines/framework/column-mapping.ts";
import { pipelines } from "../../../src/pipelines/index.ts";
import permits from "../../../src/pipelines/permits.ts";

const exampleMappings = path.resolve(import.meta.dirname, "../../../config/registers/gm0518");
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "mm-column-mapping-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A valid permits mapping, changed by `edit`, written to a file of its own. */
function permitsMapping(edit: (mapping: Record<string, unknown> & { columns: Record<string, unknown> }) => void = () => {}, name = "permits.json"): string {
  const mapping = {
    pipeline: "permits",
    dialect: { delimiter: ";" },
    columns: {
      Zaaknummer: "permit_id",
      Inrichtingsnummer: "establishment_id",
      Zaaktype: { field: "type", values: { Melding: "notification" } },
      Status: { field: "status", values: { Verleend: "granted" } },
      "Datum ontvangst": { field: "applied_on", date: "%d-%m-%Y" },
      "Geluidsnorm dB(A)": { field: "noise_limit_dba", decimal: "," },
    } as Record<string, unknown>,
    ignore: ["Behandelaar"],
  };
  edit(mapping);
  const file = path.join(mkdtempSync(path.join(dir, "m-")), name);
  writeFileSync(file, JSON.stringify(mapping));
  return file;
}

/** The error loading a mapping throws, in both languages. */
function loadError(file: string): { en: string; nl: string } {
  try {
    loadColumnMapping(file, "permits", permits.columns);
  } catch (error) {
    expect(error).toBeInstanceOf(ColumnMappingError);
    return localize((error as ColumnMappingError).text);
  }
  throw new Error(`${file} loaded`);
}

describe("loadColumnMapping", () => {
  it("reads source columns, fields, value maps, date formats, decimal commas, ignored columns and the dialect", () => {
    const mapping = loadColumnMapping(permitsMapping(), "permits", permits.columns);
    expect(mapping.dialect).toEqual({ delimiter: ";" });
    expect(mapping.ignore).toEqual(["Behandelaar"]);
    expect(mapping.fields).toContainEqual({ source: "Zaaknummer", field: "permit_id" });
    expect(mapping.fields).toContainEqual({ source: "Status", field: "status", values: { Verleend: "granted" } });
    expect(mapping.fields).toContainEqual({ source: "Datum ontvangst", field: "applied_on", date: "%d-%m-%Y" });
  });

  it("accepts a file saved with a byte-order mark (Windows editors)", () => {
    const file = permitsMapping();
    writeFileSync(
      file,
      `\uFEFF${JSON.stringify({ pipeline: "permits", columns: { a: "permit_id", b: "establishment_id", c: "type", d: "status", e: "applied_on" } })}`,
    );
    expect(loadColumnMapping(file, "permits", permits.columns).fields).toHaveLength(5);
  });

  it("names the file and the field of a value of the wrong shape, in English and Dutch", () => {
    const file = permitsMapping((m) => {
      m.columns["Geluidsnorm dB(A)"] = { field: "noise_limit_dba", decimal: ";" };
    });
    const error = loadError(file);
    expect(error.en).toMatch(new RegExp(`^column mapping ${file} is invalid at columns\\."Geluidsnorm dB\\(A\\)"\\.decimal: .+`));
    expect(error.nl).toMatch(new RegExp(`^kolomkoppeling ${file} is ongeldig bij columns\\."Geluidsnorm dB\\(A\\)"\\.decimal: .+`));
    expect(error.nl).not.toBe(error.en.replace("column mapping", "kolomkoppeling"));
  });

  it("names an unknown key, an empty value map and a file that is not JSON", () => {
    expect(loadError(permitsMapping((m) => (m.delimiter = ";"))).en).toMatch(/is invalid at \$: .*delimiter/);
    expect(loadError(permitsMapping((m) => (m.columns.Status = { field: "status", values: {} }))).en).toMatch(
      /is invalid at columns\.Status\.values: list at least one value$/,
    );
    const file = permitsMapping();
    writeFileSync(file, '{"pipeline": "permits",');
    expect(loadError(file).en).toMatch(new RegExp(`^column mapping ${file} cannot be read: .*JSON`));
  });

  it("names a field the pipeline does not have, with the fields it has", () => {
    const file = permitsMapping((m) => (m.columns.Status = { field: "state", values: { Verleend: "granted" } }));
    expect(loadError(file).en).toBe(
      `column mapping ${file} is invalid at columns.Status.field: state is not a field of permits; fields: permit_id, establishment_id, type, status, applied_on, decided_on, valid_until, noise_limit_dba, dust_limit_mg_m3`,
    );
  });

  it("refuses two columns for one field, a required field without a column, and a column both mapped and ignored", () => {
    expect(loadError(permitsMapping((m) => (m.columns.Vergunningnummer = "permit_id"))).en).toMatch(
      /at columns\.Vergunningnummer\.field: field permit_id already gets column Zaaknummer$/,
    );
    expect(loadError(permitsMapping((m) => delete m.columns["Datum ontvangst"])).en).toMatch(/at columns: no column maps to the required field applied_on$/);
    expect(loadError(permitsMapping((m) => (m.ignore = ["Behandelaar", "Status"]))).en).toMatch(/at ignore: column Status is both in columns and in ignore$/);
  });

  it("refuses a date format on a field that is no date, a format strptime cannot read, and a decimal comma on text", () => {
    expect(loadError(permitsMapping((m) => (m.columns.Zaaknummer = { field: "permit_id", date: "%d-%m-%Y" }))).en).toMatch(
      /at columns\.Zaaknummer\.date: a date format only fits a date or time field; permit_id is VARCHAR$/,
    );
    expect(loadError(permitsMapping((m) => (m.columns["Datum ontvangst"] = { field: "applied_on", date: "dd-mm-yyyy" }))).en).toMatch(
      /at columns\."Datum ontvangst"\.date: dd-mm-yyyy is not a strptime format like %d-%m-%Y$/,
    );
    expect(loadError(permitsMapping((m) => (m.columns["Datum ontvangst"] = { field: "applied_on", date: "%d-%q-%Y" }))).en).toMatch(
      /%d-%q-%Y is not a strptime format/,
    );
    expect(loadError(permitsMapping((m) => (m.columns.Zaaknummer = { field: "permit_id", decimal: "," }))).en).toMatch(
      /at columns\.Zaaknummer\.decimal: a decimal separator only fits a number field; permit_id is VARCHAR$/,
    );
  });

  it("refuses a mapping that names another pipeline than its file name", () => {
    expect(loadError(permitsMapping((m) => (m.pipeline = "inspections"))).en).toMatch(
      /at pipeline: the mapping names pipeline inspections, but its file name belongs to permits$/,
    );
  });
});

describe("mappingFileOf", () => {
  it("gives <folder>/<name>.json when the folder is set and holds it, else null (the export is in our columns)", () => {
    const file = permitsMapping();
    const folder = path.dirname(file);
    expect(mappingFileOf({ luchtmeetnet: { baseUrl: "" }, registerMappings: folder }, "permits")).toBe(file);
    expect(mappingFileOf({ luchtmeetnet: { baseUrl: "" }, registerMappings: folder }, "inspections")).toBeNull();
    expect(mappingFileOf({ luchtmeetnet: { baseUrl: "" } }, "permits")).toBeNull();
    expect(mappingFileOf({ luchtmeetnet: { baseUrl: "" }, registerMappings: folder }, undefined)).toBeNull();
  });
});

describe("checkColumnMappings (at start)", () => {
  it("accepts the example mappings for The Hague", () => {
    expect(checkColumnMappings(exampleMappings, pipelines)).toBe(exampleMappings);
  });

  it("refuses a file no pipeline reads, naming the names that are read", () => {
    const file = permitsMapping(() => {}, "permit.json");
    expect(() => checkColumnMappings(path.dirname(file), pipelines)).toThrow(
      `column mapping ${file}: no pipeline reads an export of that name; names that do: establishments.json, permits.json, inspections.json, inspection-findings.json, complaints.json`,
    );
  });

  it("refuses an invalid mapping in the folder, and a folder that is not there", () => {
    const file = permitsMapping((m) => (m.columns.Status = { field: "status", values: { Verleend: "granted" }, date: "%d-%m-%Y" }));
    expect(() => checkColumnMappings(path.dirname(file), pipelines)).toThrow(`column mapping ${file} is invalid at columns.Status.date`);
    expect(() => checkColumnMappings(path.join(dir, "nowhere"), pipelines)).toThrow(/^MM_REGISTER_MAPPINGS: .*nowhere is not a folder/);
  });
});
