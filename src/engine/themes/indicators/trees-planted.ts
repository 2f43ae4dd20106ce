import { defineIndicator } from "../define-theme.ts";
import { perThousandInhabitants } from "../area-rates.ts";
import { releases } from "../release.ts";

export const treesPlanted = defineIndicator({
  id: "trees-planted",
  name: { nl: "Bomen geplant per jaar", en: "Trees planted per year" },
  description: { nl: "Aantal gemeentelijke bomen per plantjaar, uit het bomenregister.", en: "Municipal trees by planting year, from the tree register." },
  unit: "bomen",
  direction: "higher",
  // Municipal trees planted per year (by planting year in the tree register), per buurt.
  sql: `
SELECT buurt_code AS area_code, planting_year::VARCHAR AS period, count(*)::DOUBLE AS value
FROM main.trees WHERE planting_year >= 2015 GROUP BY ALL ORDER BY period, area_code`,
  params: {},
  grain: "buurt",
  rollup: "sum",
  lowestLevel: "buurt",
  rate: perThousandInhabitants({ nl: "bomen per 1.000 inwoners", en: "trees per 1,000 inhabitants" }),
  disclosure: null,
  pipelines: ["trees", "areas"],
  release: releases.continuous,
  qualityTier: "validated",
  norms: [],
});
