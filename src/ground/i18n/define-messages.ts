/**
 * One part of the server's message catalogue: every key in Dutch and English. `en` is typed against
 * `nl`, so a key missing in one language is a type error; test/unit/i18n.test.ts checks that no text
 * is empty and that both languages use the same `{placeholders}`.
 */
export function defineMessages<const NL extends Record<string, string>>(nl: NL, en: Record<keyof NL, string>): { nl: NL; en: Record<keyof NL, string> } {
  return { nl, en };
}
