/**
 * Shutting the monitor down without losing or cutting anything: readiness turns false first, the
 * scheduler and the alert evaluations stop and running pipeline runs are interrupted (each rolls back and is recorded
 * `interrupted`, or has already committed), HTTP keeps serving for `drainMs` so a load balancer
 * can move traffic away, then stops accepting connections while requests in flight finish, and the
 * database is checkpointed (the .wal file folded in and removed) and closed.
 */
import type { Server } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import type { Runner } from "../pipelines/framework/run-pipeline.ts";
import type { Scheduler } from "../pipelines/framework/scheduler.ts";
import type { Database } from "../store/database.ts";
import type { Readiness } from "../engine/operations/readiness.ts";
import type { Logger } from "../ground/logger.ts";

export interface CloseOptions {
  /** How long to keep serving with readiness false before the listener closes (default 0). */
  drainMs?: number;
  /** How long requests in flight may take after that before their connections are cut (default 10 s). */
  graceMs?: number;
}

export interface ClosingParts {
  server: Server;
  readiness: Readiness;
  scheduler: Scheduler | null;
  runner: Runner;
  /**
   * Work beside the runs (the alert evaluations and their webhook deliveries): halted at once with the
   * scheduler, so it never holds up the runs' stop, and drained before the checkpoint.
   */
  background?: { halt(): void; drain(): Promise<void> };
  /** Runs started outside the runner's control that must end first (the start-up runs). */
  pending: Promise<unknown>;
  db: Database;
  /** Closes what is left (the demo upstream, the database). */
  closeRest(): Promise<void>;
  logger: Logger;
}

/** Resolves once every connection has ended; cuts the ones still busy after `graceMs`. */
function closeServer(server: Server, graceMs: number, logger: Logger): Promise<void> {
  return new Promise((resolve) => {
    // Keep-alive connections that finish a request while closing become idle: close them as they do.
    const idle = setInterval(() => server.closeIdleConnections(), 100);
    const cut = setTimeout(() => {
      logger.warn(`requests still in flight after ${graceMs} ms: closing their connections`);
      server.closeAllConnections();
    }, graceMs);
    server.close(() => {
      clearInterval(idle);
      clearTimeout(cut);
      resolve();
    });
  });
}

export async function closeGracefully(parts: ClosingParts, { drainMs = 0, graceMs = 10_000 }: CloseOptions = {}): Promise<void> {
  parts.readiness.notReady("shutting down");
  const runsEnded = (async () => {
    parts.background?.halt();
    await Promise.all([parts.scheduler?.stop(), parts.runner.stop()]);
    await parts.pending.catch(() => undefined);
    await parts.background?.drain();
  })();
  if (drainMs > 0) await sleep(drainMs);
  await closeServer(parts.server, graceMs, parts.logger);
  await runsEnded;
  try {
    await parts.db.query("CHECKPOINT", [], { timeoutMs: 60_000 });
  } catch (error) {
    // E.g. a full disk: the WAL stays and is replayed at the next start, so nothing committed is lost.
    parts.logger.error(`checkpoint at shutdown failed, the .wal file is kept for the next start: ${error instanceof Error ? error.message : String(error)}`);
  }
  await parts.closeRest();
}
