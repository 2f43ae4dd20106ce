/**
 * Address search over the BAG addresses for the officer's address box: postcode and number
 * ("2511 AB 12", "2511ab12a"), street and number ("Spui 70", "spui 70 den haag"), with typos
 * ("Spuy 70") and while still typing ("Spu", "Spui 7", "2511 A").
 *
 * Streets are matched in memory on the distinct (street, place) list of the published data version
 * (a few thousand names per municipality, tens of thousands at ten times that), so a typo costs no
 * scan of the addresses; the addresses themselves are then found with one parameterised query.
 */
import type { Address, AddressSearch } from "../../ground/contract/contract-addresses.ts";
import type { Database, QueryOptions } from "../../store/database.ts";
import type { PublishedRuns } from "../../store/published-runs.ts";
import { createVersionedCache } from "../../store/versioned-cache.ts";
import { isPlace, matchStreet, normalizeWords, parseAddressQuery, type AddressQuery, type StreetMatch } from "./address-query.ts";
import { dossierSql } from "./sql-files.ts";

/** Streets the address query is run with, best first: enough for every prefix of a short word. */
const MAX_CANDIDATE_STREETS = 60;
const METRES_PER_DEGREE_LAT = 111_320;

export interface Street {
  street: string;
  place: string;
  /** normalizeWords(street) */
  key: string;
}

export interface StreetCandidate extends Street {
  match: StreetMatch;
  inPlace: boolean;
}

/**
 * The streets `query` may mean, best first: by match, then those in the place typed after the number,
 * then by name. The street is the words before the number; when they match nothing, the last words
 * are tried as a place ("spui den haag").
 */
export function candidateStreets(streets: readonly Street[], query: AddressQuery): StreetCandidate[] {
  for (let n = query.words.length; n >= 1; n--) {
    const typed = query.words.slice(0, n).join(" ");
    const placeWords = [...query.words.slice(n), ...query.placeWords];
    const matched: { street: Street; match: StreetMatch }[] = [];
    // Exact and prefix matches first (string compares); the edit distances only when they are too few.
    for (const street of streets) {
      const match = matchStreet(typed, street.key, { fuzzy: false });
      if (match !== null) matched.push({ street, match });
    }
    if (matched.length < MAX_CANDIDATE_STREETS) {
      for (const street of streets) {
        const match = matchStreet(typed, street.key, { fuzzy: true, exactToo: false });
        if (match !== null) matched.push({ street, match });
      }
    }
    // Whether a place was typed matters only among equal matches, so it is looked up only when there are words for it.
    const places = new Map<string, boolean>();
    const inPlace = (place: string) => {
      if (placeWords.length === 0) return false;
      if (!places.has(place)) places.set(place, isPlace(placeWords, place));
      return places.get(place)!;
    };
    const found = matched.map(({ street, match }) => ({ ...street, match, inPlace: inPlace(street.place) }));
    if (found.length > 0) {
      return (
        found
          // Plain code-unit order: localeCompare over tens of thousands of names costs more than the whole search.
          .sort((a, b) => a.match - b.match || Number(b.inPlace) - Number(a.inPlace) || compare(a.key, b.key) || compare(a.place, b.place))
          .slice(0, MAX_CANDIDATE_STREETS)
      );
    }
  }
  return [];
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function toAddress(row: Record<string, unknown>): Address {
  return {
    id: String(row.address_id),
    street: String(row.street),
    number: Number(row.house_number),
    letter: (row.house_letter as string | null) ?? null,
    addition: (row.addition as string | null) ?? null,
    postcode: String(row.postcode),
    place: String(row.place),
    lon: Number(row.lon),
    lat: Number(row.lat),
    buurtCode: (row.buurt_code as string | null) ?? null,
  };
}

const ADDRESS_COLUMNS = "address_id, street, house_number, house_letter, addition, postcode, place, lon, lat, buurt_code";
const BY_ID_SQL = `SELECT ${ADDRESS_COLUMNS} FROM main.bag_addresses WHERE address_id = $id`;
// A bounding box first (cheap, on plain columns), the exact distance only for what is in it.
const NEAREST_SQL = `SELECT ${ADDRESS_COLUMNS}, meta.distance_m($lat, $lon, lat, lon) AS distance_m FROM main.bag_addresses
  WHERE lat BETWEEN $lat - $dlat AND $lat + $dlat AND lon BETWEEN $lon - $dlon AND $lon + $dlon
    AND meta.distance_m($lat, $lon, lat, lon) <= $radius
  ORDER BY distance_m, address_id LIMIT 1`;

export function createAddressSearch(db: Database) {
  const streetsCache = createVersionedCache<Street[]>(2);

  function streets(published: PublishedRuns, options: QueryOptions): Promise<Street[]> {
    const run = published.get("bag-addresses");
    if (!run) return Promise.resolve([]);
    return streetsCache.get("streets", run.version, async () => {
      const rows = await db.query("SELECT DISTINCT street, place FROM main.bag_addresses", [], { timeoutMs: options.timeoutMs });
      return rows.map((r) => ({ street: String(r.street), place: String(r.place), key: normalizeWords(String(r.street)) }));
    });
  }

  async function search(q: string, limit: number, options: QueryOptions): Promise<AddressSearch> {
    const published = await db.published.settled();
    const none = { q, items: [], total: 0 };
    if (!published.has("bag-addresses")) return none;
    const query = parseAddressQuery(q);
    let keys: string | null = null;
    if (query.words.length > 0) {
      const candidates = candidateStreets(await streets(published, options), query);
      if (candidates.length === 0) return none;
      // One rank per match kind, those in the typed place first within it.
      keys = candidates.map((c) => [c.street, c.place, c.match * 2 + (c.inPlace ? 0 : 1)].join("\x1e")).join("\x1f");
    } else if (query.postcode === null) {
      return none;
    }
    const rows = await db.query(
      dossierSql.addressSearch,
      {
        keys,
        postcode: query.postcode,
        number: query.number,
        numberIsPrefix: query.numberIsPrefix,
        letter: query.letter,
        addition: query.addition,
        limit,
      },
      options,
    );
    return { q, items: rows.map(toAddress), total: Number(rows[0]?.total ?? 0) };
  }

  async function byId(id: string, options: QueryOptions): Promise<Address | null> {
    const published = await db.published.settled();
    if (!published.has("bag-addresses")) return null;
    const rows = await db.query(BY_ID_SQL, { id }, options);
    return rows[0] ? toAddress(rows[0]) : null;
  }

  /** The nearest address within `radiusM` of `point`, or null: what titles a dossier opened on coordinates. */
  async function nearest(published: PublishedRuns, point: { lat: number; lon: number }, radiusM: number, options: QueryOptions): Promise<Address | null> {
    if (!published.has("bag-addresses")) return null;
    const dlat = radiusM / METRES_PER_DEGREE_LAT;
    const dlon = radiusM / (METRES_PER_DEGREE_LAT * Math.max(0.01, Math.cos((point.lat * Math.PI) / 180)));
    const rows = await db.query(NEAREST_SQL, { lat: point.lat, lon: point.lon, dlat, dlon, radius: radiusM }, options);
    return rows[0] ? toAddress(rows[0]) : null;
  }

  return { search, byId, nearest };
}

export type AddressSearchService = ReturnType<typeof createAddressSearch>;
