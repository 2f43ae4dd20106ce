/**
 * The overview's view state in the URL (`#/themes?status=off-track&sort=gap`), and the indicators it
 * selects: filtered by status, sorted by severity or by how far off the target. Pure, so a permalink
 * gives the same list and tests can pin it.
 */
// Types only from the contract: its values would bring zod (and its eval probe, refused by the CSP) into the bundle.
import type { StatusCode } from "../../src/ground/contract/contract.ts";
import { relativeGap, statusSeverity } from "./area-figures.ts";

export const overviewSorts = ["plan", "status", "gap"] as const;
/** "plan": the policy plan's own order (the default). */
export type OverviewSort = (typeof overviewSorts)[number];

/** What filter and sort read of an indicator (an `IndicatorSummary` has it). */
export interface Rankable {
  status: { code: StatusCode };
  gapToTarget: number | null;
  target: { value: number } | null;
}

export interface OverviewState {
  status?: StatusCode;
  sort?: Exclude<OverviewSort, "plan">;
}

function isStatusCode(value: string | null): value is StatusCode {
  return value !== null && Object.hasOwn(statusSeverity, value);
}

/** Unknown values are dropped, so an old or mistyped link still opens the whole overview. */
export function parseOverviewState(query: string): OverviewState {
  const params = new URLSearchParams(query);
  const state: OverviewState = {};
  const status = params.get("status");
  if (isStatusCode(status)) state.status = status;
  const sort = params.get("sort");
  if (sort === "status" || sort === "gap") state.sort = sort;
  return state;
}

/** Always status before sort, so the same view has one URL. */
export function overviewQuery({ status, sort }: OverviewState): string {
  const params = new URLSearchParams();
  if (status) params.set("status", status);
  if (sort) params.set("sort", sort);
  const query = params.toString();
  return query ? `?${query}` : "";
}

/** The gap as a share of the target: gaps in µg/m³ and in complaints compare only that way. */
export function indicatorRelativeGap(indicator: Omit<Rankable, "status">): number | null {
  return relativeGap(indicator.gapToTarget, indicator.target?.value ?? null);
}

/** Largest gap first; indicators without a gap last. */
function byGap(a: Rankable, b: Rankable): number {
  const ga = indicatorRelativeGap(a);
  const gb = indicatorRelativeGap(b);
  if (ga === null || gb === null) return ga === gb ? 0 : ga === null ? 1 : -1;
  return gb - ga;
}

/** The indicators to show, in the order to show them; the input is left as it is (sorts are stable). */
export function selectIndicators<T extends Rankable>(indicators: readonly T[], { status, sort }: OverviewState): T[] {
  const shown = status ? indicators.filter((indicator) => indicator.status.code === status) : [...indicators];
  if (sort === "gap") return shown.sort(byGap);
  if (sort === "status") return shown.sort((a, b) => statusSeverity[a.status.code] - statusSeverity[b.status.code] || byGap(a, b));
  return shown;
}
