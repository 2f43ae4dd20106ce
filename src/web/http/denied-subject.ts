/**
 * What a refused request asked for, for the audit log: the route with its path parameters and a few
 * query parameters that say which record or place was wanted, never a personal value. A point is
 * rounded as the location dossier's own audit entry rounds it; free text (a search) is named but not
 * written down; every value is percent-encoded and cut, so hostile text stays inert.
 * @example deniedSubject("GET /api/v1/establishments/:id", req) // "GET /api/v1/establishments/:id id=IN-000123"
 */
import type { Request } from "express";
import type { RouteKey } from "../../ground/contract/access.ts";
import { areaCode } from "../../ground/contract/params.ts";
import { ADDRESS_ID } from "../../ground/contract/requests/addresses.ts";

/** Characters of a value kept (an id is far shorter); cut by code point, so no surrogate pair is split. */
const MAX_VALUE = 32;

function encoded(value: string): string {
  const chars = Array.from(value);
  return encodeURIComponent(chars.slice(0, MAX_VALUE).join("")) + (chars.length > MAX_VALUE ? "…" : "");
}
const coordinate = (value: string) => (/^-?\d{1,3}(\.\d+)?$/.test(value) ? Number(value).toFixed(5) : null);
const pattern = (re: RegExp) => (value: string) => (re.test(value) ? value : null);

/**
 * Query parameters worth naming with their value, each shown only when it has the expected form
 * (anything else is named without its value, like a parameter that is not listed).
 */
const shownQuery: Record<string, (value: string) => string | null> = {
  lat: coordinate,
  lon: coordinate,
  near: (value) => {
    const [lat, lon, ...rest] = value.split(",");
    const point = rest.length === 0 && lat !== undefined && lon !== undefined ? [coordinate(lat), coordinate(lon)] : [null];
    return point.every((part) => part !== null) ? point.join(",") : null;
  },
  address: pattern(ADDRESS_ID),
  area: (value) => (areaCode.safeParse(value).success ? value : null),
  radius: pattern(/^\d{1,6}$/),
  format: pattern(/^[a-z]{1,10}$/),
};

export function deniedSubject(route: RouteKey, req: Pick<Request, "params" | "query">): string {
  const parts: string[] = [route];
  for (const [name, value] of Object.entries(req.params ?? {})) parts.push(`${encoded(name)}=${encoded(String(value))}`);
  for (const [name, value] of Object.entries(req.query ?? {})) {
    const show = shownQuery[name];
    const shown = show && typeof value === "string" ? show(value) : null;
    parts.push(`${encoded(name)}=${shown ?? "…"}`);
  }
  return parts.join(" ");
}
