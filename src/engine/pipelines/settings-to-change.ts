/**
 * Which setting to change when a source fails, read from the error and the URL asked last: the
 * configured value the failure names. The app layer says which environment variable sets each
 * source setting (`SettingNames`); this file knows nothing of the variables themselves.
 */
import type { SourceSettings } from "../../pipelines/framework/source.ts";

/**
 * Environment variable per source setting, by the setting's path in SourceSettings.
 * @example { "luchtmeetnet.baseUrl": "MM_LUCHTMEETNET_URL", "luchtmeetnet.stations": "MM_LUCHTMEETNET_STATIONS", filesDir: "MM_FILES_DIR" }
 */
export type SettingNames = Readonly<Record<string, string>>;

const URL_IN_TEXT = /https?:\/\/[^\s"'<>]+/g;
/** The server answered that the path does not exist: the host is right, a value in the path is not. */
const NOT_FOUND = /\bHTTP (404|410)\b/;

/** The string values at a dotted path (a list gives its items); numbers and absent settings give none. */
function valuesAt(settings: SourceSettings, path: string): string[] {
  let value: unknown = settings;
  for (const part of path.split(".")) value = value && typeof value === "object" ? (value as Record<string, unknown>)[part] : undefined;
  const values = Array.isArray(value) ? value : [value];
  return values.filter((v): v is string => typeof v === "string" && v.length > 0);
}

/** A base URL or a folder: matched as the start of what failed. Anything else is a name (a station, a table). */
const isLocation = (value: string) => /^https?:\/\//.test(value) || value.startsWith("/") || /^[A-Za-z]:[\\/]/.test(value);

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const containsName = (text: string, name: string) => new RegExp(`(?<![A-Za-z0-9])${escape(name)}(?![A-Za-z0-9])`).test(text);

function pathOf(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname);
  } catch {
    return "";
  }
}

/**
 * The environment variables to look at for a failure, the likeliest first: a configured name (a
 * station number, a table id) the error states outside a URL; then one in the path of a URL the
 * server answered 404 for; then the base URL or folder the failing URL or file starts with.
 * Empty when the failure names nothing configured (bad rows, a failed check: the data needs fixing).
 *
 * @example settingsToChange("Luchtmeetnet does not list the configured station(s) NL10999", url, settings, names) // ["MM_LUCHTMEETNET_STATIONS", "MM_LUCHTMEETNET_URL"]
 */
export function settingsToChange(error: string, failedUrl: string | null, settings: SourceSettings, names: SettingNames): string[] {
  const urls = [...error.matchAll(URL_IN_TEXT)].map(([url]) => url.replace(/[:,.;)]+$/, ""));
  if (failedUrl) urls.push(failedUrl);
  const outsideUrls = error.replace(URL_IN_TEXT, " ");
  const notFound = NOT_FOUND.test(error);
  const ranked: { name: string; rank: number }[] = [];
  for (const [path, name] of Object.entries(names)) {
    for (const value of valuesAt(settings, path)) {
      let rank: number | null = null;
      if (isLocation(value)) {
        if (error.includes(value) || urls.some((url) => url.startsWith(value))) rank = 2;
      } else if (containsName(outsideUrls, value)) rank = 0;
      else if (notFound && urls.some((url) => containsName(pathOf(url), value))) rank = 1;
      if (rank !== null) ranked.push({ name, rank });
    }
  }
  ranked.sort((a, b) => a.rank - b.rank);
  return [...new Set(ranked.map((r) => r.name))];
}
