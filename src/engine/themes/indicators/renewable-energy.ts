import { defineIndicator, municipalOnly } from "../define-theme.ts";
import { releases } from "../release.ts";

export const renewableEnergy = defineIndicator({
  id: "renewable-energy",
  name: { nl: "Hernieuwbare energie", en: "Renewable energy" },
  description: {
    nl: "Opgewekte hernieuwbare energie: zon, wind, warmtepompen, biomassa.",
    en: "Renewable energy produced: solar, wind, heat pumps, biomass.",
  },
  unit: "TJ",
  direction: "higher",
  // Renewable energy produced in the municipality per year, all sources, terajoule.
  sql: `
SELECT $gm AS area_code, year::VARCHAR AS period, round(sum(tj), 1) AS value
FROM main.renewable_energy GROUP BY year ORDER BY period`,
  params: {},
  ...municipalOnly,
  pipelines: ["renewable-energy"],
  release: releases.energyStatistics,
  qualityTier: "modelled",
  norms: [],
});
