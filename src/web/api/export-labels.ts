/**
 * The words of every exported file, in Dutch and English: the comment line with the source, licence,
 * pipeline run and quality (from the server catalogue, src/ground/i18n/messages/exports.ts), and the
 * header rows. Arrow and Parquet keep the English column names (`snake_case`, for code); CSV is read
 * by people, so its header follows `lang`.
 */
import { msg, renderMessage, type Message } from "../../ground/i18n/message.ts";
import type { Provenance } from "../../ground/contract/contract.ts";
import type { ExportLang } from "../../ground/contract/params.ts";

/** A header in both languages; `en` is also the column's name in Arrow and Parquet. */
export interface Header {
  nl: string;
  en: string;
}

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
  const say = (message: Message) => renderMessage(lang, message);
  const parts = [
    say(msg("export.source", { source: facts.source })),
    say(msg("export.licence", { licence: facts.licence })),
    say(msg("export.run", { run: facts.runId ?? "-" })),
    say(msg("export.quality", { tier: msg(`export.tier.${facts.qualityTier}`) })),
  ];
  if (facts.indicator !== undefined) parts.push(say(msg("export.indicator", { indicator: facts.indicator })));
  if (facts.unit !== undefined) parts.push(say(msg("export.unit", { unit: facts.unit })));
  if (facts.period) parts.push(say(msg("export.period", { period: facts.period })));
  return parts.join("; ");
}

/** The header row of a CSV in the language asked for. */
export const headerRow = (headers: readonly Header[], lang: ExportLang) => headers.map((h) => h[lang]);
