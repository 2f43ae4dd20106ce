/** Household waste per inhabitant and its separation, as the municipality reports them each year. */
import { defineIndicator, municipalOnly, type IndicatorDefinition } from "../define-theme.ts";
import { releases } from "../release.ts";

/** Household waste per year: residual kg per inhabitant, or the separated share in percent. */
const sql = `
SELECT $gm AS area_code, year::VARCHAR AS period,
       CASE $measure WHEN 'residual' THEN residual_kg_per_inhabitant WHEN 'separation' THEN round(100 * separation_share, 1) END AS value
FROM main.waste ORDER BY period`;

/** What differs between the two: the measure read and how it is named and judged. */
type WasteMeasure = Pick<IndicatorDefinition, "id" | "name" | "description" | "unit" | "direction"> & { measure: "residual" | "separation" };

const householdWaste = ({ measure, ...named }: WasteMeasure) =>
  defineIndicator({
    ...named,
    sql,
    params: { measure },
    ...municipalOnly,
    pipelines: ["waste"],
    release: releases.cbsAnnual,
    qualityTier: "validated",
    norms: [],
  });

export const residualWaste = householdWaste({
  id: "residual-waste",
  name: { nl: "Restafval per inwoner", en: "Residual waste per inhabitant" },
  description: { nl: "Huishoudelijk restafval per inwoner per jaar.", en: "Household residual waste per inhabitant per year." },
  unit: "kg",
  direction: "lower",
  measure: "residual",
});

export const wasteSeparation = householdWaste({
  id: "waste-separation",
  name: { nl: "Afvalscheiding", en: "Waste separation" },
  description: { nl: "Aandeel gescheiden ingezameld huishoudelijk afval.", en: "Share of household waste collected separately." },
  unit: "%",
  direction: "higher",
  measure: "separation",
});
