import { defineIndicator } from "../define-theme.ts";
import { releases } from "../release.ts";

export const heatStressBuurten = defineIndicator({
  id: "heat-stress-buurten",
  name: { nl: "Buurten met veel hittestress", en: "Neighbourhoods with high heat stress" },
  description: { nl: "Aandeel buurten in hittestressklasse 4 of 5.", en: "Share of neighbourhoods in heat-stress class 4 or 5." },
  unit: "%",
  direction: "lower",
  // Whether each buurt is in heat-stress class 4 or 5 (100) or not (0), per year; rolled up, the share
  // of buurten in those classes.
  sql: `
SELECT buurt_code AS area_code, year::VARCHAR AS period, 100.0 * (heat_stress_class >= 4)::INT AS value
FROM main.green_heat ORDER BY period, area_code`,
  params: {},
  grain: "buurt",
  rollup: "weighted-mean",
  // A buurt is either in class 4–5 or not; the share means something from the wijk up.
  lowestLevel: "wijk",
  disclosure: null,
  pipelines: ["green-heat", "areas"],
  release: releases.municipalAnalysis,
  qualityTier: "modelled",
  norms: [],
});
