import type { Localized } from "../../../ground/contract/contract.ts";
import type { renewableSources } from "../../../pipelines/renewable-energy.ts";
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
  // The sources, which add up to the total above.
  parts: {
    by: "source",
    sql: `
SELECT year::VARCHAR AS period, source AS key, sum(tj) AS value
FROM main.renewable_energy GROUP BY ALL ORDER BY period, key`,
    names: {
      solar_pv: { nl: "Zonnestroom", en: "Solar power" },
      wind: { nl: "Wind", en: "Wind" },
      heat_pumps: { nl: "Warmtepompen", en: "Heat pumps" },
      biomass: { nl: "Biomassa", en: "Biomass" },
    } satisfies Record<(typeof renewableSources)[number], Localized>,
  },
});
