/**
 * Establishments by name, address, postcode, activity, area, SBI code, category and distance from a
 * point: one parameterised query, sorted by an allow-listed key and paged. Sorted or filtered by
 * "inspection due", all matches are ranked in TypeScript (the signal's rules are TypeScript,
 * inspection-due.ts) and then paged, so the total and the order are over all matches, not a page.
 */
import { dueLevels, type DueLevel, type EstablishmentSearch, type EstablishmentSummary } from "../../ground/contract/contract-dossier.ts";
import type { Database, QueryOptions } from "../../store/database.ts";
import { dueIndex, type DueIndex } from "./inspection-due-index.ts";
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
  /** Only establishments due for inspection at this level or above. Needs `asOf`. */
  due?: DueLevel | undefined;
  /** The day the inspection-due signal is judged on ("YYYY-MM-DD"); without it, `due` is null. */
  asOf?: string | undefined;
  sort: EstablishmentSearch["sort"];
  page: number;
  pageSize: number;
}

/** ORDER BY clauses by sort key: the only way a sort reaches the SQL. */
const ORDER_BY: Record<EstablishmentSearch["sort"], string> = {
  name: "ORDER BY name, establishment_id",
  distance: "ORDER BY distance_m, name, establishment_id",
  category: "ORDER BY category DESC, name, establishment_id",
  // Ranked in TypeScript (rankByDue); the SQL gives them in name order.
  due: "ORDER BY name, establishment_id",
};

/**
 * "Inrichting" is the word of the Wet milieubeheer; the Omgevingswet speaks of a "milieubelastende
 * activiteit". Every establishment is one, so the words select nothing: a search for them is a search
 * for the rest of the text (and a search for only them lists all).
 */
const GENERIC_WORDS = /\b(inrichting(en)?|milieubelastende\s+activiteit(en)?|establishments?)\b/giu;

export function normalizeSearchText(q: string | undefined): string | undefined {
  if (q === undefined) return undefined;
  const rest = q.replace(GENERIC_WORDS, " ").replace(/\s+/g, " ").trim();
  return rest === "" ? undefined : rest;
}

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
    due: null,
  };
}

const withDue = (item: EstablishmentSummary, index: DueIndex | null): EstablishmentSummary => ({ ...item, due: index?.get(item.id) ?? null });

export async function searchEstablishments(db: Database, query: EstablishmentQuery, options: QueryOptions): Promise<EstablishmentSearch> {
  const index = query.asOf === undefined ? null : await dueIndex(db, await db.published.settled(), query.asOf, options);
  const ranked = index !== null && (query.sort === "due" || query.due !== undefined);
  // Ranked by due: every match (some thousands at most), then filtered, sorted and paged here.
  const paging = ranked ? "" : "\nLIMIT $limit OFFSET $offset";
  const sql = `${dossierSql.establishments}\n${ORDER_BY[query.sort]}${paging}`;
  const rows = await db.query(
    sql,
    {
      q: normalizeSearchText(query.q) ?? null,
      area: query.area ?? null,
      sbi: query.sbi ?? null,
      category: query.category ?? null,
      id: query.id ?? null,
      lat: query.near?.lat ?? null,
      lon: query.near?.lon ?? null,
      radius: query.radius ?? null,
      ...(ranked ? {} : { limit: query.pageSize, offset: (query.page - 1) * query.pageSize }),
    },
    options,
  );
  const page = { page: query.page, pageSize: query.pageSize, sort: query.sort };
  if (!ranked) return { total: Number(rows[0]?.total ?? 0), ...page, items: rows.map((r) => withDue(toEstablishment(r), index)) };
  const items = rankByDue(
    rows.map((r) => withDue(toEstablishment(r), index)),
    query,
  );
  const from = (query.page - 1) * query.pageSize;
  return { total: items.length, ...page, items: items.slice(from, from + query.pageSize) };
}

/** Filters by the minimum level and, for sort=due, orders highest score first (then by the SQL's name order). */
function rankByDue(items: EstablishmentSummary[], query: EstablishmentQuery): EstablishmentSummary[] {
  const min = query.due === undefined ? 0 : dueLevels.indexOf(query.due);
  const kept = items.filter((item) => dueLevels.indexOf(item.due?.level ?? "none") >= min);
  // toSorted is stable: equal scores keep the SQL order of the asked sort (name, distance or category).
  return query.sort === "due" ? kept.toSorted((a, b) => (b.due?.score ?? 0) - (a.due?.score ?? 0)) : kept;
}
