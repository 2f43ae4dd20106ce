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

export const residualWaste = defineIndicator({
  ...householdWaste({
    id: "residual-waste",
    name: { nl: "Restafval per inwoner", en: "Residual waste per inhabitant" },
    description: { nl: "Huishoudelijk restafval per inwoner per jaar.", en: "Household residual waste per inhabitant per year." },
    unit: "kg",
    direction: "lower",
    measure: "residual",
  }),
  // CBS's split into fine and bulky household residual waste, which add up to the residual waste
  // (the pipeline rejects a year where they do not); a year without both has no rows.
  parts: {
    by: "stream",
    sql: `
SELECT year::VARCHAR AS period, unnest(['fine', 'bulky']) AS key,
       unnest([residual_fine_kg_per_inhabitant, residual_bulky_kg_per_inhabitant]) AS value
FROM main.waste WHERE residual_fine_kg_per_inhabitant IS NOT NULL AND residual_bulky_kg_per_inhabitant IS NOT NULL
ORDER BY period, key`,
    names: {
      fine: { nl: "Fijn huishoudelijk restafval", en: "Fine household residual waste" },
      bulky: { nl: "Grof huishoudelijk restafval", en: "Bulky household residual waste" },
    },
  },
  // Kilograms per inhabitant: the change is also the total's effect and the population's (LMDI-I).
  perCapita: { denominator: "inhabitants", total: { nl: "Totale hoeveelheid", en: "Total waste effect" } },
});

export const wasteSeparation = householdWaste({
  id: "waste-separation",
  name: { nl: "Afvalscheiding", en: "Waste separation" },
  description: { nl: "Aandeel gescheiden ingezameld huishoudelijk afval.", en: "Share of household waste collected separately." },
  unit: "%",
  direction: "higher",
  measure: "separation",
});
