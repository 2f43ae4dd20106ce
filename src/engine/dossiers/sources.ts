/** The sources a dossier draws on: each pipeline's attribution and the run whose data it shows. */
import type { EstablishmentDossier } from "../../ground/contract/contract-dossier.ts";
import type { PublishedRuns } from "../../store/published-runs.ts";
import { findPipeline, type PipelineName } from "../../pipelines/index.ts";

export function sourcesOf(published: PublishedRuns, pipelines: readonly PipelineName[]): EstablishmentDossier["sources"] {
  return pipelines
    .filter((name) => published.has(name))
    .map((name) => {
      const attribution = findPipeline(name)?.attribution;
      return { pipeline: name, source: attribution?.source ?? name, licence: attribution?.licence ?? "unknown", runId: published.get(name)?.runId ?? null };
    });
}
