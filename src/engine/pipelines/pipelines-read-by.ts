/**
 * Which pipelines a query depends on, read from the query itself: a published table is named after
 * its pipeline, so `main.air_quality_measurements` in the SQL names `air-quality-measurements`. Lists
 * that version a cache or an answer by the tables it reads are derived with this, not kept by hand.
 */
import { pipelines, type PipelineName } from "../../pipelines/index.ts";

const byTable = new Map<string, PipelineName>(pipelines.map((p) => [p.table, p.name]));

/** `main.<table>` or `main."<table>"`, outside `--` comments. */
const TABLE_REFERENCE = /\bmain\.(?:"([a-z0-9_]+)"|([a-z0-9_]+)\b)/g;

/**
 * The registered pipelines whose tables the SQL reads, in registry order. A `main.` table no
 * pipeline publishes is a mistake in the SQL, found where the list is made (at start-up).
 *
 * @example pipelinesReadBy("SELECT … FROM main.areas a JOIN main.area_key_figures k …") // ["areas", "area-key-figures"]
 */
export function pipelinesReadBy(...sql: string[]): PipelineName[] {
  const read = new Set<PipelineName>();
  for (const text of sql) {
    const code = text.replace(/--.*$/gm, "");
    for (const [, quoted, bare] of code.matchAll(TABLE_REFERENCE)) {
      const table = (quoted ?? bare)!;
      const pipeline = byTable.get(table);
      if (!pipeline) throw new Error(`the SQL reads main.${table}, which no pipeline publishes: ${text.trim().slice(0, 80)}`);
      read.add(pipeline);
    }
  }
  return pipelines.map((p) => p.name).filter((name) => read.has(name));
}
