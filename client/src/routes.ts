/** The hash routes of the client, parsed into a tagged union so views get typed parameters. */
import type { AreaLevel, Role } from "../../src/ground/contract/contract.ts";
import { isReturnRoute } from "../../src/ground/contract/return-route.ts";
import { locationQuery, parseLocationState, parseSearchState, searchQuery, type LocationState, type SearchState } from "./dossier-routes.ts";
import { auditQuery, parseAuditState, type AuditState } from "./audit-state.ts";
import { overviewQuery, parseOverviewState, type OverviewState } from "./overview-state.ts";

/** What an indicator page shows besides the indicator itself; each is optional, so a bare link works. */
export interface IndicatorViewState {
  /** A gemeente, wijk or buurt code whose series is drawn next to the city. */
  area?: string;
  /** The map's level. */
  level?: AreaLevel;
  /** The map's and the ranking's period. */
  period?: string;
}

export type Route =
  /** `next`: the page asked for before logging in (`/indicators/…`), to land on after it. */
  | { name: "login"; next?: string }
  /** The overview, filtered and sorted by its state (`#/themes?status=off-track`). */
  | ({ name: "themes" } & OverviewState)
  | { name: "theme"; id: string }
  /** An area's profile: every indicator for one wijk or buurt (`#/areas/WK051801`). */
  | { name: "area"; code: string }
  | ({ name: "indicator"; id: string } & IndicatorViewState)
  | { name: "stations" }
  | { name: "station"; number: string }
  | { name: "pipelines" }
  | { name: "pipeline"; pipeline: string }
  | { name: "run"; pipeline: string; runId: number }
  | ({ name: "establishments" } & SearchState)
  | { name: "establishment"; id: string }
  | ({ name: "location" } & LocationState)
  /** The admin's audit log, filtered and paged by its state (`#/audit?user=permit&action=denied`). */
  | ({ name: "audit" } & AuditState)
  /** The admin's accounts. */
  | { name: "users" }
  | { name: "alerts" }
  /** Questions about a number: all of them for analyst and admin, one's own for other roles. */
  | { name: "questions" }
  | { name: "api" }
  | { name: "home" }
  | { name: "not-found" };

const mapLevels: readonly AreaLevel[] = ["gemeente", "wijk", "buurt"];

