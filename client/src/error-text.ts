/**
 * What went wrong, in the UI's language, for any error a view can catch. The server's problem
 * details are already in that language (the client asks for it with Accept-Language); everything
 * else — the browser's own fetch errors ("Failed to fetch"), timeouts, a proxy's status line, an
 * unreadable answer, a bug — is English or technical, so it is worded here instead of shown.
 */
import { ApiError } from "./api.ts";
import { t } from "./i18n.ts";

/** Statuses a gateway or an overloaded server answers with: try again later. */
const unavailableStatuses = new Set([502, 503, 504]);

/**
 * A sentence fragment to follow "Er ging iets mis: " or "Inloggen mislukt: ".
 * @example describeError(new TypeError("Failed to fetch")) // "de server is niet bereikbaar. …"
 */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.problem) return error.message;
    return t(unavailableStatuses.has(error.status) ? "error.unavailable" : "error.status", { status: error.status });
  }
  const name = error instanceof Error || error instanceof DOMException ? error.name : "";
  if (name === "TimeoutError") return t("error.timeout");
  if (name === "AbortError") return t("error.aborted");
  // fetch rejects with a TypeError when no answer came (offline, refused, reset, blocked).
  if (name === "TypeError" && error instanceof TypeError && isNetworkFailure(error)) return t("error.network");
  if (name === "SyntaxError") return t("error.badAnswer");
  return t("error.unexpected");
}

/** Chromium says "Failed to fetch", Firefox "NetworkError when attempting to fetch resource.", Safari "Load failed". */
function isNetworkFailure(error: TypeError): boolean {
  return /fetch|network|load failed/i.test(error.message);
}
