import { defineIndicator } from "../define-theme.ts";
import { releases } from "../release.ts";

export const greenShare = defineIndicator({
  id: "green-share",
  name: { nl: "Groen in de wijk", en: "Green space" },
  description: {
    nl: "Aandeel groen in het oppervlak (per wijk en gemeente gewogen naar het oppervlak van de buurten).",
    en: "Green share of the surface (for wijken and the municipality weighted by the buurten's surface).",
  },
  unit: "%",
  direction: "higher",
  // Green share of each buurt's surface per year, percent; rolled up weighted by the buurten's surface
  // (`weightBy`, from their boundaries).
  sql: `
SELECT g.buurt_code AS area_code, g.year::VARCHAR AS period, round(100 * g.green_share, 1) AS value
FROM main.green_heat g
ORDER BY period, area_code`,
  params: {},
  grain: "buurt",
  rollup: "weighted-mean",
  weightBy: "surface",
  lowestLevel: "buurt",
  disclosure: null,
  pipelines: ["green-heat", "areas"],
  release: releases.municipalAnalysis,
  qualityTier: "modelled",
  norms: [],
});
