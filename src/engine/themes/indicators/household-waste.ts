/** Household waste per inhabitant and its separation, as the municipality reports them each year. */
import { defineIndicator, municipalOnly } from "../define-theme.ts";
import { releases } from "../release.ts";

/** Household waste per year: residual kg per inhabitant, or the separated share in percent. */
const sql = `
SELECT $gm AS area_code, year::VARCHAR AS period,
       CASE $measure WHEN 'residual' THEN residual_kg_per_inhabitant WHEN 'separation' THEN round(100 * separation_share, 1) END AS value
FROM main.waste ORDER BY period`;

export const residualWaste = defineIndicator({
  id: "residual-waste",
  name: { nl: "Restafval per inwoner", en: "Residual waste per inhabitant" },
  description: { nl: "Huishoudelijk restafval per inwoner per jaar.", en: "Household residual waste per inhabitant per year." },
  unit: "kg",
  direction: "lower",
  sql,
  params: { measure: "residual" },
  ...municipalOnly,
  pipelines: ["waste"],
  release: releases.cbsAnnual,
  qualityTier: "validated",
  norms: [],
});

export const wasteSeparation = defineIndicator({
  id: "waste-separation",
  name: { nl: "Afvalscheiding", en: "Waste separation" },
  description: { nl: "Aandeel gescheiden ingezameld huishoudelijk afval.", en: "Share of household waste collected separately." },
  unit: "%",
  direction: "higher",
  sql,
  params: { measure: "separation" },
  ...municipalOnly,
  pipelines: ["waste"],
  release: releases.cbsAnnual,
  qualityTier: "validated",
  norms: [],
});
