/**
 * Complaints around a point, nearest first: for the location dossier (any complaint) and the
 * establishment dossier (those not linked to the establishment itself). Complaints carry no
 * complainant (the export has none), only where and when, what about, and how far handling is.
 */
import type { NearbyComplaint } from "../../ground/contract/contract-dossier.ts";
import type { Database, QueryOptions } from "../../store/database.ts";
import type { PublishedRuns } from "../../store/published-runs.ts";

/** The municipality's term for handling a complaint when the export gives no `handle_by`: 8 weeks. */
export const COMPLAINT_HANDLING_DAYS = 56;
/** At most this many complaints are returned, nearest first. */
export const MAX_NEARBY_COMPLAINTS = 200;
const METRES_PER_DEGREE_LAT = 111_320;

export interface ComplaintsNearOptions extends QueryOptions {
  /** Leave out complaints linked to this establishment (its own complaints are listed apart). */
  exceptEstablishment?: string;
  limit?: number;
}

/** `handle_by`, or the received day plus the handling term: the same expression everywhere. */
export const HANDLE_BY_SQL = `strftime(coalesce(handle_by, received_on + INTERVAL ${COMPLAINT_HANDLING_DAYS} DAY), '%Y-%m-%d')`;

// A bounding box first (cheap, on plain columns), the exact distance only for what is in it.
const SQL = `SELECT complaint_id, strftime(received_on, '%Y-%m-%d') AS received_on, kind, status, ${HANDLE_BY_SQL} AS handle_by,
  establishment_id, lat, lon, meta.distance_m($lat, $lon, lat, lon) AS distance_m
FROM main.complaints
WHERE lat BETWEEN $lat - $dlat AND $lat + $dlat AND lon BETWEEN $lon - $dlon AND $lon + $dlon
  AND meta.distance_m($lat, $lon, lat, lon) <= $radius
  AND ($except::VARCHAR IS NULL OR establishment_id IS DISTINCT FROM $except::VARCHAR)
ORDER BY distance_m, received_on DESC, complaint_id
LIMIT $limit`;

/**
 * Complaints within `radiusM` metres of `point`, nearest first (then newest), at most 200.
 * @example await complaintsNear(db, published, { lat: 52.08, lon: 4.31 }, 250, { exceptEstablishment: "IN-000123" })
 */
export async function complaintsNear(
  db: Database,
  published: PublishedRuns,
  point: { lat: number; lon: number },
  radiusM: number,
  options: ComplaintsNearOptions = {},
): Promise<NearbyComplaint[]> {
  if (!published.has("complaints")) return [];
  const dlat = radiusM / METRES_PER_DEGREE_LAT;
  const dlon = radiusM / (METRES_PER_DEGREE_LAT * Math.max(0.01, Math.cos((point.lat * Math.PI) / 180)));
  const limit = Math.min(options.limit ?? MAX_NEARBY_COMPLAINTS, MAX_NEARBY_COMPLAINTS);
  const rows = await db.query(
    SQL,
    { lat: point.lat, lon: point.lon, dlat, dlon, radius: radiusM, except: options.exceptEstablishment ?? null, limit },
    { signal: options.signal, timeoutMs: options.timeoutMs },
  );
  return rows.map((r) => ({
    id: String(r.complaint_id),
    receivedOn: String(r.received_on),
    kind: r.kind as NearbyComplaint["kind"],
    status: r.status as NearbyComplaint["status"],
    handleBy: String(r.handle_by),
    distanceM: Math.round(Number(r.distance_m)),
    lat: Number(r.lat),
    lon: Number(r.lon),
    establishmentId: (r.establishment_id as string | null) ?? null,
  }));
}
