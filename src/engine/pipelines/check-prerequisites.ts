/**
 * A go-live check of some pipelines runs, before them, the pipelines they read from: the areas for
 * assigning a buurt, and the table a `references` check names (a station, an establishment). In a
 * scratch database those tables exist only if their own pipelines ran there first.
 */
import type { PipelineDefinition } from "../../pipelines/framework/define-pipeline.ts";
import { findPipeline, pipelines } from "../../pipelines/index.ts";
import { pipelinesReadBy } from "./pipelines-read-by.ts";

/** A references check is named `references(<column> → <table>.<column>)` (src/pipelines/framework/checks.ts). */
const REFERENCES = /^references\(\w+ → (\w+)\.\w+\)$/;

/** The registered pipelines one pipeline reads from, in registry order. */
export function prerequisitesOf(pipeline: PipelineDefinition): string[] {
  const tables = pipeline.checks.flatMap((check) => REFERENCES.exec(check.name)?.[1] ?? []);
  if (pipeline.assignBuurt) tables.push("areas");
  return pipelinesReadBy(...tables.map((table) => `main.${table}`)).filter((name) => name !== pipeline.name);
}

/**
 * The named pipelines and everything they read from, in registry order (a pipeline after those it
 * reads from). Every name must be registered.
 * @example withPrerequisites(["inspections"]).map((p) => p.name) // ["areas", "establishments", "inspections"]
 */
export function withPrerequisites(names: readonly string[]): PipelineDefinition[] {
  const wanted = new Set<string>();
  const add = (name: string) => {
    if (wanted.has(name)) return;
    const pipeline = findPipeline(name);
    if (!pipeline) throw new Error(`unknown pipeline: ${name}`);
    wanted.add(name);
    for (const prerequisite of prerequisitesOf(pipeline)) add(prerequisite);
  };
  for (const name of names) add(name);
  return pipelines.filter((pipeline) => wanted.has(pipeline.name));
}
