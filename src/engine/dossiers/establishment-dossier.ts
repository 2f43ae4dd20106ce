/**
 * One establishment's dossier: identity and location, permits and their conditions, inspections with
 * their findings and sanctions and whether violations were followed up, complaints over time (with
 * where they were made and their handling deadline, never who made them), complaints nearby, air
 * quality and noise around it, whether an inspection is due, and the open items needing action.
 */
import type { Complaint, EstablishmentDossier, Finding, Inspection, Permit } from "../../ground/contract/contract-dossier.ts";
import type { Database, QueryOptions } from "../../store/database.ts";
import { NotFound } from "../../ground/domain-errors.ts";
import { quoted } from "../../ground/i18n/quoted.ts";
import { msg } from "../../ground/i18n/message.ts";
import type { PipelineName } from "../../pipelines/index.ts";
import { complaintsNear, HANDLE_BY_SQL } from "./complaints-near.ts";
import { searchEstablishments } from "./establishment-search.ts";
import { inspectionDue } from "./inspection-due.ts";
import type { NearbyAir } from "./nearby-air.ts";
import { noiseAt } from "./noise-at-location.ts";
import { openItems } from "./open-items.ts";
import { sourcesOf } from "./sources.ts";
import { toAddress } from "./address-search.ts";

/** Complaints within this many metres, not linked to the establishment, are listed as "nearby". */
export const NEARBY_COMPLAINTS_M = 250;
/** An establishment whose postcode and number the BAG lacks is linked to the nearest address this close. */
const ADDRESS_LINK_M = 30;

const date = (column: string) => `strftime(${column}, '%Y-%m-%d')`;

const PERMITS_SQL = `SELECT permit_id, type, status, ${date("applied_on")} AS applied_on, ${date("decided_on")} AS decided_on,
  ${date("valid_until")} AS valid_until, noise_limit_dba, dust_limit_mg_m3
FROM main.permits WHERE establishment_id = $id ORDER BY applied_on DESC, permit_id`;

// The next inspection after a violation is its follow-up (window over this establishment only).
const INSPECTIONS_SQL = `SELECT inspection_id, ${date("inspected_on")} AS inspected_on, result, violations,
  CASE WHEN result <> 'compliant' THEN ${date("lead(inspected_on) OVER (ORDER BY inspected_on, inspection_id)")} END AS follow_up_on
FROM main.inspections WHERE establishment_id = $id ORDER BY inspected_on DESC, inspection_id`;

const FINDINGS_SQL = `SELECT f.finding_id, f.inspection_id, f.rule, f.description, f.severity, f.sanction,
  ${date("f.sanction_deadline")} AS sanction_deadline, ${date("f.reinspected_on")} AS reinspected_on, f.reinspection_result
FROM main.inspection_findings f JOIN main.inspections i USING (inspection_id)
WHERE i.establishment_id = $id ORDER BY f.finding_id`;

const COMPLAINTS_SQL = `SELECT c.complaint_id, ${date("c.received_on")} AS received_on, c.kind, c.status, ${HANDLE_BY_SQL} AS handle_by,
  c.lat, c.lon, a.name AS buurt_name
FROM main.complaints c LEFT JOIN main.areas a ON a.code = c.buurt_code
WHERE c.establishment_id = $id ORDER BY c.received_on DESC, c.complaint_id`;

// The nearest address within ~100 m of each complaint's point (a box first, then the exact distance).
const NEAREST_ADDRESS_SQL = `SELECT c.complaint_id,
  arg_min(a.street || ' ' || a.house_number::VARCHAR || coalesce(a.house_letter, '') || coalesce('-' || a.addition, '') || ', ' || a.postcode || ' ' || a.place,
          meta.distance_m(c.lat, c.lon, a.lat, a.lon)) AS address
FROM main.complaints c JOIN main.bag_addresses a
  ON a.lat BETWEEN c.lat - 0.0009 AND c.lat + 0.0009 AND a.lon BETWEEN c.lon - 0.0015 AND c.lon + 0.0015
WHERE c.establishment_id = $id GROUP BY c.complaint_id`;

// The establishment's own address: its postcode and number (the main address, without letter or
// addition, first), else the nearest address within ADDRESS_LINK_M.
const ADDRESS_SQL = `SELECT a.address_id, a.street, a.house_number, a.house_letter, a.addition, a.postcode, a.place, a.lon, a.lat, a.buurt_code
FROM main.establishments e JOIN main.bag_addresses a
  ON (a.postcode = e.postcode AND a.house_number = e.house_number)
  OR (a.lat BETWEEN e.lat - 0.0003 AND e.lat + 0.0003 AND a.lon BETWEEN e.lon - 0.0005 AND e.lon + 0.0005
      AND meta.distance_m(e.lat, e.lon, a.lat, a.lon) <= ${ADDRESS_LINK_M})
WHERE e.establishment_id = $id
ORDER BY (a.postcode = e.postcode AND a.house_number = e.house_number) DESC, a.house_letter NULLS FIRST, a.addition NULLS FIRST,
  meta.distance_m(e.lat, e.lon, a.lat, a.lon), a.address_id
LIMIT 1`;

