/**
 * The demo runs every pipeline on what data/demo/generate-demo.ts writes. A pipeline added without
 * a demo file has "no demo data": it is listed as such and left out of the start-up runs and the
 * schedule, so it cannot fail the demo's start. Live sources skip nothing: there a missing export
 * is a fault, and the failed run names the file. A manual run is always tried.
 */
import type { PipelineDefinition } from "./define-pipeline.ts";
import type { SourceSettings } from "./source.ts";

/** The pipelines without demo data, by name, each with what its source misses (e.g. the file path). */
export type NoDemoData = ReadonlyMap<string, string>;

/** Decided once per process, when the sources are set up, so the list, the start-up runs and the schedule agree. */
export function findNoDemoData(pipelines: readonly PipelineDefinition[], settings: SourceSettings, sources: "demo" | "live"): NoDemoData {
  const missing = new Map<string, string>();
  if (sources !== "demo") return missing;
  for (const pipeline of pipelines) {
    const what = pipeline.source.missingData?.(settings);
    if (what) missing.set(pipeline.name, what);
  }
  return missing;
}
