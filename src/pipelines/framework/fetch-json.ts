/**
 * GET a JSON document with timeouts, a size cap and retries with exponential backoff and jitter.
 * 4xx answers (other than 429) are permanent and fail at once; an HTML page where JSON was
 * expected fails instead of being parsed into nonsense. Every failure names the URL and what
 * happened (fetch-once.ts, upstream-error.ts).
 *
 * The waits between attempts (backoff, Retry-After) of one pipeline run share one budget: a server
 * asking for a longer wait than the run has left fails the run at once, rather than holding the
 * pipeline's lock for as long as the server likes (`Retry-After: 86400`).
 */
import { decimal } from "../../ground/i18n/localize.ts";
import { msg } from "../../ground/i18n/message.ts";
import { fetchOnce, RetryAfterError } from "./fetch-once.ts";
import { redactUrl, UpstreamError } from "./upstream-error.ts";

export { UpstreamError };

/** The waiting one run has done between attempts so far, across all its requests. */
export interface WaitBudget {
  waitedMs: number;
}

export interface FetchOptions {
  signal?: AbortSignal | undefined;
  /** Without a `budget`, each call has one of its own. */
  budget?: WaitBudget;
  /** Request headers besides Accept, e.g. an API key (`apikey`); never logged. */
  headers?: Record<string, string>;
  /**
   * "json" (default): the body parsed, an answer that is not JSON fails. "bytes": the body as a
   * Buffer whatever its type (CSV files, latin-1 text), under the same timeouts, size cap and retries.
   */
  body?: "json" | "bytes";
}

/** GETs a document: parsed JSON, or a Buffer with `body: "bytes"`. */
export type FetchJson = (url: string, options?: FetchOptions) => Promise<unknown>;

export interface FetchJsonOptions {
  fetch?: typeof globalThis.fetch;
  retries?: number;
  baseDelayMs?: number;
  /** One attempt, from the request to the body's last byte: a cap for a body that trickles. */
  timeoutMs?: number;
  /** No answer, or no byte of the body, for this long fails the attempt (MM_UPSTREAM_IDLE_SECONDS). */
  idleTimeoutMs?: number;
  maxBytes?: number;
  /** The most one budget (one run) waits between attempts in all (MM_UPSTREAM_MAX_WAIT_MINUTES). */
  maxWaitMs?: number;
  /** Waits between attempts; tests pass one that records the delays. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** "Now" for a Retry-After given as an HTTP date. */
  clock?: () => Date;
}

export function createFetchJson({
  fetch = globalThis.fetch,
  retries = 3,
  baseDelayMs = 500,
  timeoutMs = 120_000,
  idleTimeoutMs = 30_000,
  maxBytes = 64 * 1024 * 1024,
  maxWaitMs = 5 * 60_000,
  sleep = abortableSleep,
  clock = () => new Date(),
}: FetchJsonOptions = {}): FetchJson {
  const limits = { timeoutMs, idleTimeoutMs, maxBytes };
  return async (url, { signal, budget = { waitedMs: 0 }, headers = {}, body = "json" } = {}) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await fetchOnce(url, { signal, fetch, limits, now: clock, headers, body });
      } catch (error) {
        if (!(error instanceof UpstreamError) || signal?.aborted) throw error;
        if (error.permanent || attempt > retries) throw afterAttempts(error, attempt);
        const asked = error instanceof RetryAfterError ? error.delayMs : null;
        const backoff = baseDelayMs * 2 ** (attempt - 1) * (0.5 + Math.random() / 2);
        const wait = Math.max(asked ?? 0, backoff);
        const left = Math.max(0, maxWaitMs - budget.waitedMs);
        if (wait > left) {
          const minutes = decimal(Math.round(maxWaitMs / 600) / 100);
          if (asked !== null && asked >= backoff && error instanceof RetryAfterError) {
            const params = { url: redactUrl(url), status: error.status, asked: Math.ceil(asked / 1000), left: Math.floor(left / 1000), budget: minutes };
            throw new UpstreamError(msg("upstream.waitTooLong", params), true);
          }
          throw new UpstreamError(msg("upstream.waitBudgetSpent", { reason: error.text, attempt, budget: minutes }), false);
        }
        budget.waitedMs += wait;
        await sleep(wait, signal);
      }
    }
  };
}

/** The last attempt's error, saying how many were made when there was more than one. */
function afterAttempts(error: UpstreamError, attempts: number): UpstreamError {
  return attempts > 1 ? new UpstreamError(msg("upstream.gaveUp", { reason: error.text, attempts }), error.permanent, error.status) : error;
}

/** A GET that may find nothing: null on 404 (or 410), the body otherwise; other failures throw. */
export async function fetchIfPresent(fetchJson: FetchJson, url: string, options?: FetchOptions): Promise<unknown> {
  try {
    return await fetchJson(url, options);
  } catch (error) {
    if (error instanceof UpstreamError && (error.status === 404 || error.status === 410)) return null;
    throw error;
  }
}

/**
 * A FetchJson whose requests share one wait budget: the runner makes one per pipeline run, so all of
 * a run's requests together wait at most `maxWaitMs`.
 */
export function withWaitBudget(fetchJson: FetchJson): FetchJson {
  const budget: WaitBudget = { waitedMs: 0 };
  return (url, options) => fetchJson(url, { budget, ...options });
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}
