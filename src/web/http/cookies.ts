/** Parses a Cookie header; only the few cookies this app sets matter, so no dependency is needed. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(";") ?? []) {
    const index = part.indexOf("=");
    if (index > 0 && part.slice(0, index).trim() === name) return decodeOrNothing(part.slice(index + 1).trim());
  }
  return undefined;
}

/** A value that is no valid percent-encoding (`%`, `%zz`, a cut UTF-8 sequence) was never set by this app: no cookie. */
function decodeOrNothing(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}
