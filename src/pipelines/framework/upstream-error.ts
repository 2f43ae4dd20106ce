/**
 * Why a request to an upstream API failed, as a catalogue message that names the URL and what
 * happened (refused, not found, TLS, an HTTP status, cut off after N bytes, no data for N s), so the
 * run's stored error says it in Dutch and English. URLs are redacted before they go into a message.
 */
import { msg, type Message } from "../../ground/i18n/message.ts";
import { PipelineError } from "./pipeline-error.ts";

export class UpstreamError extends PipelineError {
  /** `permanent`: trying again cannot help (a 404, HTML instead of JSON, a wait longer than allowed). */
  constructor(
    text: Message,
    readonly permanent: boolean,
    /** The HTTP status the server answered, when it answered. */
    readonly status?: number,
  ) {
    super(text);
  }
}

/** Query parameters whose values are secrets when an API takes its key in the URL (`?api_key=…`). */
const SECRET_PARAM = /(key|token|secret|password|passwd|pwd|signature|sig|auth|authorization|credentials?)$/i;

/**
 * The URL as it may be shown and stored: user and password (a mirror behind basic auth) and secret
 * query parameters replaced by `***`. Other URLs are returned exactly as requested.
 * @example redactUrl("https://u:p@mirror.example/api?page=2&api_key=abc") // "https://***@mirror.example/api?page=2&api_key=***"
 */
export function redactUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return raw;
  }
  let changed = false;
  if (url.username || url.password) {
    url.username = "***";
    url.password = "";
    changed = true;
  }
  for (const name of new Set(url.searchParams.keys())) {
    if (!SECRET_PARAM.test(name)) continue;
    url.searchParams.set(name, "***");
    changed = true;
  }
  return changed ? url.toString() : raw;
}

interface CodedError {
  code?: string;
  message?: string;
  cause?: unknown;
  errors?: unknown[];
}

/** The first error code along `cause` (and an AggregateError's `errors`, from trying several addresses). */
function codeOf(error: unknown): string | undefined {
  for (let e = error as CodedError | undefined, depth = 0; e && depth < 5; e = e.cause as CodedError | undefined, depth++) {
    if (typeof e.code === "string") return e.code;
    const inner = e.errors?.find((x) => typeof (x as CodedError).code === "string") as CodedError | undefined;
    if (inner?.code) return inner.code;
  }
  return undefined;
}

const TLS_CODE = /^(ERR_SSL_|ERR_TLS_|CERT_|DEPTH_ZERO_|SELF_SIGNED_|UNABLE_TO_(GET|VERIFY)_)/;

/**
 * A request that got no answer: the connection was refused, the host not found, TLS failed, or fetch
 * could not make the request at all. fetch itself only says "fetch failed"; the reason is its cause.
 */
export function requestFailure(error: unknown, url: string): UpstreamError {
  const safe = redactUrl(url);
  const cause = (error as CodedError).cause as CodedError | undefined;
  const detail = String(cause?.message || (error as CodedError).message || error)
    .split(url)
    .join(safe);
  const code = codeOf(error);
  if (code === "ECONNREFUSED") return new UpstreamError(msg("upstream.refused", { url: safe }), false);
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return new UpstreamError(msg("upstream.dns", { url: safe, host: hostOf(url), code }), false);
  // A certificate or protocol mismatch does not mend itself between attempts.
  if (code && TLS_CODE.test(code)) return new UpstreamError(msg("upstream.tls", { url: safe, detail: `${code}: ${detail.split("\n")[0]}` }), true);
  // Without a cause, fetch refused to make the request (an invalid URL, credentials in the URL).
  if (!cause) return new UpstreamError(msg("upstream.failed", { url: safe, detail }), true);
  return new UpstreamError(msg("upstream.failed", { url: safe, detail: code ? `${code}: ${detail}` : detail }), false);
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return "?";
  }
}
