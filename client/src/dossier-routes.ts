/**
 * The permit officer's routes' query strings: the establishment search, the location dossier and the
 * audit log's page. Each is a permalink, so a parameter that doesn't fit is dropped rather than
 * failing the page, and the same state always gives the same URL (fixed parameter order).
 */
import type { EstablishmentSearch } from "../../src/ground/contract/contract-dossier.ts";
import { encodeQuery, type ApiQuery } from "./api-client.ts";

export type EstablishmentSort = EstablishmentSearch["sort"];

export interface LatLon {
  lat: number;
  lon: number;
}

/** What the search page shows; every field is optional, so `#/establishments` lists the register. */
export interface SearchState {
  q?: string;
  /** A wijk (or buurt) code. */
  area?: string;
  /** The first digits of an SBI code. */
  sbi?: string;
  category?: number;
  near?: LatLon;
  /** Metres around `near`; ignored without it. */
  radius?: number;
  sort?: EstablishmentSort;
  /** Only those due for inspection at this level or above. */
  due?: DueFilter;
  page?: number;
}

export type DueFilter = "low" | "medium" | "high";
export const dueFilters: readonly DueFilter[] = ["low", "medium", "high"];

export interface LocationState {
  /** A BAG address id (16 digits): the dossier is opened for the address, titled by it; else by lat/lon. */
  address?: string;
  lat?: number;
  lon?: number;
  radius?: number;
}

/** Rows per page of the search results and the audit log. */
export const SEARCH_PAGE_SIZE = 25;
export const AUDIT_PAGE_SIZE = 25;
export const DEFAULT_RADIUS_M = 500;

const sorts: readonly EstablishmentSort[] = ["name", "distance", "category", "due"];

/** Five decimals of a degree are about a metre: enough for an address, short enough for a URL. */
export function roundCoordinate(value: number): number {
  return Math.round(value * 1e5) / 1e5;
}

export function formatCoordinate(value: number): string {
  return String(roundCoordinate(value));
}

function parseWhole(text: string | null, min: number, max: number): number | undefined {
  if (text === null || !/^\d+$/.test(text)) return undefined;
  const value = Number(text);
  return value >= min && value <= max ? value : undefined;
}

function parseDegrees(text: string | null, limit: number): number | undefined {
  if (text === null || !/^-?\d{1,3}(\.\d+)?$/.test(text)) return undefined;
  const value = Number(text);
  return Math.abs(value) <= limit ? value : undefined;
}

export function parseNear(text: string | null): LatLon | undefined {
  const [lat, lon, ...rest] = (text ?? "").split(",");
  const point = { lat: parseDegrees(lat ?? null, 90), lon: parseDegrees(lon ?? null, 180) };
  if (rest.length > 0 || point.lat === undefined || point.lon === undefined) return undefined;
  return { lat: point.lat, lon: point.lon };
}

export function parseSearchState(query: string): SearchState {
  const params = new URLSearchParams(query);
  const state: SearchState = {};
  const q = params.get("q")?.trim();
  if (q) state.q = q.slice(0, 200);
  const area = params.get("area");
  if (area && /^(WK\d{6}|BU\d{8})$/.test(area)) state.area = area;
  const sbi = params.get("sbi");
  if (sbi && /^\d{1,5}$/.test(sbi)) state.sbi = sbi;
  const category = parseWhole(params.get("category"), 1, 6);
  if (category !== undefined) state.category = category;
  const near = parseNear(params.get("near"));
  if (near) {
    state.near = near;
    const radius = parseWhole(params.get("radius"), 1, 50_000);
    if (radius !== undefined) state.radius = radius;
  }
  const sort = params.get("sort") as EstablishmentSort | null;
  if (sort && sorts.includes(sort) && (sort !== "distance" || near)) state.sort = sort;
  const due = params.get("due") as DueFilter | null;
  if (due && dueFilters.includes(due)) state.due = due;
  const page = parseWhole(params.get("page"), 1, 10_000);
  if (page !== undefined && page > 1) state.page = page;
  return state;
}

/** The search's parameters in one order, shared by the permalink and the API request. */
function searchFields({ q, area, sbi, category, near, radius, sort, due, page }: SearchState) {
  return {
    q: q || undefined,
    area: area || undefined,
    sbi: sbi || undefined,
    category,
    near: near ? `${formatCoordinate(near.lat)},${formatCoordinate(near.lon)}` : undefined,
    radius: near ? radius : undefined,
    sort: sort && (sort !== "distance" || near) ? sort : undefined,
    due,
    page: page !== undefined && page > 1 ? page : undefined,
  } satisfies ApiQuery<"GET /api/v1/establishments">;
}

export function searchQuery(state: SearchState): string {
  const query = encodeQuery(searchFields(state));
  return query ? `?${query}` : "";
}

/** The search's API query: the permalink's parameters and the page size. */
export function searchApiQuery(state: SearchState): ApiQuery<"GET /api/v1/establishments"> {
  return { ...searchFields(state), pageSize: SEARCH_PAGE_SIZE };
}

/** The search results as CSV: every match (the API caps them), without paging. */
export function searchCsvQuery(state: SearchState): ApiQuery<"GET /api/v1/establishments"> {
  return { ...searchFields({ ...state, page: undefined }), format: "csv" };
}

export function parseLocationState(query: string): LocationState {
  const params = new URLSearchParams(query);
  const state: LocationState = {};
  const address = params.get("address");
  if (address && /^\d{16}$/.test(address)) state.address = address;
  const lat = parseDegrees(params.get("lat"), 90);
  const lon = parseDegrees(params.get("lon"), 180);
  if (lat !== undefined && lon !== undefined && state.address === undefined) {
    state.lat = lat;
    state.lon = lon;
  }
  const radius = parseWhole(params.get("radius"), 50, 5_000);
  if (radius !== undefined) state.radius = radius;
  return state;
}

export function locationQuery({ address, lat, lon, radius }: LocationState): string {
  const params = new URLSearchParams();
  if (address !== undefined) params.set("address", address);
  else if (lat !== undefined && lon !== undefined) {
    params.set("lat", formatCoordinate(lat));
    params.set("lon", formatCoordinate(lon));
  }
  if (radius !== undefined) params.set("radius", String(radius));
  const query = params.toString();
  return query ? `?${query}` : "";
}

/** The location dossier's API query: the permalink's coordinates, and the default radius unless one is asked. */
export function locationApiQuery(lat: number, lon: number, radius = DEFAULT_RADIUS_M): ApiQuery<"GET /api/v1/locations/dossier"> {
  return { lat: roundCoordinate(lat), lon: roundCoordinate(lon), radius };
}

/** The location dossier's API query for a permalink's state (by address or by point), or null without either. */
export function locationStateApiQuery({ address, lat, lon, radius = DEFAULT_RADIUS_M }: LocationState): ApiQuery<"GET /api/v1/locations/dossier"> | null {
  if (address !== undefined) return { address, radius };
  return lat !== undefined && lon !== undefined ? locationApiQuery(lat, lon, radius) : null;
}

export function parseAuditPage(query: string): number | undefined {
  const page = parseWhole(new URLSearchParams(query).get("page"), 1, 100_000);
  return page !== undefined && page > 1 ? page : undefined;
}
