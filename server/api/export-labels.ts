/**
 * The words of every exported file, in Dutch and English: the comment line with the source, licence,
 * pipeline run and quality, and the header rows. Arrow and Parquet keep the English column names
 * (`snake_case`, for code); CSV is read by people, so its header follows `lang`.
 */
import type { Provenance } from "./contract.ts";

export const exportLangs = ["nl", "en"] as const;
export type ExportLang = (typeof exportLangs)[number];

/** A header in both languages; `en` is also the column's name in Arrow and Parquet. */
export interface Header {
  nl: string;
  en: string;
}

interface CommentWords {
  source: string;
  licence: string;
  run: string;
  quality: string;
  indicator: string;
  unit: string;
  period: string;
  qualityTier: Record<Provenance["qualityTier"], string>;
}

const words: Record<ExportLang, CommentWords> = {
  nl: {
    source: "bron",
    licence: "licentie",
    run: "pipelinerun",
    quality: "kwaliteit",
    indicator: "indicator",
    unit: "eenheid",
    period: "periode",
    qualityTier: { validated: "gevalideerd", provisional: "voorlopig", modelled: "gemodelleerd", indicative: "indicatief" },
  },
  en: {
    source: "source",
    licence: "licence",
    run: "pipeline run",
    quality: "quality",
    indicator: "indicator",
    unit: "unit",
    period: "period",
    qualityTier: { validated: "validated", provisional: "provisional", modelled: "modelled", indicative: "indicative" },
  },
};

/** Every label of the exports, per language, for the test that none is missing. */
export const exportWords = words;

export interface CommentFacts {
  source: string;
  licence: string;
  runId: number | string | null;
  qualityTier: Provenance["qualityTier"];
  indicator?: string;
  unit?: string;
  period?: string | null;
}

/**
 * The one comment line above a CSV's header: where the data comes from, under which licence, from
 * which pipeline run and of what quality (and, for an indicator, which one, its unit and period).
 * @example provenanceComment({ source: "Luchtmeetnet", licence: "CC BY 4.0", runId: 3, qualityTier: "provisional" }, "nl")
 *   // "bron: Luchtmeetnet; licentie: CC BY 4.0; pipelinerun: 3; kwaliteit: voorlopig"
 */
export function provenanceComment(facts: CommentFacts, lang: ExportLang): string {
  const w = words[lang];
  const parts = [`${w.source}: ${facts.source}`, `${w.licence}: ${facts.licence}`, `${w.run}: ${facts.runId ?? "-"}`, `${w.quality}: ${w.qualityTier[facts.qualityTier]}`];
  if (facts.indicator !== undefined) parts.push(`${w.indicator}: ${facts.indicator}`);
  if (facts.unit !== undefined) parts.push(`${w.unit}: ${facts.unit}`);
  if (facts.period) parts.push(`${w.period}: ${facts.period}`);
  return parts.join("; ");
}

/** The header row of a CSV in the language asked for. */
export const headerRow = (headers: readonly Header[], lang: ExportLang) => headers.map((h) => h[lang]);
