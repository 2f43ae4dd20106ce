/**
 * Counts made comparable between areas: a wijk with twice the inhabitants has about twice the
 * complaints, so areas are compared per 1,000 inhabitants, with the denominator of the value's own
 * year from the CBS key figures (or the latest year before it CBS published). A rate over few
 * inhabitants jumps with one complaint more or less: such an area is shown, marked, and not ranked.
 */
import type { Localized } from "../../ground/contract/contract.ts";
import type { RateBasis } from "../../ground/contract/contract-areas.ts";
import type { AreaHierarchy } from "./area-hierarchy.ts";

/** Below this many inhabitants a rate per 1,000 is too unstable to rank (one event moves it by 1 or more). */
export const MIN_INHABITANTS_FOR_RATE = 1000;

export const perThousandInhabitants = (label: Localized): RateBasis => ({
  rateUnit: "per-1000-inhabitants",
  label,
  denominator: "inhabitants",
  scale: 1000,
  minimumDenominator: MIN_INHABITANTS_FOR_RATE,
});

export interface AreaRate {
  rate: number | null;
  denominator: { value: number; period: string } | null;
  smallArea: boolean;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** The rate of one area's value in one period; null without a value or a denominator. */
export function rateOf(value: number | null, code: string, period: string, basis: RateBasis, areas: AreaHierarchy): AreaRate {
  const denominator = areas.denominator(code, basis.denominator, period);
  const usable = denominator !== null && denominator.value > 0;
  return {
    rate: value === null || !usable ? null : round2((value / denominator.value) * basis.scale),
    denominator,
    smallArea: denominator !== null && denominator.value < basis.minimumDenominator,
  };
}
