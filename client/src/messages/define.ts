/**
 * One part of the UI catalogue: every key in Dutch and English. `en` is typed against `nl`, so a key
 * missing in one language is a type error (and test/unit/i18n.test.ts fails on an empty text).
 */
export function defineMessages<const NL extends Record<string, string>>(nl: NL, en: Record<keyof NL, string>): { nl: NL; en: Record<keyof NL, string> } {
  return { nl, en };
}
