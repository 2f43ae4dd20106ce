/** How a value from a request is shown in an answer: one place, so that no answer reflects hostile text. */
/** Characters shown as they are; any other is written as its code point: controls, bidi and zero-width marks, markup, quotes. */
const PLAIN = /^[\p{L}\p{N} .,:;_\-/@+=#()[\]{}*!?~|$%^]$/u;
/** Code points of input an answer quotes at most; beyond, it is cut with "…". */
export const ECHO_MAX = 40;

/**
 * A value from the request as an answer may show it without quotes (the `name` of an unknown
 * parameter in `invalidParams`): cut to ECHO_MAX code points, with every character that could mislead
 * a reader or a page (`<`, `"`, U+202E RIGHT-TO-LEFT OVERRIDE, a newline) written as `\u{202e}`.
 */
export const shown = (value: string): string => {
  const chars = [...value];
  const escaped = chars
    .slice(0, ECHO_MAX)
    .map((char) => (PLAIN.test(char) ? char : `\\u{${char.codePointAt(0)!.toString(16)}}`))
    .join("");
  return chars.length > ECHO_MAX ? `${escaped}…` : escaped;
};

/**
 * The one way a value from the request (an id, a parameter's name or value) gets into a text of an
 * answer: `shown`, in quotes.
 * @example quoted("nope") // "\"nope\""
 */
export const quoted = (value: string): string => `"${shown(value)}"`;
