/**
 * Establishments by name, address, postcode, activity, area, SBI code, category and distance from a
 * point: one parameterised query, sorted by an allow-listed key and paged.
 */
import type { EstablishmentSearch, EstablishmentSummary } from "../../ground/contract/contract-dossier.ts";
import type { Database, QueryOptions } from "../../store/database.ts";
import { dossierSql } from "./sql-files.ts";

export interface EstablishmentQuery {
  q?: string | undefined;
  area?: string | undefined;
  sbi?: string | undefined;
  category?: number | undefined;
  near?: { lat: number; lon: number } | undefined;
  /** Metres around `near`. */
  radius?: number | undefined;
  id?: string | undefined;
  sort: EstablishmentSearch["sort"];
  page: number;
  pageSize: number;
}

/** ORDER BY clauses by sort key: the only way a sort reaches the SQL. */
const ORDER_BY: Record<EstablishmentSearch["sort"], string> = {
  name: "ORDER BY name, establishment_id",
  distance: "ORDER BY distance_m, name, establishment_id",
  category: "ORDER BY category DESC, name, establishment_id",
};

export function toEstablishment(row: Record<string, unknown>): EstablishmentSummary {
  return {
    id: String(row.establishment_id),
    name: String(row.name),
    address: `${row.street} ${row.house_number}`,
    postcode: String(row.postcode),
    city: String(row.city),
    lat: Number(row.lat),
    lon: Number(row.lon),
    buurtCode: (row.buurt_code as string | null) ?? null,
    buurtName: (row.buurt_name as string | null) ?? null,
    wijkCode: (row.wijk_code as string | null) ?? null,
    sbiCode: String(row.sbi_code),
    activity: String(row.activity),
    category: Number(row.category),
    naturalPerson: Boolean(row.natural_person),
    distanceM: row.distance_m === null || row.distance_m === undefined ? null : Math.round(Number(row.distance_m)),
  };
}

export async function searchEstablishments(db: Database, query: EstablishmentQuery, options: QueryOptions): Promise<EstablishmentSearch> {
  const sql = `${dossierSql.establishments}\n${ORDER_BY[query.sort]}\nLIMIT $limit OFFSET $offset`;
  const rows = await db.query(
    sql,
    {
      q: query.q ?? null,
      area: query.area ?? null,
      sbi: query.sbi ?? null,
      category: query.category ?? null,
      id: query.id ?? null,
      lat: query.near?.lat ?? null,
      lon: query.near?.lon ?? null,
      radius: query.radius ?? null,
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    },
    options,
  );
  return { total: Number(rows[0]?.total ?? 0), page: query.page, pageSize: query.pageSize, sort: query.sort, items: rows.map(toEstablishment) };
}
