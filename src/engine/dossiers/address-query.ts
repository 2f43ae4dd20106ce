/**
 * What an officer types into the address box, taken apart: a postcode (whole or begun), a house
 * number with letter and addition, the street's words and any words after the number (a place).
 * Pure functions, so the parser and the street matcher are unit tested apart from the database.
 *
 * @example parseAddressQuery("2511ab 12a") // { postcode: "2511 AB", number: 12, letter: "a", … }
 * @example parseAddressQuery("Spui 70 den haag") // { words: ["spui"], number: 70, placeWords: ["den", "haag"], … }
 */

export interface AddressQuery {
  /** As the table writes it ("2511 AB"), or its beginning ("2511", "2511 A"); null without one. */
  postcode: string | null;
  number: number | null;
  /** True when the number is the last thing typed: "Spui 7" also means 70–79 and 700–799. */
  numberIsPrefix: boolean;
  /** Lower case. */
  letter: string | null;
  /** Lower case; matched as a beginning. */
  addition: string | null;
  /** The words before the house number (all words without one), normalised: the street, maybe a place after it. */
  words: string[];
  /** Words after the house number: a place; they rank, never filter. */
  placeWords: string[];
}

/** Lower case without accents; every run of anything but letters and digits is one space. */
export function normalizeWords(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

// A postcode at the start may be begun ("2511", "2511 A"); elsewhere only a whole one counts, so a
// four-digit house number after a street is not taken for one.
const POSTCODE_START = /^([1-9]\d{3})\s?([a-z]{1,2})?(?![a-z])/;
const POSTCODE_ANYWHERE = /(?:^|\s)([1-9]\d{3})\s?([a-z]{2})(?![a-z])/;
const NUMBER = /^(\d{1,5})(?:\s?([a-z]))?(?:\s?-\s?([a-z0-9]{0,4}))?$/;

export function parseAddressQuery(input: string): AddressQuery {
  let text = input.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/[,;]/g, " ").replace(/\s+/g, " ").trim();
  let postcode: string | null = null;
  const start = POSTCODE_START.exec(text);
  const found = start ?? POSTCODE_ANYWHERE.exec(text);
  if (found) {
    postcode = `${found[1]}${found[2] ? ` ${found[2].toUpperCase()}` : ""}`;
    text = `${text.slice(0, found.index)} ${text.slice(found.index + found[0].length)}`.trim();
  }
  // "12 a" and "12 - 2": glue a lone letter or a dash to the number before splitting into tokens.
  const tokens = text
    .replace(/(\d)\s+([a-z])(?=\s|$|-)/g, "$1$2")
    .replace(/\s*-\s*/g, "-")
    .split(" ")
    .filter((t) => t !== "");
  // A street may begin with a digit ("2e Schuytstraat"): the number is a later token, or the first after a postcode.
  const numberAt = tokens.findIndex((token, i) => (i > 0 || postcode !== null || tokens.length === 1) && NUMBER.test(token));
  const before = numberAt === -1 ? tokens : tokens.slice(0, numberAt);
  const after = numberAt === -1 ? [] : tokens.slice(numberAt + 1);
  const parts = numberAt === -1 ? null : NUMBER.exec(tokens[numberAt]!)!;
  return {
    postcode,
    number: parts ? Number(parts[1]) : null,
    numberIsPrefix: parts !== null && after.length === 0 && !parts[2] && parts[3] === undefined,
    letter: parts?.[2] ?? null,
    addition: parts?.[3] ? parts[3] : null,
    words: normalizeWords(before.join(" ")).split(" ").filter(Boolean),
    placeWords: normalizeWords(after.join(" ")).split(" ").filter(Boolean),
  };
}

/** Edits allowed between what was typed and a name: none for 1–2 letters, 1 up to 6, 2 from 7 letters. */
export function maxEdits(length: number): number {
  return length >= 7 ? 2 : length >= 3 ? 1 : 0;
}

/**
 * Optimal string alignment distance (Damerau–Levenshtein without repeated edits of one substring):
 * "spuy"→"spui" 1, "kerkstrat"→"kerkstraat" 1, "sipu"→"spui" 1. Stops early above `limit`.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prevPrev[j - 2]! + 1);
      row.push(d);
      if (d < best) best = d;
    }
    if (best > limit) return limit + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/** How a street matched: lower is better. */
export const StreetMatch = {
  Exact: 0,
  Prefix: 1,
  /** A later word of the name begins with it ("hendrikstraat" in "prins hendrikstraat"). */
  WordPrefix: 2,
  Fuzzy: 3,
  /** The beginning of the name is within the allowed edits: a typo while still typing. */
  FuzzyPrefix: 4,
} as const;
export type StreetMatch = (typeof StreetMatch)[keyof typeof StreetMatch];

/**
 * How `typed` (normalised) matches the normalised `name`, or null. `fuzzy: false` tries only the
 * string compares; `exactToo: false` only the edit distances (for a second pass over the names).
 */
export function matchStreet(typed: string, name: string, { fuzzy = true, exactToo = true } = {}): StreetMatch | null {
  if (exactToo) {
    if (name === typed) return StreetMatch.Exact;
    if (name.startsWith(typed)) return StreetMatch.Prefix;
    if (typed.length >= 3 && name.includes(` ${typed}`)) return StreetMatch.WordPrefix;
  } else if (name.startsWith(typed) || (typed.length >= 3 && name.includes(` ${typed}`))) {
    return null;
  }
  if (!fuzzy) return null;
  const edits = maxEdits(typed.length);
  if (edits === 0) return null;
  if (editDistance(typed, name, edits) <= edits) return StreetMatch.Fuzzy;
  if (typed.length >= 4 && name.length > typed.length && editDistance(typed, name.slice(0, typed.length), edits) <= edits) return StreetMatch.FuzzyPrefix;
  return null;
}

/** Other names of places, normalised: officers say Den Haag, BAG says 's-Gravenhage. */
const PLACE_ALIASES: Record<string, string> = { "den haag": "s gravenhage", "the hague": "s gravenhage", "s hertogenbosch": "den bosch" };

/** Whether the words typed after the number name this place (or begin to). */
export function isPlace(placeWords: string[], place: string): boolean {
  if (placeWords.length === 0) return false;
  const typed = placeWords.join(" ");
  const name = normalizeWords(place);
  const alias = PLACE_ALIASES[typed];
  if (alias === name || PLACE_ALIASES[name] === typed) return true;
  return name.startsWith(typed) || editDistance(typed, name, maxEdits(typed.length)) <= maxEdits(typed.length);
}
