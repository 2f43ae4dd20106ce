import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import establishments from "../../src/pipelines/establishments.ts";
import { openHarness } from "../support/pipeline-harness.ts";
import { startTestMonitor, type TestMonitor } from "../support/test-server.ts";

describe("the municipal registers on the demo", () => {
  let monitor: TestMonitor;
  beforeAll(async () => {
    monitor = await startTestMonitor(inject("demoDir"));
  });
  afterAll(() => monitor?.close());

  it("publishes about 1,500 establishments, each placed in a buurt, with natural persons flagged", async () => {
    const [row] = await monitor.db.query(
      "SELECT count(*) AS n, count(buurt_code) AS placed, sum(natural_person::INT) AS persons, count(DISTINCT buurt_code) AS buurten FROM main.establishments",
    );
    expect(row).toMatchObject({ n: 1500, placed: 1500 });
    expect(Number(row!.persons)).toBeGreaterThan(50);
    expect(Number(row!.buurten)).toBeGreaterThan(40);
  });

  it("links every permit and inspection to an establishment, and has open items to act on", async () => {
    const [orphans] = await monitor.db.query(
      `SELECT (SELECT count(*) FROM main.permits p ANTI JOIN main.establishments e USING (establishment_id)) AS permits,
              (SELECT count(*) FROM main.inspections i ANTI JOIN main.establishments e USING (establishment_id)) AS inspections`,
    );
    expect(orphans).toEqual({ permits: 0, inspections: 0 });
    const [counts] = await monitor.db.query(
      `SELECT (SELECT count(*) FROM main.inspections WHERE violations > 0) AS violations,
              (SELECT count(*) FROM main.permits WHERE status = 'expired') AS expired,
              (SELECT count(*) FROM main.complaints WHERE status <> 'closed') AS open_complaints,
              (SELECT count(DISTINCT kind) FROM main.complaints) AS kinds`,
    );
    expect(Number(counts!.violations)).toBeGreaterThan(50);
    expect(Number(counts!.expired)).toBeGreaterThan(0);
    expect(Number(counts!.open_complaints)).toBeGreaterThan(0);
    expect(counts!.kinds).toBe(5);
  });
});

describe("the establishments export", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "mm-registers-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("quarantines a row with a malformed postcode and one outside the Netherlands, with line and reason", async () => {
    const lines = readFileSync(path.join(inject("demoDir"), "exports", "establishments.csv"), "utf8")
      .trim()
      .split("\n")
      .slice(0, 101);
    lines[5] = lines[5]!.replace(/,\d{4} [A-Z]{2},/, ",12345,");
    lines[9] = lines[9]!.replace(/,5\.\d+,52\.\d+,/, ",15.0,52.1,");
    mkdirSync(path.join(dir, "exports"));
    writeFileSync(path.join(dir, "exports", "establishments.csv"), `${lines.join("\n")}\n`);
    const harness = await openHarness({ filesDir: dir });
    try {
      const result = await harness.runner.run({ ...establishments, maxRejectShare: 0.05 }, "manual");
      expect(result).toMatchObject({ status: "succeeded", rowsRead: 100, rowsRejected: 2 });
      const rejects = await harness.db.query("SELECT line, column_name, reason, reason_nl FROM meta.rejects ORDER BY line");
      expect(rejects).toEqual([
        { line: 6, column_name: "postcode", reason: "postcode must look like 1234 AB", reason_nl: "postcode moet eruitzien als 1234 AB" },
        { line: 10, column_name: "lon", reason: "must be at most 8", reason_nl: "mag hoogstens 8 zijn" },
      ]);
    } finally {
      harness.close();
    }
  });
});
