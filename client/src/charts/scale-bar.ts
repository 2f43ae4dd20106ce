/** A map's scale bar: the longest round length (1, 2 or 5 × 10ⁿ metres) that fits, and its label. */

export interface ScaleBar {
  metres: number;
  /** Its length on screen, in CSS pixels. */
  px: number;
  /** Like "200 m" or "1 km". */
  label: string;
}

/** The largest of 1, 2, 5 × 10ⁿ not above `metres` (and 1 for anything smaller). */
export function roundLength(metres: number): number {
  if (!(metres >= 1)) return 1;
  const power = 10 ** Math.floor(Math.log10(metres));
  const leading = metres / power;
  // The tolerance keeps 5000 from reading as 4999.999… after the division.
  return (leading >= 5 - 1e-9 ? 5 : leading >= 2 - 1e-9 ? 2 : 1) * power;
}

/** The scale bar for `mpp` metres per pixel, at most `maxPx` pixels long. */
export function scaleBar(mpp: number, maxPx: number): ScaleBar {
  const metres = roundLength(mpp * maxPx);
  return { metres, px: metres / mpp, label: metres >= 1000 ? `${metres / 1000} km` : `${metres} m` };
}
