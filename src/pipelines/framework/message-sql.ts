/**
 * A catalogue message rendered in SQL, for reject reasons that differ per row (they quote the row's
 * values) and are written set-wise for up to millions of rows: reading every row into JavaScript to
 * render it with renderMessage, and writing it back, would cost more than the rest of the run. The
 * template's text around the placeholders becomes SQL literals and each placeholder an SQL expression,
 * so a value that itself contains "{…}" is never filled in a second time.
 */
import type { Lang } from "../../ground/i18n/accept-language.ts";
import { serverMessages, type ServerMessageKey } from "../../ground/i18n/catalogue.ts";
import { literal } from "../../ground/sql-text.ts";

/**
 * @example messageSql("en", "reject.unreadable", { type: "error_type", detail: "error_message" })
 * // concat('', error_type, ': ', error_message, '')
 */
export function messageSql(lang: Lang, key: ServerMessageKey, params: Record<string, string>): string {
  // split() with a capture group: text at even indices, placeholder names at odd ones.
  const parts = serverMessages[lang][key].split(/\{(\w+)\}/);
  // A placeholder without SQL stays as written, as renderMessage leaves it.
  const sql = parts.map((part, i) => (i % 2 === 0 ? literal(part) : (params[part] ?? literal(`{${part}}`))));
  return `concat(${sql.join(", ")})`;
}