const orNull = <T>(value: unknown, map: (v: unknown) => T) => (value === null || value === undefined ? null : map(value));

/** The pipelines the dossier cites as its sources, and whose publishes make it be built again. */
export const DOSSIER_PIPELINES: readonly PipelineName[] = [
  "establishments",
  "permits",
  "inspections",
  "inspection-findings",
  "complaints",
  "bag-addresses",
  "air-quality-measurements",
  "air-quality-sensor-observations",
  "noise-exposure",
];

export async function establishmentDossier(db: Database, nearbyAir: NearbyAir, id: string, asOf: Date, options: QueryOptions): Promise<EstablishmentDossier> {
  const published = await db.published.settled();
  const day = asOf.toISOString().slice(0, 10);
  const found = published.has("establishments") ? await searchEstablishments(db, { id, sort: "name", page: 1, pageSize: 1, asOf: day }, options) : null;
  const establishment = found?.items[0];
  if (!establishment) throw new NotFound(msg("unknown.establishment", { id: quoted(id) }));

  const rowsOf = (pipeline: PipelineName, sql: string) => (published.has(pipeline) ? db.query(sql, { id }, options) : Promise.resolve([]));
  const [permitRows, inspectionRows, findingRows, complaintRows, addressRows, ownAddress] = await Promise.all([
    rowsOf("permits", PERMITS_SQL),
    rowsOf("inspections", INSPECTIONS_SQL),
    published.has("inspections") ? rowsOf("inspection-findings", FINDINGS_SQL) : Promise.resolve([]),
    rowsOf("complaints", COMPLAINTS_SQL),
    published.has("complaints") ? rowsOf("bag-addresses", NEAREST_ADDRESS_SQL) : Promise.resolve([]),
    rowsOf("bag-addresses", ADDRESS_SQL),
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
  const findingsOf = new Map<string, Finding[]>();
  for (const r of findingRows) {
    const list = findingsOf.get(String(r.inspection_id)) ?? [];
    list.push({
      id: String(r.finding_id),
      rule: String(r.rule),
      description: String(r.description),
      severity: r.severity as Finding["severity"],
      sanction: r.sanction as Finding["sanction"],
      sanctionDeadline: orNull(r.sanction_deadline, String),
      reinspectedOn: orNull(r.reinspected_on, String),
      reinspectionResult: orNull(r.reinspection_result, String) as Finding["reinspectionResult"],
    });
    findingsOf.set(String(r.inspection_id), list);
  }
  const inspections: Inspection[] = inspectionRows.map((r) => ({
    id: String(r.inspection_id),
    inspectedOn: String(r.inspected_on),
    result: r.result as Inspection["result"],
    violations: Number(r.violations),
    followUpOn: orNull(r.follow_up_on, String),
    findings: findingsOf.get(String(r.inspection_id)) ?? [],
  }));
  const addresses = new Map(addressRows.map((r) => [String(r.complaint_id), orNull(r.address, String)]));
  const complaints: Complaint[] = complaintRows.map((r) => ({
    id: String(r.complaint_id),
    receivedOn: String(r.received_on),
    kind: r.kind as Complaint["kind"],
    status: r.status as Complaint["status"],
    handleBy: String(r.handle_by),
    lat: Number(r.lat),
    lon: Number(r.lon),
    buurtName: orNull(r.buurt_name, String),
    nearestAddress: addresses.get(String(r.complaint_id)) ?? null,
  }));

  const point = { lat: establishment.lat, lon: establishment.lon };
  const [nearby, noise, complaintsNearby] = await Promise.all([
    nearbyAir(published, point),
    noiseAt(db, published, establishment.buurtCode, options),
    complaintsNear(db, published, point, NEARBY_COMPLAINTS_M, { ...options, exceptEstablishment: id }),
  ]);
  return {
    establishment,
    address: ownAddress[0] ? toAddress(ownAddress[0]) : null,
    asOf: day,
    permits,
    inspections,
    complaints,
    complaintsByYear: countByYearAndKind(complaints),
    nearby,
    noise,
    openItems: openItems(day, permits, inspections, complaints),
    inspectionDue: inspectionDue({ category: establishment.category, inspections, complaintDates: complaints.map((c) => c.receivedOn) }, day),
    complaintsNearby,
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
