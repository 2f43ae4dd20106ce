import { defineIndicator } from "../define-theme.ts";
import { releases } from "../release.ts";

export const soilRiskCompliance = defineIndicator({
  id: "soil-risk-compliance",
  name: { nl: "Naleving bij bodembedreigende activiteiten", en: "Compliance at soil-risk activities" },
  description: {
    nl: "Aandeel controles zonder overtreding bij inrichtingen met bodembedreigende activiteiten (milieucategorie 4 en hoger).",
    en: "Share of inspections without violations at establishments with soil-risk activities (environmental category 4 and up).",
  },
  unit: "%",
  direction: "higher",
  // Share of inspections without violations at establishments with soil-risk activities (environmental
  // category 4 or higher), per buurt and year, percent; weighted by the number of inspections when
  // rolled up. The establishments inspected are the units of disclosure control.
  sql: `
SELECT e.buurt_code AS area_code, year(i.inspected_on)::VARCHAR AS period,
       round(100 * avg((i.result = 'compliant')::INT), 1) AS value,
       count(*) AS weight, count(DISTINCT i.establishment_id) AS units
FROM main.inspections i JOIN main.establishments e USING (establishment_id)
WHERE e.category >= 4
GROUP BY ALL
ORDER BY period, area_code`,
  params: {},
  grain: "buurt",
  rollup: "weighted-mean",
  // Few soil-risk establishments per buurt: a buurt's share would swing on one inspection.
  lowestLevel: "wijk",
  disclosure: "establishments",
  pipelines: ["inspections", "establishments", "areas"],
  release: releases.continuous,
  qualityTier: "validated",
  norms: [],
});
