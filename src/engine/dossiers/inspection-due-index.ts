/**
 * The inspection-due signal of every establishment, for sorting and filtering the search over all
 * matches (not a page): computed in TypeScript by the same pure rules as the dossier's, from three
 * queries over the registers, once per publish of what it reads and per day it is judged on. The
 * registers hold some thousands of establishments at any scale (docs/scaling.md), so this is small.
 */
import type { DueLevel } from "../../ground/contract/contract-dossier.ts";
import type { Database, QueryOptions } from "../../store/database.ts";
import type { PublishedRuns } from "../../store/published-runs.ts";
import { createVersionedCache } from "../../store/versioned-cache.ts";
import type { PipelineName } from "../../pipelines/index.ts";
import { inspectionDue, type DueInspection } from "./inspection-due.ts";

export type DueIndex = ReadonlyMap<string, { score: number; level: DueLevel }>;

/** What the signal reads; findings and complaints may be missing (their rules then add nothing). */
export const DUE_PIPELINES: readonly PipelineName[] = ["establishments", "inspections", "inspection-findings", "complaints"];

const day = (column: string) => `strftime(${column}, '%Y-%m-%d')`;
const INSPECTIONS_SQL = `SELECT inspection_id, establishment_id, ${day("inspected_on")} AS inspected_on, result FROM main.inspections`;
const FINDINGS_SQL = `SELECT inspection_id, sanction, ${day("sanction_deadline")} AS sanction_deadline, ${day("reinspected_on")} AS reinspected_on FROM main.inspection_findings`;
const COMPLAINTS_SQL = `SELECT establishment_id, ${day("received_on")} AS received_on FROM main.complaints WHERE establishment_id IS NOT NULL`;

const cache = createVersionedCache<DueIndex>(4);

export function dueIndex(db: Database, published: PublishedRuns, asOf: string, options: QueryOptions): Promise<DueIndex> {
  const version = `${DUE_PIPELINES.map((p) => published.get(p)?.version ?? "-").join(",")}@${asOf}`;
  return cache.get(db.path, version, async () => {
    const timeout = { timeoutMs: options.timeoutMs };
    const rowsOf = (pipeline: PipelineName, sql: string) => (published.has(pipeline) ? db.query(sql, [], timeout) : Promise.resolve([]));
    const [establishments, inspections, findings, complaints] = await Promise.all([
      rowsOf("establishments", "SELECT establishment_id, category FROM main.establishments"),
      rowsOf("inspections", INSPECTIONS_SQL),
      rowsOf("inspection-findings", FINDINGS_SQL),
      rowsOf("complaints", COMPLAINTS_SQL),
    ]);
    const findingsOf = new Map<string, DueInspection["findings"][number][]>();
    for (const f of findings) {
      const list = findingsOf.get(String(f.inspection_id)) ?? [];
      list.push({
        sanction: String(f.sanction),
        sanctionDeadline: (f.sanction_deadline as string | null) ?? null,
        reinspectedOn: (f.reinspected_on as string | null) ?? null,
      });
      findingsOf.set(String(f.inspection_id), list);
    }
    const inspectionsOf = group(inspections, (i) => ({
      inspectedOn: String(i.inspected_on),
      result: i.result as DueInspection["result"],
      findings: findingsOf.get(String(i.inspection_id)) ?? [],
    }));
    const complaintsOf = group(complaints, (c) => String(c.received_on));
    const index = new Map<string, { score: number; level: DueLevel }>();
    for (const e of establishments) {
      const id = String(e.establishment_id);
      const { score, level } = inspectionDue(
        { category: Number(e.category), inspections: inspectionsOf.get(id) ?? [], complaintDates: complaintsOf.get(id) ?? [] },
        asOf,
      );
      index.set(id, { score, level });
    }
    return index;
  });
}

function group<T>(rows: Record<string, unknown>[], map: (row: Record<string, unknown>) => T): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = String(row.establishment_id);
    const list = groups.get(key) ?? [];
    list.push(map(row));
    groups.set(key, list);
  }
  return groups;
}
