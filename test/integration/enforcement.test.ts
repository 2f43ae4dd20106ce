/**
 * A dossier fit for enforcement: the inspection-findings pipeline (a bad row quarantined), complaints
 * near a point (nearest first), and on the demo: findings, complaints' details and those nearby, the
 * inspection-due signal in the dossier and the search (sort and filter over all matches), exports in
 * words with no codes and no complainant, audited, and refused to the policy role.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { z } from "zod";
import { AuditList, EstablishmentDossier, EstablishmentSearch } from "../../src/ground/contract/contract-dossier.ts";
import { complaintsNear } from "../../src/engine/dossiers/complaints-near.ts";
import complaints from "../../src/pipelines/complaints.ts";
import establishments from "../../src/pipelines/establishments.ts";
import type { PipelineDefinition } from "../../src/pipelines/framework/define-pipeline.ts";
import inspectionFindings from "../../src/pipelines/inspection-findings.ts";
import inspections from "../../src/pipelines/inspections.ts";
import { openHarness, type Harness } from "../support/pipeline-harness.ts";
import { login, startTestMonitor, type Login, type TestMonitor } from "../support/test-server.ts";

const ownColumns = path.resolve(import.meta.dirname, "../fixtures/vth/own-columns");

describe("the inspection-findings pipeline and complaints near a point", () => {
  let tmp: string;
  let harness: Harness;
  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), "mm-findings-"));
    cpSync(ownColumns, tmp, { recursive: true });
    const file = path.join(tmp, "exports", "inspection-findings.csv");
    // A hundred more findings, and one with an unknown sanction: under the 2% a run may reject.
    const more = Array.from(
      { length: 100 },
      (_, i) => `BV-${String(1000 + i).padStart(6, "0")},CT-000204,Bal art. 2.11,Afval buiten de container,minor,warning,2024-08-23,,\n`,
    );
    writeFileSync(file, `${readFileSync(file, "utf8")}${more.join("")}BV-000409,CT-000204,Bal art. 2.11,Onbekende sanctie,minor,reprimand,2024-01-01,,\n`);
    harness = await openHarness({ filesDir: tmp });
    for (const pipeline of [establishments, inspections, inspectionFindings, complaints] as PipelineDefinition[]) await harness.runner.run(pipeline, "manual");
  });
  afterAll(() => {
    harness?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it("publishes the findings and quarantines the bad rows with their reasons", async () => {
    const runs = await harness.db.query(
      "SELECT status, rows_loaded, rows_rejected FROM meta.pipeline_runs WHERE pipeline = 'inspection-findings' ORDER BY run_id DESC LIMIT 1",
    );
    expect(runs[0]).toMatchObject({ status: "succeeded", rows_loaded: 107, rows_rejected: 1 });
    const rows = await harness.db.query(
      "SELECT finding_id, sanction, strftime(sanction_deadline, '%Y-%m-%d') AS deadline FROM main.inspection_findings ORDER BY finding_id",
    );
    expect(rows.slice(0, 7).map((r) => r.finding_id)).toEqual(["BV-000401", "BV-000402", "BV-000403", "BV-000404", "BV-000405", "BV-000406", "BV-000407"]);
    expect(rows.some((r) => r.finding_id === "BV-000409")).toBe(false);
    expect(rows[1]).toEqual({ finding_id: "BV-000402", sanction: "none", deadline: null });
    const rejects = await harness.db.query(
      "SELECT column_name, reason FROM meta.rejects WHERE run_id = (SELECT max(run_id) FROM meta.pipeline_runs WHERE pipeline = 'inspection-findings') ORDER BY line",
    );
    expect(rejects.map((r) => r.column_name)).toEqual(["sanction"]);
  });

  it("finds complaints within a radius, nearest first, and leaves out an establishment's own when asked", async () => {
    const published = await harness.db.published.settled();
    const [first] = await harness.db.query("SELECT lat, lon, establishment_id FROM main.complaints ORDER BY complaint_id LIMIT 1");
    const point = { lat: Number(first!.lat) + 0.0005, lon: Number(first!.lon) };
    const near = await complaintsNear(harness.db, published, point, 5_000);
    expect(near.length).toBeGreaterThan(1);
    expect(near.map((c) => c.distanceM)).toEqual([...near.map((c) => c.distanceM)].sort((a, b) => a - b));
    expect(near[0]!.distanceM).toBeGreaterThan(40);
    expect(near[0]!.distanceM).toBeLessThan(70);
    expect(near.every((c) => c.distanceM <= 5_000)).toBe(true);
    // No handle_by in this export: received on + 8 weeks.
    expect(near[0]!.handleBy).toBe(new Date(Date.parse(near[0]!.receivedOn) + 56 * 86_400_000).toISOString().slice(0, 10));
    const others = await complaintsNear(harness.db, published, point, 5_000, { exceptEstablishment: String(first!.establishment_id) });
    expect(others.some((c) => c.establishmentId === first!.establishment_id)).toBe(false);
    expect(await complaintsNear(harness.db, published, { lat: 10, lon: 10 }, 250)).toEqual([]);
    expect(await complaintsNear(harness.db, published, point, 5_000, { limit: 1 })).toHaveLength(1);
  });
});

describe("enforcement on the demo", () => {
  let monitor: TestMonitor;
  let permit: Login;
  let admin: Login;
  beforeAll(async () => {
    monitor = await startTestMonitor(inject("demoDir"));
    [permit, admin] = await Promise.all([login(monitor.url, "permit"), login(monitor.url, "admin")]);
  });
  afterAll(() => monitor?.close());

  const get = (p: string, auth: Login = permit) => fetch(`${monitor.url}${p}`, { headers: { cookie: auth.cookie } });
  async function json<S extends z.ZodType>(schema: S, p: string, auth: Login = permit): Promise<z.output<S>> {
    const response = await get(p, auth);
    expect(response.status, p).toBe(200);
    return schema.parse(await response.json());
  }
  const search = (query: string) => json(EstablishmentSearch, `/api/v1/establishments?${query}`);

  it("sorts the search by inspection due over all matches, and filters by level with the right total", async () => {
    const all = await search("sort=due&pageSize=100");
    expect(all.total).toBeGreaterThan(100);
    const scores = all.items.map((i) => i.due!.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const page2 = await search("sort=due&pageSize=100&page=2");
    expect(page2.items[0]!.due!.score).toBeLessThanOrEqual(scores.at(-1)!);
    expect(page2.total).toBe(all.total);

    const high = await search("due=high&pageSize=100");
    expect(high.total).toBeGreaterThan(0);
    expect(high.items.every((i) => i.due!.level === "high")).toBe(true);
    const medium = await search("due=true&pageSize=1");
    expect(medium.total).toBeGreaterThan(high.total);
    // The total counts every match: page through the high ones and count them.
    let counted = 0;
    for (let page = 1; page <= Math.ceil(high.total / 100); page++) counted += (await search(`due=high&pageSize=100&page=${page}`)).items.length;
    expect(counted).toBe(high.total);
    // Filtered and sorted by name: still the name order.
    const names = high.items.map((i) => i.name);
    expect(names).toEqual([...names].sort());
    expect((await get("/api/v1/establishments?due=urgent")).status).toBe(400);
  });

  it("treats the word 'inrichting' as no filter", async () => {
    const everything = await search("pageSize=1");
    expect((await search("q=inrichting&pageSize=1")).total).toBe(everything.total);
    expect((await search("q=milieubelastende%20activiteit&pageSize=1")).total).toBe(everything.total);
  });

  it("gives the dossier of an establishment with findings: sanctions, why an inspection is due, complaints' details and those nearby", async () => {
    const top = (await search("sort=due&pageSize=1")).items[0]!;
    const dossier = await json(EstablishmentDossier, `/api/v1/establishments/${top.id}`);
    expect(dossier.inspectionDue.score).toBe(top.due!.score);
    expect(dossier.inspectionDue.reasons.length).toBeGreaterThan(0);
    const findings = dossier.inspections.flatMap((i) => i.findings);
    expect(findings.length).toBeGreaterThan(0);
    for (const inspection of dossier.inspections) expect(inspection.findings.length, inspection.id).toBe(inspection.violations);
    for (const complaint of dossier.complaints) expect(complaint.handleBy >= complaint.receivedOn).toBe(true);
    expect(dossier.complaintsNearby.every((c) => c.establishmentId !== top.id && c.distanceM <= 250)).toBe(true);
    // Never the complainant: no field for one anywhere in the answer.
    expect(JSON.stringify(dossier)).not.toMatch(/complainant|melder|reporter|phone|telefoon/i);
  });

  it("opens an item for a sanction deadline passed without re-inspection", async () => {
    const candidates = (await search("due=high&pageSize=100")).items;
    let found = false;
    for (const item of candidates) {
      const dossier = await json(EstablishmentDossier, `/api/v1/establishments/${item.id}`);
      const lapsed = dossier.inspections
        .flatMap((i) => i.findings)
        .filter((f) => f.sanction !== "none" && f.sanctionDeadline! < dossier.asOf && f.reinspectedOn === null);
      if (lapsed.length === 0) continue;
      const items = dossier.openItems.filter((o) => o.kind === "sanction-deadline-passed").map((o) => o.subject);
      expect(items.sort()).toEqual(lapsed.map((f) => f.id).sort());
      expect(dossier.inspectionDue.reasons.map((r) => r.code)).toContain("sanction-deadline-passed");
      found = true;
      break;
    }
    expect(found).toBe(true);
  });

  it("exports the dossier in Dutch in words, with findings and the reasons, no codes and no complainant", async () => {
    const top = (await search("sort=due&pageSize=1")).items[0]!;
    const text = await (await get(`/api/v1/establishments/${top.id}?format=csv&lang=nl&sep=semicolon`)).text();
    expect(text).toContain("milieubelastende activiteit");
    expect(text).toContain("bevinding");
    expect(text).toContain("reden voor controle");
    expect(text).toMatch(/controle nodig: (hoog|middel|laag|geen)/);
    expect(text).not.toMatch(/in_progress|serious_violation|environmental_permit|last_warning|penalty_order|administrative_enforcement|\bcompliant\b/);
    expect(text).not.toMatch(/complainant|melder/i);
  });

  it("exports the search results as CSV in words, every match, audited with the query as subject", async () => {
    const high = await search("due=high&pageSize=1");
    const response = await get("/api/v1/establishments?due=high&sort=due&format=csv&lang=nl&sep=semicolon");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(response.headers.get("content-disposition")).toContain(".csv");
    const lines = (await response.text()).trim().split("\r\n");
    expect(lines[0]).toContain("zoekvraag: due=high&sort=due&format=csv&lang=nl&sep=semicolon");
    expect(lines[1]).toBe(
      "kenmerk;naam;adres;postcode;plaats;buurt;SBI-code;milieubelastende activiteit;milieucategorie;controle nodig;score controle nodig;afstand (m);breedtegraad;lengtegraad",
    );
    expect(lines.length - 2).toBe(high.total);
    expect(lines.slice(2).every((line) => line.split(";")[9] === "hoog")).toBe(true);
    const audit = await json(AuditList, "/api/v1/audit?limit=1", admin);
    expect(audit.entries[0]).toMatchObject({
      action: "export-establishments",
      username: "permit",
      subject: "due=high&sort=due&format=csv&lang=nl&sep=semicolon",
    });
  });

  it("refuses the policy role every dossier and export", async () => {
    const policy = await login(monitor.url, "policy");
    const { id } = (await search("pageSize=1")).items[0]!;
    for (const p of [
      "/api/v1/establishments?sort=due",
      "/api/v1/establishments?format=csv",
      `/api/v1/establishments/${id}`,
      `/api/v1/establishments/${id}?format=csv`,
    ]) {
      expect((await get(p, policy)).status, p).toBe(403);
    }
  });
});
