/**
 * The arithmetic of "why did it change": a change between two periods split into parts that add up to
 * it exactly. Pure, so it is tested without a database (docs/contributions.md gives the formulas).
 *
 * - A total that is a sum of parts (CO₂ by sector, complaints by wijk): each part's own change.
 * - A weighted mean V = Σ sᵢ·vᵢ (a share or average over wijken, sᵢ the wijk's share of the weight,
 *   vᵢ its value): additive LMDI-I, which gives each wijk a mix effect (its weight share moved) and an
 *   intensity effect (its value moved) that add up to its own Δ(sᵢ·vᵢ).
 * - A per-capita figure V = T / P (residual waste per inhabitant): LMDI-I into the effect of the
 *   total T and of the population P.
 */

/** What one part was in each period: absent (null) counts as zero. */
export interface AdditiveItem {
  key: string;
  from: number | null;
  to: number | null;
}

/** One part of a weighted mean in one period: its share of the total weight (0..1) and its value. */
export interface WeightedTerm {
  share: number;
  value: number;
}

export interface WeightedItem {
  key: string;
  /** Null: the part had no weight in that period (no valid value), as a share of 0. */
  from: WeightedTerm | null;
  to: WeightedTerm | null;
}

export interface Effects {
  /** The change that comes from the part's weight share moving (structure). */
  mix: number;
  /** The change that comes from the part's own value moving. */
  intensity: number;
}

export interface Contribution {
  key: string;
  contribution: number;
  /** For a weighted mean: the contribution split into mix and intensity; null for a sum. */
  effects: Effects | null;
}

/**
 * The logarithmic mean L(a, b) = (a − b) / (ln a − ln b), with its limits L(x, x) = x and
 * L(x, 0) = L(0, x) = 0. For two negative numbers it is −L(−a, −b); for opposite signs it is undefined (NaN).
 * @example logMean(4, 6) // ≈ 4.9326
 */
export function logMean(a: number, b: number): number {
  if (a < 0 && b < 0) return -logMean(-a, -b);
  if (a < 0 || b < 0) return Number.NaN;
  if (a === 0 || b === 0) return 0;
  if (a === b) return a;
  // log1p keeps ln(a/b) accurate when a and b are close (no cancellation in ln a − ln b).
  return (a - b) / Math.log1p((a - b) / b);
}

/** Each part's own change: for a total that is the sum of its parts. */
export function additiveContributions(items: readonly AdditiveItem[]): Contribution[] {
  return items.map(({ key, from, to }) => ({ key, contribution: (to ?? 0) - (from ?? 0), effects: null }));
}

/**
 * Additive LMDI-I for V = Σ sᵢ·vᵢ. Per part, with wᵢ = sᵢ·vᵢ in periods 0 and T:
 * mixᵢ = L(wᵢᵀ, wᵢ⁰)·ln(sᵢᵀ/sᵢ⁰) and intensityᵢ = L(wᵢᵀ, wᵢ⁰)·ln(vᵢᵀ/vᵢ⁰), whose sum is wᵢᵀ − wᵢ⁰.
 *
 * Zeros (Ang & Liu 2007, the analytical limits): where wᵢ is zero in one period only, the whole
 * change goes to the factor that is zero there — to mix when the part had no weight (it appeared
 * or disappeared), to intensity when its value was zero. A part whose value changes sign cannot be
 * split by logarithms: its whole change is counted as intensity.
 */
export function lmdiContributions(items: readonly WeightedItem[]): Contribution[] {
  return items.map(({ key, from, to }) => {
    const s0 = from?.share ?? 0;
    const v0 = from?.value ?? 0;
    const s1 = to?.share ?? 0;
    const v1 = to?.value ?? 0;
    const w0 = s0 * v0;
    const w1 = s1 * v1;
    const change = w1 - w0;
    return { key, contribution: change, effects: splitEffects({ s0, w0 }, { s1, w1 }, change) };
  });
}

/** A part's change split by the weight shares s and the products w = s·v of its two periods. */
function splitEffects({ s0, w0 }: { s0: number; w0: number }, { s1, w1 }: { s1: number; w1: number }, change: number): Effects {
  if (w0 === 0 && w1 === 0) return { mix: 0, intensity: 0 };
  // One side zero: the limit of L·ln as that factor goes to zero puts the whole change on it.
  if (w0 === 0) return s0 === 0 ? { mix: change, intensity: 0 } : { mix: 0, intensity: change };
  if (w1 === 0) return s1 === 0 ? { mix: change, intensity: 0 } : { mix: 0, intensity: change };
  if (Math.sign(w0) !== Math.sign(w1)) return { mix: 0, intensity: change };
  const weight = logMean(w1, w0);
  const mix = weight * Math.log(s1 / s0);
  // Intensity as the rest: equal to L·ln(v1/v0) up to rounding, and the sum stays exactly the change.
  return { mix, intensity: change - mix };
}

/** A per-capita figure's change split into the effect of its total and of its population. */
export interface PerCapitaEffects {
  /** L(V¹, V⁰)·ln(T¹/T⁰): the change had the population stayed as it was. */
  total: number;
  /** −L(V¹, V⁰)·ln(P¹/P⁰): the change from the population growing (negative) or shrinking. */
  population: number;
}

/**
 * Additive LMDI-I for a per-capita figure V = T / P between two periods, from V and P (T = V·P):
 * ΔV = L(V¹, V⁰)·ln(T¹/T⁰) − L(V¹, V⁰)·ln(P¹/P⁰), exactly, since ln(V¹/V⁰) = ln(T¹/T⁰) − ln(P¹/P⁰).
 * P must be positive. Where V is zero in one period or changes sign, logarithms cannot split it: the
 * whole change is the total's effect (the limit as T goes to zero).
 * @example perCapitaEffects({ value: 200, population: 100_000 }, { value: 180, population: 110_000 })
 *   // { total: ≈ −1.91, population: ≈ −18.09 }: the total fell 1 %, and 10 % more people share it
 */
export function perCapitaEffects(from: { value: number; population: number }, to: { value: number; population: number }): PerCapitaEffects {
  const change = to.value - from.value;
  if (!(from.population > 0 && to.population > 0)) throw new RangeError("perCapitaEffects: populations must be positive");
  if (from.value === 0 || to.value === 0 || Math.sign(from.value) !== Math.sign(to.value)) return { total: change, population: 0 };
  // `|| 0`: an unchanged population gives 0, not −0.
  const population = -logMean(to.value, from.value) * Math.log(to.population / from.population) || 0;
  // The total's effect as the rest: L·ln(T¹/T⁰) up to rounding, and the two add up to ΔV exactly.
  return { total: change - population, population };
}

/** The sum of the contributions, and what is left of the total change: zero up to rounding. */
export function residualOf(change: number, contributions: readonly Pick<Contribution, "contribution">[]): number {
  return change - contributions.reduce((sum, part) => sum + part.contribution, 0);
}
