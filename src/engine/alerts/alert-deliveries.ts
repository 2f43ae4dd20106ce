/**
 * The webhook deliveries of alert events, chained per alert: an alert's `resolved` event is sent only
 * once its `opened` event was delivered or given up (after its retries), so a receiver gets the events
 * of one alert in order even while the first is still being retried. The events of different alerts do
 * not wait for each other. Each outcome is recorded on the alert.
 */
import type { AlertEvent } from "../../ground/contract/contract-alerts.ts";
import type { Logger } from "../../ground/logger.ts";
import type { AlertEventName, AlertStore, StoredAlert } from "./alert-store.ts";
import { linkOf, targetOf } from "./alert-target.ts";
import { deliverEvent, type DeliveryOutcome, type WebhookSettings } from "./webhook.ts";

export interface AlertDeliveryDeps {
  webhook: WebhookSettings;
  store: Pick<AlertStore, "recordDelivery">;
  logger: Logger;
  baseUrl?: string | undefined;
  /** Aborted at shutdown: no new delivery starts and retries end (what is left is resumed at the next start). */
  signal: AbortSignal;
}

export interface AlertDeliveries {
  /** Queues the event behind the alert's earlier ones; returns at once. */
  send(alert: StoredAlert, event: AlertEventName): void;
  /** Whether a delivery is queued or under way. */
  busy(): boolean;
  /** Resolves once no delivery is queued or under way. */
  settled(): Promise<void>;
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function createAlertDeliveries(deps: AlertDeliveryDeps): AlertDeliveries {
  const chains = new Map<number, Promise<void>>();

  async function deliver(alert: StoredAlert, event: AlertEventName): Promise<void> {
    const body: AlertEvent = {
      event,
      alert: {
        id: alert.id,
        rule: alert.rule,
        kind: alert.kind,
        subject: alert.subject,
        target: targetOf(alert),
        message: alert.message,
        openedAt: alert.openedAt,
        resolvedAt: alert.resolvedAt,
        link: linkOf(alert, deps.baseUrl),
        details: alert.details,
      },
    };
    const record = async (o: DeliveryOutcome) => {
      const status = o.delivered ? "delivered" : o.final ? "failed" : "pending";
      await deps.store
        .recordDelivery(alert.id, event, status, o.attempts, o.error)
        .catch((error: unknown) => deps.logger.error({ err: error }, `alert ${alert.id}: recording its delivery failed: ${describe(error)}`));
      if (status === "failed")
        deps.logger.warn(
          { alert: alert.id, event, attempts: o.attempts },
          `alert ${alert.id} (${event}) could not be delivered to the webhook after ${o.attempts} attempts: ${o.error}`,
        );
    };
    try {
      await deliverEvent(deps.webhook, body, deps.signal, record);
    } catch (error) {
      deps.logger.error({ err: error }, `alert ${alert.id}: webhook delivery failed: ${describe(error)}`);
    }
  }

  return {
    send(alert, event) {
      if (deps.signal.aborted) return;
      const previous = chains.get(alert.id) ?? Promise.resolve();
      const delivery: Promise<void> = previous
        .then(() => deliver(alert, event))
        .finally(() => {
          if (chains.get(alert.id) === delivery) chains.delete(alert.id);
        });
      chains.set(alert.id, delivery);
    },
    busy: () => chains.size > 0,
    async settled() {
      while (chains.size) await Promise.all(chains.values());
    },
  };
}