export function parseRoute(hash: string): Route {
  const [path = "", query = ""] = hash.replace(/^#\/?/, "").split("?", 2);
  const parts = path.split("/").filter((part) => part !== "");
  let decoded: string[];
  try {
    decoded = parts.map((part) => decodeURIComponent(part));
  } catch {
    return { name: "not-found" };
  }
  const [first, second, ...rest] = decoded;
  if (first === "pipelines") return parsePipelineRoute(second, rest);
  if (rest.length > 0) return { name: "not-found" };
  if (first === undefined) return { name: "home" };
  if (first === "login" && second === undefined) return parseLoginState(query);
  if (first === "themes") return second === undefined ? { name: "themes", ...parseOverviewState(query) } : { name: "theme", id: second };
  if (first === "areas" && second !== undefined) return isAreaCode(second) ? { name: "area", code: second } : { name: "not-found" };
  if (first === "indicators" && second !== undefined) return { name: "indicator", id: second, ...parseIndicatorState(query) };
  if (first === "stations") return second === undefined ? { name: "stations" } : { name: "station", number: second };
  if (first === "establishments") return second === undefined ? { name: "establishments", ...parseSearchState(query) } : { name: "establishment", id: second };
  if (first === "locations" && second === undefined) return { name: "location", ...parseLocationState(query) };
  if (first === "audit" && second === undefined) return { name: "audit", ...parseAuditState(query) };
  if (first === "alerts" && second === undefined) return { name: "alerts" };
  if (first === "questions" && second === undefined) return { name: "questions" };
  if (first === "users" && second === undefined) return { name: "users" };
  if (first === "api" && second === undefined) return { name: "api" };
  return { name: "not-found" };
}

/**
 * The query of an indicator permalink. A parameter that doesn't fit is dropped rather than failing
 * the page, so an old or hand-edited link still opens the indicator.
 */
function parseIndicatorState(query: string): IndicatorViewState {
  const params = new URLSearchParams(query);
  const state: IndicatorViewState = {};
  const area = params.get("area");
  const level = params.get("level");
  const period = params.get("period");
  if (area && isAreaCode(area)) state.area = area;
  if (level && (mapLevels as readonly string[]).includes(level)) state.level = level as AreaLevel;
  if (period && /^\d{4}(-[0-9A-Za-z]+)?$/.test(period)) state.period = period;
  return state;
}

/** A CBS gemeente, wijk or buurt code; anything else is no page, without asking the API. */
function isAreaCode(code: string): boolean {
  return /^(GM|WK|BU)[0-9A-Za-z]+$/.test(code);
}

/** A `next` that is not a page of the app is dropped: the login then lands on the role's home page. */
function parseLoginState(query: string): Route {
  const next = new URLSearchParams(query).get("next");
  return next !== null && isReturnRoute(next) ? { name: "login", next } : { name: "login" };
}

/**
 * Where a login should return to for a route: its permalink without the `#`, or nothing for the
 * home page, a page that doesn't exist and the login itself.
 */
export function returnRouteFor(route: Route): string | undefined {
  if (route.name === "login" || route.name === "home" || route.name === "not-found") return undefined;
  const path = hrefFor(route).slice(1);
  return isReturnRoute(path) ? path : undefined;
}

/** `pipelines`, `pipelines/{name}` and `pipelines/{name}/runs/{runId}`; run ids are positive integers. */
function parsePipelineRoute(pipeline: string | undefined, rest: string[]): Route {
  if (pipeline === undefined) return { name: "pipelines" };
  if (rest.length === 0) return { name: "pipeline", pipeline };
  const [runs, runId, ...extra] = rest;
  if (runs !== "runs" || runId === undefined || extra.length > 0 || !/^[1-9]\d*$/.test(runId)) return { name: "not-found" };
  return { name: "run", pipeline, runId: Number(runId) };
}

export function hrefFor(route: Route): string {
  switch (route.name) {
    case "themes":
      return `#/themes${overviewQuery(route)}`;
    case "theme":
      return `#/themes/${encodeURIComponent(route.id)}`;
    case "area":
      return `#/areas/${encodeURIComponent(route.code)}`;
    case "indicator":
      return `#/indicators/${encodeURIComponent(route.id)}${indicatorQuery(route)}`;
    case "station":
      return `#/stations/${encodeURIComponent(route.number)}`;
    case "pipeline":
      return `#/pipelines/${encodeURIComponent(route.pipeline)}`;
    case "run":
      return `#/pipelines/${encodeURIComponent(route.pipeline)}/runs/${route.runId}`;
    case "establishments":
      return `#/establishments${searchQuery(route)}`;
    case "establishment":
      return `#/establishments/${encodeURIComponent(route.id)}`;
    case "location":
      return `#/locations${locationQuery(route)}`;
    case "audit":
      return `#/audit${auditQuery(route)}`;
    case "login":
      return route.next ? `#/login?next=${encodeURIComponent(route.next)}` : "#/login";
    case "home":
    case "not-found":
      return "#/";
    default:
      return `#/${route.name}`;
  }
}

/** Always in the order area, level, period, so the same view has one URL. */
function indicatorQuery({ area, level, period }: IndicatorViewState): string {
  const params = new URLSearchParams();
  if (area) params.set("area", area);
  if (level) params.set("level", level);
  if (period) params.set("period", period);
  const query = params.toString();
  return query ? `?${query}` : "";
}

/**
 * Fired (bubbling, composed) by a view whose state belongs in the URL, e.g. the indicator page when
 * an area is selected. The shell replaces the history entry, so copying the URL gives the same view
 * and "back" still leaves the page.
 */
export const replaceRouteEvent = "mm-replace-route";

export function replaceRoute(from: Element, route: Route): void {
  from.dispatchEvent(new CustomEvent<Route>(replaceRouteEvent, { detail: route, bubbles: true, composed: true }));
}

/**
 * Permit officers work from the establishment register and its dossiers, analysts from the pipelines
 * that load the data; everyone else (the admin too) starts at the policy summary.
 */
export function landingFor(role: Role): Route {
  if (role === "permit") return { name: "establishments" };
  if (role === "analyst") return { name: "pipelines" };
  return { name: "themes" };
}

/** Only used to decide what the navigation offers; the API enforces access on its own. */
export function mayViewStations(role: Role): boolean {
  return role === "permit" || role === "admin";
}

/** Only used to decide what the navigation offers; the API enforces access on its own. */
export function mayViewPipelines(role: Role): boolean {
  return role === "analyst" || role === "admin";
}

/** Establishments, their dossiers and location dossiers; only used to decide what the navigation offers. */
export function mayViewEstablishments(role: Role): boolean {
  return role === "permit" || role === "admin";
}

/** The audit log (logins, refusals, dossier views, admin actions); only used to decide what the navigation offers. */
export function mayViewAudit(role: Role): boolean {
  return role === "admin";
}

/** The accounts page; only used to decide what the navigation offers. */
export function mayManageAccounts(role: Role): boolean {
  return role === "admin";
}
