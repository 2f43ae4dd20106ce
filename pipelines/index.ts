/**
 * The registry of pipelines: adding a dataset is one file in this folder plus one line here.
 * Order matters at start-up: a pipeline runs after those it reads from.
 */
import airQualityMeasurements from "./air-quality-measurements.ts";
import airQualityStations from "./air-quality-stations.ts";
import areas from "./areas.ts";
import complaints from "./complaints.ts";
import establishments from "./establishments.ts";
import type { PipelineDefinition } from "./framework/define-pipeline.ts";
import inspections from "./inspections.ts";
import permits from "./permits.ts";

export const pipelines: readonly PipelineDefinition[] = [
  areas,
  airQualityStations,
  airQualityMeasurements,
  establishments,
  permits,
  inspections,
  complaints,
];

export function findPipeline(name: string): PipelineDefinition | undefined {
  return pipelines.find((p) => p.name === name);
}
