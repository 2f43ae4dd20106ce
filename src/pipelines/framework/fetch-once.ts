/**
 * One attempt at GETting a JSON document. Two clocks guard it: an idle timeout that fires when no
 * byte (and, before that, no answer) came for a while, and an overall cap for a body that trickles.
 * The body is read as a stream and counted, so a failure says how far it got: cut off after N of
 * M announced bytes, no data for N s after N bytes.
 */
import { decimal } from "../../ground/i18n/localize.ts";
import { msg } from "../../ground/i18n/message.ts";
import { redactUrl, requestFailure, UpstreamError } from "./upstream-error.ts";

export interface AttemptLimits {
  /** The whole attempt, from the request to the last byte. */
  timeoutMs: number;
  /** Waiting for the answer, and then between two chunks of the body. */
  idleTimeoutMs: number;
  maxBytes: number;
}

/** A 429 or 503: worth another attempt, after the wait the server asked for (`delayMs`), if any. */
export class RetryAfterError extends UpstreamError {
  constructor(
    text: ConstructorParameters<typeof UpstreamError>[0],
    override readonly status: number,
    readonly delayMs: number | null,
  ) {
    super(text, false, status);
  }
}

const seconds = (ms: number) => decimal(Math.round(ms) / 1000);

/** Retry-After in ms: delta-seconds or an HTTP-date (RFC 9110 §10.2.3); null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: Date): number | null {
  const text = value?.trim();
  if (!text) return null;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, date - now.getTime());
}

/** The idle and overall timers of one attempt, and what their firing means for the error. */
function watchTransfer(url: string, limits: AttemptLimits, runSignal: AbortSignal | undefined) {
  const idle = new AbortController();
  const overall = new AbortController();
  const idleTimer = setTimeout(() => idle.abort(), limits.idleTimeoutMs);
  const overallTimer = setTimeout(() => overall.abort(), limits.timeoutMs);
  const safe = redactUrl(url);
  return {
    signal: AbortSignal.any([idle.signal, overall.signal, ...(runSignal ? [runSignal] : [])]),
    /** Data came: the idle timeout starts again. */
    touch() {
      idleTimer.refresh();
    },
    stop() {
      clearTimeout(idleTimer);
      clearTimeout(overallTimer);
    },
    /** The error a fired timer stands for; `received` is null before the answer's headers came. A run that was stopped keeps its own error. */
    timedOut(received: number | null): UpstreamError | null {
      if (runSignal?.aborted) return null;
      if (idle.signal.aborted) {
        return new UpstreamError(
          received === null
            ? msg("upstream.noAnswer", { url: safe, seconds: seconds(limits.idleTimeoutMs) })
            : msg("upstream.stalled", { url: safe, seconds: seconds(limits.idleTimeoutMs), received }),
          false,
        );
      }
      if (overall.signal.aborted)
        return new UpstreamError(msg("upstream.timeout", { url: safe, seconds: seconds(limits.timeoutMs), received: received ?? 0 }), false);
      return null;
    },
  };
}

export async function fetchOnce(
  url: string,
  {
    signal,
    fetch,
    limits,
    now,
    headers = {},
    body = "json",
  }: {
    signal: AbortSignal | undefined;
    fetch: typeof globalThis.fetch;
    limits: AttemptLimits;
    now: () => Date;
    headers?: Record<string, string>;
    body?: "json" | "bytes";
  },
): Promise<unknown> {
  const safe = redactUrl(url);
  const watch = watchTransfer(url, limits, signal);
  try {
    let response: Response;
    try {
      response = await fetch(url, { signal: watch.signal, headers: { accept: body === "json" ? "application/json" : "*/*", ...headers } });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw watch.timedOut(null) ?? requestFailure(error, url);
    }
    watch.touch();
    if (response.status === 429 || response.status === 503) {
      await response.body?.cancel();
      const delayMs = parseRetryAfter(response.headers.get("retry-after"), now());
      const { status } = response;
      throw new RetryAfterError(
        delayMs === null
          ? msg("upstream.status", { url: safe, status })
          : msg("upstream.statusRetryAfter", { url: safe, status, seconds: Math.ceil(delayMs / 1000) }),
        status,
        delayMs,
      );
    }
    if (!response.ok) {
      await response.body?.cancel();
      const { status } = response;
      throw new UpstreamError(msg("upstream.status", { url: safe, status }), status >= 400 && status < 500, status);
    }
    if (body === "bytes") return await readBytes(response, url, limits.maxBytes, watch);
    const type = response.headers.get("content-type") ?? "";
    if (!/json/i.test(type)) {
      await response.body?.cancel();
      throw new UpstreamError(msg("upstream.notJson", { url: safe, type }), true);
    }
    const text = new TextDecoder().decode(await readBytes(response, url, limits.maxBytes, watch));
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new UpstreamError(msg("upstream.invalidJson", { url: safe, detail: (error as Error).message }), true);
    }
  } finally {
    watch.stop();
  }
}

async function readBytes(response: Response, url: string, maxBytes: number, watch: ReturnType<typeof watchTransfer>): Promise<Buffer> {
  const safe = redactUrl(url);
  const tooLarge = () => new UpstreamError(msg("upstream.tooLarge", { url: safe, max: maxBytes }), true);
  const header = response.headers.get("content-length");
  const announced = header === null ? null : Number(header);
  if (announced !== null && announced > maxBytes) {
    await response.body?.cancel();
    throw tooLarge();
  }
  // A decompressed body is longer than the announced (compressed) length: then only the count is told.
  const comparable = announced !== null && Number.isFinite(announced) && !response.headers.get("content-encoding");
  const chunks: Uint8Array[] = [];
  let received = 0;
  // A body-less answer (204) reads as empty, and then fails as invalid JSON.
  const reader = response.body?.getReader();
  try {
    while (reader) {
      const { done, value } = await reader.read();
      if (done) break;
      watch.touch();
      received += value.byteLength;
      if (received > maxBytes) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof UpstreamError) throw error;
    const timedOut = watch.timedOut(received);
    if (timedOut) throw timedOut;
    // Aborted but not by a timer: the run was stopped, and keeps its own error.
    if (watch.signal.aborted) throw error;
    // undici reports a connection closed mid-body as TypeError "terminated" (cause: "other side closed").
    if (error instanceof TypeError && error.message === "terminated") {
      throw new UpstreamError(
        comparable ? msg("upstream.truncated", { url: safe, received, announced: announced! }) : msg("upstream.cutOff", { url: safe, received }),
        false,
      );
    }
    throw new UpstreamError(msg("upstream.readFailed", { url: safe, received, detail: String((error as Error).message ?? error) }), false);
  }
  // The server closed the body cleanly but short of what it announced.
  if (comparable && received < announced!) throw new UpstreamError(msg("upstream.truncated", { url: safe, received, announced: announced! }), false);
  return Buffer.concat(chunks);
}
