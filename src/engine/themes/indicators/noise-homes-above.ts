/** Homes above a road-traffic noise level, from the EU noise maps. */
import { defineIndicator } from "../define-theme.ts";
import { releases } from "../release.ts";

/**
 * Share of homes with road-traffic noise at or above $threshold dB Lden (a class boundary: 55, 60,
 * 65 or 70), per buurt and noise-map year; rolled up weighted by the buurt's homes (CBS, latest year).
 */
const sql = `
WITH homes AS (
  SELECT area_code, arg_max(value, period) AS homes FROM main.area_key_figures
  WHERE measure = 'homes' AND value IS NOT NULL GROUP BY area_code
)
SELECT n.buurt_code AS area_code, n.year::VARCHAR AS period,
       round(100 * coalesce(sum(n.share) FILTER (WHERE CASE n.class WHEN 'le55' THEN 0 WHEN '55_60' THEN 55 WHEN '60_65' THEN 60 WHEN '65_70' THEN 65 ELSE 70 END >= $threshold), 0), 2) AS value,
       coalesce(any_value(h.homes), 0) AS weight
FROM main.noise_exposure n LEFT JOIN homes h ON h.area_code = n.buurt_code
GROUP BY n.buurt_code, n.year
ORDER BY period, area_code`;

const homesAbove = (threshold: number, note: { nl: string; en: string }) =>
  defineIndicator({
    id: `noise-homes-above-${threshold}db`,
    name: { nl: `Woningen boven ${threshold} dB Lden (wegverkeer)`, en: `Homes above ${threshold} dB Lden (road traffic)` },
    description: {
      nl: `Aandeel woningen met een geluidbelasting door wegverkeer van ${threshold} dB Lden of meer, uit de geluidkaarten (elke vijf jaar). ${note.nl}`,
      en: `Share of homes exposed to road-traffic noise of ${threshold} dB Lden or more, from the noise maps (every five years). ${note.en}`,
    },
    unit: "%",
    direction: "lower",
    sql,
    params: { threshold },
    grain: "buurt",
    rollup: "weighted-mean",
    lowestLevel: "buurt",
    disclosure: null,
    pipelines: ["noise-exposure", "areas", "area-key-figures"],
    release: releases.noiseMaps,
    qualityTier: "modelled",
    norms: [],
  });

export const noiseHomesAbove65 = homesAbove(65, { nl: "Boven 65 dB is de belasting ernstig.", en: "Above 65 dB the exposure is severe." });
export const noiseHomesAbove55 = homesAbove(55, {
  nl: "De WHO adviseert voor wegverkeer minder dan 53 dB.",
  en: "The WHO recommends less than 53 dB for road traffic.",
});
