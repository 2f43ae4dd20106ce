/** The language of an API answer's texts, from the request's Accept-Language (RFC 9110 §12.5.4). */
export const langs = ["nl", "en"] as const;
export type Lang = (typeof langs)[number];

/** API clients that say nothing get English; the monitor's own UI always says which language it shows. */
export const defaultLang: Lang = "en";

/**
 * The best of nl and en by q-value; on a tie the earlier range wins, `*` means any (the default).
 * @example negotiateLang("nl-NL,nl;q=0.9,en;q=0.8") // "nl"
 */
export function negotiateLang(header: string | undefined): Lang {
  let best: { lang: Lang; q: number } | null = null;
  for (const part of (header ?? "").split(",")) {
    const [range = "", ...options] = part.trim().toLowerCase().split(";");
    const qOption = options.map((o) => o.trim()).find((o) => o.startsWith("q="));
    const q = qOption === undefined ? 1 : Number(qOption.slice(2));
    if (!Number.isFinite(q) || q <= 0 || q > 1) continue;
    const primary = range.trim().split("-")[0];
    const lang = primary === "*" ? defaultLang : langs.find((l) => l === primary);
    if (lang && (best === null || q > best.q)) best = { lang, q };
  }
  return best?.lang ?? defaultLang;
}
