/**
 * One establishment's dossier: identity and location, permits and their conditions, inspections and
 * whether violations were followed up, complaints over time, air quality and noise around it, and
 * the open items needing action.
 */
import type { Complaint, EstablishmentDossier, Inspection, Permit } from "../../ground/contract/contract-dossier.ts";
import type { Database, QueryOptions } from "../../store/database.ts";
import { NotFound } from "../../ground/domain-errors.ts";
import { quoted } from "../../ground/i18n/quoted.ts";
import { msg } from "../../ground/i18n/message.ts";
import type { PipelineName } from "../../pipelines/index.ts";
import { searchEstablishments } from "./establishment-search.ts";
import type { NearbyAir } from "./nearby-air.ts";
import { noiseAt } from "./noise-at-location.ts";
import { openItems } from "./open-items.ts";
import { sourcesOf } from "./sources.ts";

const date = (column: string) => `strftime(${column}, '%Y-%m-%d')`;

const PERMITS_SQL = `SELECT permit_id, type, status, ${date("applied_on")} AS applied_on, ${date("decided_on")} AS decided_on,
  ${date("valid_until")} AS valid_until, noise_limit_dba, dust_limit_mg_m3
FROM main.permits WHERE establishment_id = $id ORDER BY applied_on DESC, permit_id`;

// The next inspection after a violation is its follow-up (window over this establishment only).
const INSPECTIONS_SQL = `SELECT inspection_id, ${date("inspected_on")} AS inspected_on, result, violations,
  CASE WHEN result <> 'compliant' THEN ${date("lead(inspected_on) OVER (ORDER BY inspected_on, inspection_id)")} END AS follow_up_on
FROM main.inspections WHERE establishment_id = $id ORDER BY inspected_on DESC, inspection_id`;

const COMPLAINTS_SQL = `SELECT complaint_id, ${date("received_on")} AS received_on, kind, status
FROM main.complaints WHERE establishment_id = $id ORDER BY received_on DESC, complaint_id`;

const orNull = <T>(value: unknown, map: (v: unknown) => T) => (value === null || value === undefined ? null : map(value));

/** The pipelines the dossier cites as its sources, and whose publishes make it be built again. */
export const DOSSIER_PIPELINES: readonly PipelineName[] = [
  "establishments",
  "permits",
  "inspections",
  "complaints",
  "air-quality-measurements",
  "air-quality-sensor-observations",
  "noise-exposure",
];

export async function establishmentDossier(db: Database, nearbyAir: NearbyAir, id: string, asOf: Date, options: QueryOptions): Promise<EstablishmentDossier> {
  const published = await db.published.settled();
  const found = published.has("establishments") ? await searchEstablishments(db, { id, sort: "name", page: 1, pageSize: 1 }, options) : null;
  const establishment = found?.items[0];
  if (!establishment) throw new NotFound(msg("unknown.establishment", { id: quoted(id) }));

  const rowsOf = (pipeline: PipelineName, sql: string) => (published.has(pipeline) ? db.query(sql, { id }, options) : Promise.resolve([]));
  const [permitRows, inspectionRows, complaintRows] = await Promise.all([
    rowsOf("permits", PERMITS_SQL),
    rowsOf("inspections", INSPECTIONS_SQL),
    rowsOf("complaints", COMPLAINTS_SQL),
  ]);

  const permits: Permit[] = permitRows.map((r) => ({
    id: String(r.permit_id),
    type: r.type as Permit["type"],
    status: r.status as Permit["status"],
    appliedOn: String(r.applied_on),
    decidedOn: orNull(r.decided_on, String),
    validUntil: orNull(r.valid_until, String),
    noiseLimitDba: orNull(r.noise_limit_dba, Number),
    dustLimitMgM3: orNull(r.dust_limit_mg_m3, Number),
  }));
  const inspections: Inspection[] = inspectionRows.map((r) => ({
    id: String(r.inspection_id),
    inspectedOn: String(r.inspected_on),
    result: r.result as Inspection["result"],
    violations: Number(r.violations),
    followUpOn: orNull(r.follow_up_on, String),
  }));
  const complaints: Complaint[] = complaintRows.map((r) => ({
    id: String(r.complaint_id),
    receivedOn: String(r.received_on),
    kind: r.kind as Complaint["kind"],
    status: r.status as Complaint["status"],
  }));

  const point = { lat: establishment.lat, lon: establishment.lon };
  const [nearby, noise] = await Promise.all([nearbyAir(published, point), noiseAt(db, published, establishment.buurtCode, options)]);
  const day = asOf.toISOString().slice(0, 10);
  return {
    establishment,
    asOf: day,
    permits,
    inspections,
    complaints,
    complaintsByYear: countByYearAndKind(complaints),
    nearby,
    noise,
    openItems: openItems(day, permits, inspections, complaints),
    sources: sourcesOf(published, DOSSIER_PIPELINES),
  };
}

function countByYearAndKind(complaints: Complaint[]): EstablishmentDossier["complaintsByYear"] {
  const counts = new Map<string, { year: number; kind: Complaint["kind"]; count: number }>();
  for (const complaint of complaints) {
    const year = Number(complaint.receivedOn.slice(0, 4));
    const key = `${year}|${complaint.kind}`;
    const entry = counts.get(key) ?? { year, kind: complaint.kind, count: 0 };
    entry.count++;
    counts.set(key, entry);
  }
  return [...counts.values()].sort((a, b) => a.year - b.year || a.kind.localeCompare(b.kind));
}
