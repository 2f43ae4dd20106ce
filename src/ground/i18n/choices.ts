/** A list of allowed values as a message parameter, worded per language: `"a", "b" or "c"` / `"a", "b" of "c"`. */
export function choices(values: readonly string[]): { nl: string; en: string } {
  const quoted = values.map((value) => `"${value}"`);
  const list = (or: string) => (quoted.length < 2 ? quoted.join("") : `${quoted.slice(0, -1).join(", ")} ${or} ${quoted.at(-1)}`);
  return { nl: list("of"), en: list("or") };
}
