/**
 * Texts that are rendered once and kept (in the database, in a webhook's payload) rather than per
 * answer: both languages at once, from the same catalogue as the answers.
 */
import type { Lang } from "./accept-language.ts";
import { renderMessage, type Message } from "./message.ts";

export type LocalizedText = { [L in Lang]: string };

export function localize(message: Message): LocalizedText {
  return { nl: renderMessage("nl", message), en: renderMessage("en", message) };
}

/**
 * A stored English text with its stored Dutch version; rows written before the Dutch column existed
 * have none, and then show their English text in both languages.
 */
export function storedText(en: string, nl: string | null | undefined): LocalizedText {
  return { nl: nl ?? en, en };
}

/**
 * A number in running text: a decimal comma in Dutch, a point in English; `digits` fixes the
 * decimals, without it the number is written as it is (String(value)), never rounded. The one place
 * for this in texts; a CSV file's numbers follow its dialect instead (src/web/api/csv.ts).
 */
export function decimalText(value: number, lang: Lang, digits?: number): string {
  const text = digits === undefined ? String(value) : value.toFixed(digits);
  return lang === "nl" ? text.replace(".", ",") : text;
}

/** A decimal as a message parameter, in both languages (decimalText). */
export function decimal(value: number, digits?: number): LocalizedText {
  return { nl: decimalText(value, "nl", digits), en: decimalText(value, "en", digits) };
}
