import { z } from "zod";
import { rowCountChange } from "./framework/checks.ts";
import { definePipeline } from "./framework/define-pipeline.ts";
import { csvFile } from "./sources/files.ts";

export default definePipeline({
  name: "co2-emissions",
  title: { nl: "CO2-uitstoot per sector", en: "CO2 emissions by sector" },
  // The Klimaatmonitor is updated a few times a year; a weekly look is plenty.
  schedule: "15 4 * * 2",
  source: csvFile("exports/co2-emissions.csv"),
  schema: z.object({
    year: z.number().int().min(1990).max(2100),
    sector: z.enum(["built_environment_homes", "built_environment_services", "traffic", "industry", "agriculture", "waste_water"]),
    kton_co2: z.number().min(0).max(100_000),
  }),
  mode: "replace",
  key: ["year", "sector"],
  // History only grows (a new year, a restated one): losing rows means a broken export.
  checks: [rowCountChange({ maxDropPercent: 0 })],
  // Views add sectors up per year; a year missing one sector would look like a fall, so any
  // rejected row fails the run and the previous version stays.
  maxRejectShare: 0,
  attribution: { source: "Klimaatmonitor / emissieregistratie (demo)", licence: "CC BY 4.0" },
});
