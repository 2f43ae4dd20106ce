/**
 * The registry of pipelines: adding a dataset is one file in this folder plus one line here.
 * Order matters at start-up: a pipeline runs after those it reads from (areas first: points get
 * their buurt from it; registers before what references them).
 */
import airQualityMeasurements from "./air-quality-measurements.ts";
import airQualitySensorObservations from "./air-quality-sensor-observations.ts";
import airQualitySensors from "./air-quality-sensors.ts";
import airQualityStations from "./air-quality-stations.ts";
import areaKeyFigures from "./area-key-figures.ts";
import areas from "./areas.ts";
import bagAddresses from "./bag-addresses.ts";
import bagBuildings from "./bag-buildings.ts";
import co2Emissions from "./co2-emissions.ts";
import complaints from "./complaints.ts";
import energyUse from "./energy-use.ts";
import establishments from "./establishments.ts";
import type { PipelineDefinition } from "./framework/define-pipeline.ts";
import greenHeat from "./green-heat.ts";
import inspectionFindings from "./inspection-findings.ts";
import inspections from "./inspections.ts";
import noiseExposure from "./noise-exposure.ts";
import permits from "./permits.ts";
import renewableEnergy from "./renewable-energy.ts";
import trees from "./trees.ts";
import waste from "./waste.ts";

export const pipelines = [
  areas,
  airQualityStations,
  airQualityMeasurements,
  airQualitySensors,
  airQualitySensorObservations,
  areaKeyFigures,
  // The BAG after areas (the buurt and the municipality's extent), before the registers that may refer to addresses.
  bagAddresses,
  bagBuildings,
  establishments,
  permits,
  inspections,
  inspectionFindings,
  complaints,
  noiseExposure,
  greenHeat,
  trees,
  co2Emissions,
  renewableEnergy,
  energyUse,
  waste,
] as const satisfies readonly PipelineDefinition[];

/**
 * The name of a registered pipeline, checked by the compiler wherever a pipeline is named in code
 * (an indicator's inputs, the lists a dossier or cache is versioned by): a misspelt name does not build.
 */
export type PipelineName = (typeof pipelines)[number]["name"];

// The store (below this floor) learns the names as a type through its register (src/store/pipeline-names.ts).
declare module "../store/pipeline-names.ts" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the names are the keys
  interface RegisteredPipelines extends Record<PipelineName, true> {}
}

export function findPipeline(name: string): PipelineDefinition<PipelineName> | undefined {
  return pipelines.find((p) => p.name === name);
}
