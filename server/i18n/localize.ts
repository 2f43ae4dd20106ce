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

/** A decimal as a message parameter: a comma in Dutch, a point in English. */
export function decimal(value: number, digits: number): LocalizedText {
  const en = value.toFixed(digits);
  return { nl: en.replace(".", ","), en };
}
