/**
 * Local file sources: CSV (read by DuckDB with a pinned dialect), JSON arrays and GeoJSON feature
 * collections (parsed whole; a truncated file fails the run before anything is written). Relative
 * paths resolve against `settings.filesDir`. A CSV export may be read through a column mapping
 * (framework/column-mapping.ts).
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { CsvDialect, CsvSource, RecordSource, SourceSettings } from "../framework/source.ts";

export function resolveFile(settings: SourceSettings, file: string): string {
  if (path.isAbsolute(file)) return file;
  if (!settings.filesDir) throw new Error(`relative file ${file} needs settings.filesDir`);
  return path.join(settings.filesDir, file);
}

/** A file source's `missingData`: the resolved path while no file is there. */
const missingFile = (file: string) => (settings: SourceSettings) => {
  const resolved = resolveFile(settings, file);
  return existsSync(resolved) ? null : resolved;
};

const defaultDialect: CsvDialect = { delimiter: ",", quote: '"', escape: '"', header: true };

/**
 * A CSV file in a pinned dialect. `mapping` names the column mapping it may be read through
 * (`<MM_REGISTER_MAPPINGS>/<mapping>.json`, when there is one): a register as a VTH system exports it.
 * @example csvFile("exports/permits.csv", { mapping: "permits" })
 */
export function csvFile(file: string, { mapping, ...dialect }: Partial<CsvDialect> & { mapping?: string } = {}): CsvSource {
  return {
    kind: "csv",
    describe: `CSV file ${file}`,
    file: (settings) => resolveFile(settings, file),
    missingData: missingFile(file),
    dialect: { ...defaultDialect, ...dialect },
    ...(mapping ? { mapping } : {}),
  };
}

async function readJson(file: string): Promise<unknown> {
  const text = await readFile(file, "utf8");
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: invalid JSON (${(error as Error).message})`);
  }
}

/** A JSON file holding an array of records, or an object with the array under `items`. */
export function jsonFile(file: string, { items }: { items?: string } = {}): RecordSource {
  const Shape = items ? z.object({ [items]: z.array(z.unknown()) }) : z.array(z.unknown());
  return {
    kind: "records",
    describe: `JSON file ${file}`,
    missingData: missingFile(file),
    async *extract({ settings }) {
      const resolved = resolveFile(settings, file);
      const parsed = Shape.safeParse(await readJson(resolved));
      if (!parsed.success) throw new Error(`${resolved}: expected ${items ? `an object with an array "${items}"` : "an array"} of records`);
      yield { origin: resolved, records: (items ? (parsed.data as Record<string, unknown[]>)[items] : parsed.data) as unknown[] };
    },
  };
}

const FeatureCollection = z.object({
  type: z.literal("FeatureCollection"),
  features: z.array(z.object({ type: z.literal("Feature"), properties: z.record(z.string(), z.unknown()).nullable(), geometry: z.unknown() })),
});

/** A GeoJSON FeatureCollection: one record per feature, its properties plus `geometry`. */
export function geojsonFile(file: string): RecordSource {
  return {
    kind: "records",
    describe: `GeoJSON file ${file}`,
    missingData: missingFile(file),
    async *extract({ settings }) {
      const resolved = resolveFile(settings, file);
      const parsed = FeatureCollection.safeParse(await readJson(resolved));
      if (!parsed.success) throw new Error(`${resolved}: not a GeoJSON FeatureCollection: ${parsed.error.issues[0]?.message}`);
      yield { origin: resolved, records: parsed.data.features.map((f) => ({ ...f.properties, geometry: f.geometry })) };
    },
  };
}
