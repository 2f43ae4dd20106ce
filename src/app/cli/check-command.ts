/**
 * `npm run pipelines -- check [name…]`: the go-live check on the configured sources. It does not open
 * the monitor's database (which the server may hold, or which may not exist yet): every run goes
 * into a scratch database that is removed afterwards. Prints each pipeline's block as it finishes.
 */
import { withPrerequisites } from "../../engine/pipelines/check-prerequisites.ts";
import { runGoLiveCheck, type CheckProgress } from "../../engine/pipelines/go-live-check.ts";
import { lineLogger } from "../../ground/logger.ts";
import { pipelines } from "../../pipelines/index.ts";
import type { Config } from "../config.ts";
import { goLiveCheckDeps, openSources } from "../start-monitor.ts";
import { formatCheckSummary, formatPipelineCheck } from "./format-check.ts";

/** Progress on stderr: rewritten in place on a terminal, a line per pipeline in a log. */
function showProgress({ done, total, pipeline }: CheckProgress): void {
  if (!pipeline) return;
  const text = `checking ${done + 1} of ${total}: ${pipeline} …`;
  process.stderr.write(process.stderr.isTTY ? `\r\x1b[K${text}` : `${text}\n`);
}
const clearProgress = () => process.stderr.isTTY && process.stderr.write("\r\x1b[K");

/** Resolves with the exit status: 1 when a pipeline failed (or the check was interrupted), else 0. */
export async function checkCommand(config: Config, names: string[], log: (line: string) => void): Promise<number> {
  const clock = () => new Date();
  const logger = lineLogger(log);
  const selection = names.length ? withPrerequisites(names) : [...pipelines];
  const added = selection.filter((p) => !names.includes(p.name)).map((p) => p.name);
  if (names.length && added.length) console.info(`also checking ${added.join(", ")}: ${names.join(", ")} read${names.length === 1 ? "s" : ""} from them\n`);
  const sources = await openSources({ config, clock, logger });
  const abort = new AbortController();
  const interrupt = () => abort.abort();
  process.once("SIGINT", interrupt);
  try {
    const results = await runGoLiveCheck(goLiveCheckDeps(sources, { clock, logger }, selection), {
      signal: abort.signal,
      onProgress: showProgress,
      onResult: (result) => {
        clearProgress();
        console.info(`${formatPipelineCheck(result)}\n`);
      },
    });
    clearProgress();
    console.info(formatCheckSummary(results));
    if (abort.signal.aborted) {
      console.error("interrupted: the pipelines after the last one shown were not checked");
      return 1;
    }
    return results.some((r) => r.outcome === "failed") ? 1 : 0;
  } finally {
    process.off("SIGINT", interrupt);
    await sources.close();
  }
}
