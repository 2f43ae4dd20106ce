/**
 * Evaluates the alert rules and keeps meta.alerts in step: an alert opens when its condition starts
 * and resolves when it ends, and each of those is one webhook event. Evaluations are requested after
 * every finished pipeline run (a publish or a failure, see watch-runs.ts) and on a timer (staleness
 * grows with time alone); they run one at a time, and requests during one fold into one more run.
 * Nothing here can fail or delay a publish: a request returns at once and errors are logged.
 */
import type { Database } from "../../store/database.ts";
import { DataChanged } from "../../ground/domain-errors.ts";
import type { Logger } from "../../ground/logger.ts";
import type { PipelineService } from "../pipelines/pipeline-service.ts";
import type { IndicatorService } from "../themes/indicator-service.ts";
import { createAlertDeliveries } from "./alert-deliveries.ts";
import type { AlertCondition } from "./alert-condition.ts";
import type { AlertRules } from "./alert-rules.ts";
import { createAlertStore } from "./alert-store.ts";
import type { StateQuery } from "../../store/state/state-db.ts";
import { indicatorConditions } from "./indicator-conditions.ts";
import { failedConditions, readFailedRuns, readStaleDatasets, staleConditions } from "./pipeline-conditions.ts";
import { createDailyMeanReader, stationConditions } from "./station-conditions.ts";
import type { WebhookSettings } from "./webhook.ts";

export interface AlertMonitorDeps {
  db: Database;
  /** Where meta.alerts is kept (PostgreSQL with MM_STATE_URL); default: `db`. */
  state?: StateQuery;
  rules: AlertRules;
  indicators: IndicatorService;
  /** Judges each dataset's freshness (against the data clock) for pipeline-stale, as /readyz does. */
  pipelines: Pick<PipelineService, "freshness">;
  clock: () => Date;
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
  /** Evaluates every `intervalMs` until halted; a second call replaces the first timer. */
  startTimer(intervalMs: number): void;
  /**
   * Stops at once, without waiting: clears the timer, refuses new evaluations and deliveries, aborts
   * the evaluation in progress (its queries are interrupted, nothing more is written) and ends retries.
   */
  halt(): void;
  /** Resolves once what halt() cut short has ended; deliveries left pending are sent at the next start. */
  drain(): Promise<void>;
  /** halt(), then drain(). */
  stop(): Promise<void>;
}

const keyOf = (a: { rule: string; subject: string }) => `${a.rule}\u0000${a.subject}`;

/** `work`, or a rejection as soon as `signal` aborts (the work itself goes on, e.g. a shared cache fill). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason as Error);
    if (signal.aborted) return abort();
    signal.addEventListener("abort", abort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", abort));
  });
}

export function createAlertMonitor(deps: AlertMonitorDeps): AlertMonitor {
  const store = createAlertStore(deps.state ?? deps.db);
  const dailyMeans = createDailyMeanReader(deps.db);
  const halted = new AbortController();
  const { signal } = halted;
  const deliveries = deps.webhook ? createAlertDeliveries({ webhook: deps.webhook, store, logger: deps.logger, baseUrl: deps.baseUrl, signal }) : null;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;

  async function conditions(): Promise<AlertCondition[]> {
    const { rules } = deps.rules;
    const published = await deps.db.published.settled();
    const found: AlertCondition[] = [];
    const kinds = new Set(rules.map((r) => r.kind));
    // The indicators are computed into a cache shared with the API: not interrupted, only no longer awaited.
    const themes = kinds.has("indicator-off-track") ? await untilAborted(deps.indicators.themes({ audience: "aggregates", timeoutMs: 60_000 }), signal) : [];
    const means = kinds.has("station-24h") ? await dailyMeans(published, signal) : [];
    const failed = kinds.has("pipeline-failed") ? await readFailedRuns(deps.db, signal) : [];
    const stale = kinds.has("pipeline-stale") ? await readStaleDatasets(deps.pipelines, signal) : [];
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
      signal.throwIfAborted();
      // Stored whether or not a webhook is configured (`deliveries?.send(await …)` would skip the insert).
      const opened = await store.insert(condition, now, delivery);
      deliveries?.send(opened, "opened");
    }
    // What is still open no longer holds (or its rule was removed from the file): resolved.
    for (const alert of open.values()) {
      signal.throwIfAborted();
      const resolved = await store.resolve(alert.id, now, delivery);
      deliveries?.send(resolved, "resolved");
      if (!ruleIds.has(alert.rule)) deps.logger.info(`alert ${alert.id} resolved: its rule ${alert.rule} is no longer in the rules file`);
    }
  }

  function evaluate(): Promise<void> {
    if (signal.aborted) return Promise.resolve();
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
          // Halted at shutdown: what was cut short is evaluated again at the next start.
          if (signal.aborted) return;
          // A publish during the evaluation (e.g. the start-up runs one after another): evaluate again.
          if (error instanceof DataChanged) again = true;
          else deps.logger.error({ err: error }, `alert evaluation failed: ${describe(error)}`);
        }
      } while (again && !signal.aborted);
    })().finally(() => {
      running = null;
    });
    return running;
  }

  // Deliveries a previous process left unfinished go out again (once its rows are readable).
  const resumed = deliveries
    ? store
        .pendingDeliveries()
        .then((pending) => pending.forEach((a) => a.delivery.event && deliveries.send(a, a.delivery.event)))
        .catch((error: unknown) => deps.logger.error({ err: error }, `resuming alert deliveries failed: ${describe(error)}`))
    : Promise.resolve();

  function halt() {
    if (timer) clearInterval(timer);
    timer = null;
    halted.abort();
  }

  async function drain() {
    await resumed;
    await running;
    await deliveries?.settled();
  }

  return {
    request: () => void evaluate(),
    evaluate,
    async idle() {
      await resumed;
      while (running || deliveries?.busy()) {
        await running;
        await deliveries?.settled();
      }
    },
    startTimer(intervalMs) {
      if (signal.aborted) return;
      if (timer) clearInterval(timer);
      timer = setInterval(() => void evaluate(), intervalMs);
      timer.unref();
    },
    halt,
    drain,
    async stop() {
      halt();
      await drain();
    },
  };
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));
