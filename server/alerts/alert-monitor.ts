/**
 * Evaluates the alert rules and keeps meta.alerts in step: an alert opens when its condition starts
 * and resolves when it ends, and each of those is one webhook event. Evaluations are requested after
 * every finished pipeline run (a publish or a failure, see watch-runs.ts) and on a timer (staleness
 * grows with time alone); they run one at a time, and requests during one fold into one more run.
 * Nothing here can fail or delay a publish: a request returns at once and errors are logged.
 */
import type { AlertEvent } from "../api/contract-alerts.ts";
import type { Database } from "../db/database.ts";
import { DataChanged } from "../http/data-version.ts";
import type { Logger } from "../operations/logger.ts";
import type { IndicatorService } from "../themes/indicator-service.ts";
import type { AlertCondition } from "./alert-condition.ts";
import type { AlertRules } from "./alert-rules.ts";
import { createAlertStore, type AlertEventName, type StoredAlert } from "./alert-store.ts";
import { linkOf, targetOf } from "./alert-target.ts";
import { indicatorConditions } from "./indicator-conditions.ts";
import { createStalenessReader, failedConditions, readFailedRuns, staleConditions } from "./pipeline-conditions.ts";
import { createDailyMeanReader, stationConditions } from "./station-conditions.ts";
import { deliverEvent, type WebhookSettings } from "./webhook.ts";

export interface AlertMonitorDeps {
  db: Database;
  rules: AlertRules;
  indicators: IndicatorService;
  clock: () => Date;
  /** "Now" for data freshness (the demo is a snapshot with its own date). */
  dataClock: () => Date;
  logger: Logger;
  webhook: WebhookSettings | null;
  /** MM_URL, for absolute links in webhook events. */
  baseUrl?: string | undefined;
}

export interface AlertMonitor {
  /** Asks for an evaluation soon; never throws, never waits. */
  request(): void;
  /** Evaluates now (after one in progress) and resolves when done; errors are logged, not thrown. */
  evaluate(): Promise<void>;
  /** Resolves once no evaluation is running or asked for and every delivery has ended. */
  idle(): Promise<void>;
  /** Evaluates every `intervalMs` until stopped. */
  startTimer(intervalMs: number): void;
  /** Stops the timer, refuses new evaluations, ends retries and waits for what is in progress. */
  stop(): Promise<void>;
}

const keyOf = (a: { rule: string; subject: string }) => `${a.rule}\u0000${a.subject}`;

export function createAlertMonitor(deps: AlertMonitorDeps): AlertMonitor {
  const store = createAlertStore(deps.db);
  const dailyMeans = createDailyMeanReader(deps.db);
  const staleness = createStalenessReader(deps.db);
  const stopping = new AbortController();
  const deliveries = new Set<Promise<void>>();
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;

  async function conditions(): Promise<AlertCondition[]> {
    const { rules } = deps.rules;
    const published = await deps.db.published.settled();
    const found: AlertCondition[] = [];
    const kinds = new Set(rules.map((r) => r.kind));
    const themes = kinds.has("indicator-off-track") ? await deps.indicators.themes({ audience: "aggregates", timeoutMs: 60_000 }) : [];
    const means = kinds.has("station-24h") ? await dailyMeans(published) : [];
    const failed = kinds.has("pipeline-failed") ? await readFailedRuns(deps.db) : [];
    const stale = kinds.has("pipeline-stale") ? await staleness(published, deps.dataClock()) : [];
    for (const rule of rules) {
      if (rule.kind === "indicator-off-track") found.push(...indicatorConditions(rule, themes));
      else if (rule.kind === "station-24h") found.push(...stationConditions(rule, means));
      else if (rule.kind === "pipeline-failed") found.push(...failedConditions(rule, failed));
      else found.push(...staleConditions(rule, stale));
    }
    return found;
  }

  async function once(): Promise<void> {
    // Resumed deliveries are read first, so an alert opened now is never sent twice.
    await resumed;
    const now = deps.clock();
    const found = await conditions();
    const open = new Map((await store.open()).map((a) => [keyOf(a), a]));
    const delivery = deps.webhook ? "pending" : "none";
    const ruleIds = new Set(deps.rules.rules.map((r) => r.id));
    for (const condition of found) {
      if (open.delete(keyOf(condition))) continue;
      send(await store.insert(condition, now, delivery), "opened");
    }
    // What is still open no longer holds (or its rule was removed from the file): resolved.
    for (const alert of open.values()) {
      send(await store.resolve(alert.id, now, delivery), "resolved");
      if (!ruleIds.has(alert.rule)) deps.logger.info(`alert ${alert.id} resolved: its rule ${alert.rule} is no longer in the rules file`);
    }
  }

  function send(alert: StoredAlert, event: AlertEventName) {
    if (!deps.webhook || stopping.signal.aborted) return;
    const body: AlertEvent = {
      event,
      alert: { id: alert.id, rule: alert.rule, kind: alert.kind, subject: alert.subject, target: targetOf(alert), message: alert.message, openedAt: alert.openedAt, resolvedAt: alert.resolvedAt, link: linkOf(alert, deps.baseUrl), details: alert.details },
    };
    const record = async (o: { delivered: boolean; attempts: number; error: string | null; final: boolean }) => {
      const status = o.delivered ? "delivered" : o.final ? "failed" : "pending";
      await store.recordDelivery(alert.id, event, status, o.attempts, o.error).catch((error: unknown) => deps.logger.error({ err: error }, `alert ${alert.id}: recording its delivery failed: ${describe(error)}`));
      if (status === "failed") deps.logger.warn({ alert: alert.id, event, attempts: o.attempts }, `alert ${alert.id} (${event}) could not be delivered to the webhook after ${o.attempts} attempts: ${o.error}`);
    };
    const delivery = deliverEvent(deps.webhook, body, stopping.signal, record)
      .then(() => undefined)
      .catch((error: unknown) => deps.logger.error({ err: error }, `alert ${alert.id}: webhook delivery failed: ${describe(error)}`))
      .finally(() => deliveries.delete(delivery));
    deliveries.add(delivery);
  }

  function evaluate(): Promise<void> {
    if (stopping.signal.aborted) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await once();
        } catch (error) {
          // A publish during the evaluation (e.g. the start-up runs one after another): evaluate again.
          if (error instanceof DataChanged) again = true;
          else deps.logger.error({ err: error }, `alert evaluation failed: ${describe(error)}`);
        }
      } while (again && !stopping.signal.aborted);
    })().finally(() => {
      running = null;
    });
    return running;
  }

  // Deliveries a previous process left unfinished go out again (once its rows are readable).
  const resumed = deps.webhook
    ? store
        .pendingDeliveries()
        .then((pending) => pending.forEach((a) => a.delivery.event && send(a, a.delivery.event)))
        .catch((error: unknown) => deps.logger.error({ err: error }, `resuming alert deliveries failed: ${describe(error)}`))
    : Promise.resolve();

  return {
    request: () => void evaluate(),
    evaluate,
    async idle() {
      await resumed;
      while (running || deliveries.size) {
        await running;
        await Promise.all(deliveries);
      }
    },
    startTimer(intervalMs) {
      timer = setInterval(() => void evaluate(), intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      stopping.abort();
      await resumed;
      await running;
      await Promise.all(deliveries);
    },
  };
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));
