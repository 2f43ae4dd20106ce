/** The noise map of the buurt a location lies in (modelled, RIVM noise maps). */
import type { NoiseAtLocation } from "../../ground/contract/contract-dossier.ts";
import type { Database, QueryOptions } from "../../store/database.ts";
import type { PublishedRuns } from "../../store/published-runs.ts";
import { findPipeline } from "../../pipelines/index.ts";
import { dossierSql } from "./sql-files.ts";

export async function noiseAt(db: Database, published: PublishedRuns, buurtCode: string | null, options: QueryOptions): Promise<NoiseAtLocation | null> {
  if (!buurtCode || !published.has("noise-exposure")) return null;
  const rows = await db.query(dossierSql.noiseAtBuurt, { buurt: buurtCode }, options);
  if (rows.length === 0) return null;
  const classes = rows.map((r) => ({ class: String(r.class), share: Math.round(Number(r.share) * 1000) / 1000 }));
  const typical = classes.reduce((best, c) => (c.share > best.share ? c : best));
  return {
    buurtCode,
    year: Number(rows[0]!.year),
    classes,
    typicalClass: typical.class,
    qualityTier: "modelled",
    source: findPipeline("noise-exposure")?.attribution.source ?? "noise-exposure",
  };
}
