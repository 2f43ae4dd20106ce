/**
 * GET a JSON document with a timeout, a size cap and retries with exponential backoff and jitter.
 * 4xx answers (other than 429) are permanent and fail at once; an HTML page where JSON was
 * expected fails instead of being parsed into nonsense.
 */
export type FetchJson = (url: string, options?: { signal?: AbortSignal }) => Promise<unknown>;

export interface FetchJsonOptions {
  fetch?: typeof globalThis.fetch;
  retries?: number;
  baseDelayMs?: number;
  timeoutMs?: number;
  maxBytes?: number;
  /** Waits between attempts; tests pass one that records the delays. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export class UpstreamError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

export function createFetchJson({
  fetch = globalThis.fetch,
  retries = 3,
  baseDelayMs = 500,
  timeoutMs = 30_000,
  maxBytes = 64 * 1024 * 1024,
  sleep = abortableSleep,
}: FetchJsonOptions = {}): FetchJson {
  return async (url, { signal } = {}) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await fetchOnce(url, signal, timeoutMs, maxBytes, fetch);
      } catch (error) {
        const permanent = error instanceof UpstreamError && error.permanent;
        if (permanent || attempt >= retries || signal?.aborted) throw error;
        const retryAfter = error instanceof RetryAfterError ? error.delayMs : 0;
        const backoff = baseDelayMs * 2 ** attempt * (0.5 + Math.random() / 2);
        await sleep(Math.max(retryAfter, backoff), signal);
      }
    }
  };
}

class RetryAfterError extends UpstreamError {
  constructor(
    message: string,
    readonly delayMs: number,
  ) {
    super(message, false);
  }
}

async function fetchOnce(
  url: string,
  signal: AbortSignal | undefined,
  timeoutMs: number,
  maxBytes: number,
  fetch: typeof globalThis.fetch,
): Promise<unknown> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const response = await fetch(url, {
    signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    headers: { accept: "application/json" },
  });
  if (response.status === 429 || response.status === 503) {
    await response.body?.cancel();
    const seconds = Number(response.headers.get("retry-after"));
    throw new RetryAfterError(`${url}: HTTP ${response.status}`, Number.isFinite(seconds) ? seconds * 1000 : 0);
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new UpstreamError(`${url}: HTTP ${response.status}`, response.status >= 400 && response.status < 500);
  }
  const type = response.headers.get("content-type") ?? "";
  if (!/json/i.test(type)) {
    await response.body?.cancel();
    throw new UpstreamError(`${url}: expected JSON, got content-type "${type}"`, true);
  }
  const length = Number(response.headers.get("content-length"));
  if (length > maxBytes) {
    await response.body?.cancel();
    throw new UpstreamError(`${url}: response of ${length} bytes exceeds the cap of ${maxBytes}`, true);
  }
  const text = await response.text();
  if (text.length > maxBytes) throw new UpstreamError(`${url}: response exceeds the cap of ${maxBytes} bytes`, true);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UpstreamError(`${url}: invalid JSON (${(error as Error).message})`, true);
  }
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
