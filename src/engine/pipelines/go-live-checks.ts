/**
 * The go-live check as the API runs it: in the background, one at a time, with its progress and the
 * results so far. Only the latest check is kept, in memory: it describes the sources at one moment
 * and is not worth a table.
 */
import type { GoLiveCheck } from "../../ground/contract/contract-go-live.ts";
import { Unavailable } from "../../ground/domain-errors.ts";
import { localize } from "../../ground/i18n/localize.ts";
import { msg } from "../../ground/i18n/message.ts";
import { runGoLiveCheck, type GoLiveCheckDeps } from "./go-live-check.ts";

export interface GoLiveChecks {
  /** Starts a check; while one runs, answers that one instead of starting a second beside it. */
  start(): GoLiveCheck;
  /** The latest check, running or done; null before the first. */
  latest(): GoLiveCheck | null;
  /** At shutdown: interrupts a running check (its scratch folder is removed) and refuses new ones. */
  stop(): Promise<void>;
}

const copy = (check: GoLiveCheck): GoLiveCheck => ({ ...check, progress: { ...check.progress }, results: [...check.results] });

export function createGoLiveChecks(deps: GoLiveCheckDeps): GoLiveChecks {
  let latest: GoLiveCheck | null = null;
  let running: { abort: AbortController; done: Promise<void> } | null = null;
  let stopped = false;
  const now = () => deps.clock().toISOString();

  return {
    start() {
      if (stopped) throw new Unavailable(msg("pipeline.shuttingDown"));
      if (running && latest) return copy(latest);
      const check: GoLiveCheck = {
        id: (latest?.id ?? 0) + 1,
        status: "running",
        startedAt: now(),
        finishedAt: null,
        progress: { done: 0, total: deps.pipelines.length, pipeline: null },
        results: [],
        error: null,
      };
      latest = check;
      const abort = new AbortController();
      const done = runGoLiveCheck(deps, {
        signal: abort.signal,
        onProgress: (progress) => (check.progress = progress),
        onResult: (result) => check.results.push(result),
      })
        .then((results) => {
          const failed = results.filter((r) => r.outcome === "failed").length;
          deps.logger.info(
            { goLiveCheck: check.id, pipelines: results.length, failed },
            `go-live check ${check.id}: ${results.length} of ${deps.pipelines.length} pipelines checked, ${failed} failed`,
          );
        })
        .catch((error: unknown) => {
          const detail = error instanceof Error ? error.message : String(error);
          check.error = localize(msg("goLive.failed", { detail }));
          deps.logger.error({ err: error, goLiveCheck: check.id }, `go-live check ${check.id} could not run: ${detail}`);
        })
        .finally(() => {
          check.status = "done";
          check.finishedAt = now();
          running = null;
        });
      running = { abort, done };
      return copy(check);
    },
    latest: () => (latest ? copy(latest) : null),
    async stop() {
      stopped = true;
      running?.abort.abort();
      await running?.done;
    },
  };
}
