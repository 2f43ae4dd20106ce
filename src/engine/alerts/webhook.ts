/**
 * Sends alert events to the webhook (MM_ALERT_WEBHOOK_URL): one JSON POST per event, signed with
 * `X-Milieumonitor-Signature: sha256=<hex HMAC-SHA256 of the body>` when MM_ALERT_WEBHOOK_SECRET is
 * set. Each attempt times out after 5 s; a failed one is retried after each of `retryDelaysMs`. It
 * never throws and is never awaited by an evaluation: the outcome is recorded on the alert.
 */
import { createHmac } from "node:crypto";
import type { AlertEvent } from "../../ground/contract/contract-alerts.ts";

export const SIGNATURE_HEADER = "x-milieumonitor-signature";
const TIMEOUT_MS = 5_000;
export const DEFAULT_RETRY_DELAYS_MS = [1_000, 5_000, 30_000];

export interface WebhookSettings {
  url: string;
  secret?: string | undefined;
  fetch?: typeof globalThis.fetch;
  retryDelaysMs?: number[];
}

export interface DeliveryOutcome {
  delivered: boolean;
  attempts: number;
  error: string | null;
  /** No retry follows (delivered, or the last retry failed). */
  final: boolean;
}

export const signatureOf = (body: string, secret: string) => `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

const wait = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });

/** Posts `event`; `onAttempt` is told after every attempt (to record it). Aborting stops the retries. */
export async function deliverEvent(
  settings: WebhookSettings,
  event: AlertEvent,
  signal: AbortSignal,
  onAttempt: (outcome: DeliveryOutcome) => Promise<void>,
): Promise<DeliveryOutcome> {
  const body = JSON.stringify(event);
  const headers: Record<string, string> = { "content-type": "application/json", "user-agent": "milieumonitor-alerts" };
  if (settings.secret) headers[SIGNATURE_HEADER] = signatureOf(body, settings.secret);
  const fetch = settings.fetch ?? globalThis.fetch;
  const delays = settings.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  let outcome: DeliveryOutcome = { delivered: false, attempts: 0, error: null, final: false };
  for (let attempt = 1; attempt <= delays.length + 1 && !signal.aborted; attempt++) {
    let error: string | null = null;
    try {
      const response = await fetch(settings.url, {
        method: "POST",
        headers,
        body,
        redirect: "error",
        signal: AbortSignal.any([signal, AbortSignal.timeout(TIMEOUT_MS)]),
      });
      await response.body?.cancel();
      if (!response.ok) error = `HTTP ${response.status}`;
    } catch (failure) {
      error = failure instanceof Error ? (failure.cause instanceof Error ? `${failure.message}: ${failure.cause.message}` : failure.message) : String(failure);
    }
    outcome = { delivered: error === null, attempts: attempt, error, final: error === null || attempt > delays.length };
    await onAttempt(outcome);
    if (outcome.delivered) break;
    if (attempt <= delays.length) await wait(delays[attempt - 1]!, signal);
  }
  return outcome;
}
