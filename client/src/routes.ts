/** The hash routes of the client, parsed into a tagged union so views get typed parameters. */
import type { Role } from "../../server/api/contract.ts";

export type Route =
  | { name: "login" }
  | { name: "themes" }
  | { name: "indicator"; id: string }
  | { name: "stations" }
  | { name: "station"; number: string }
  | { name: "pipelines" }
  | { name: "pipeline"; pipeline: string }
  | { name: "run"; pipeline: string; runId: number }
  | { name: "home" }
  | { name: "not-found" };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, "").split("/").filter((part) => part !== "");
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
  if (first === "login" && second === undefined) return { name: "login" };
  if (first === "themes" && second === undefined) return { name: "themes" };
  if (first === "indicators" && second !== undefined) return { name: "indicator", id: second };
  if (first === "stations") return second === undefined ? { name: "stations" } : { name: "station", number: second };
  return { name: "not-found" };
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
    case "indicator":
      return `#/indicators/${encodeURIComponent(route.id)}`;
    case "station":
      return `#/stations/${encodeURIComponent(route.number)}`;
    case "pipeline":
      return `#/pipelines/${encodeURIComponent(route.pipeline)}`;
    case "run":
      return `#/pipelines/${encodeURIComponent(route.pipeline)}/runs/${route.runId}`;
    case "home":
    case "not-found":
      return "#/";
    default:
      return `#/${route.name}`;
  }
}

/**
 * Permit officers work from stations and dossiers, analysts from the pipelines that load the data;
 * everyone else (the admin too) starts at the policy summary.
 */
export function landingFor(role: Role): Route {
  if (role === "permit") return { name: "stations" };
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
