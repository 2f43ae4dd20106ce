/**
 * node-cron is only the trigger: the lock, the run records and the data live in the database and the
 * runner. A tick that finds its pipeline still running is skipped and logged, never queued.
 */
import cron, { type ScheduledTask } from "node-cron";
import type { PipelineDefinition } from "./define-pipeline.ts";
import { PipelineBusyError, type Runner } from "./run-pipeline.ts";

export interface Scheduler {
  stop(): Promise<void>;
}

export function schedulePipelines(
  pipelines: readonly PipelineDefinition[],
  runner: Runner,
  log: (message: string) => void,
  timezone = "Europe/Amsterdam",
): Scheduler {
  const tasks: ScheduledTask[] = pipelines.map((pipeline) =>
    cron.schedule(
      pipeline.schedule,
      async () => {
        try {
          await runner.run(pipeline, "schedule");
        } catch (error) {
          if (error instanceof PipelineBusyError) log(`skipped scheduled run: ${error.message}`);
          else log(`scheduled run of ${pipeline.name} could not start: ${(error as Error).message}`);
        }
      },
      { timezone, name: pipeline.name, noOverlap: true },
    ),
  );
  return {
    async stop() {
      await Promise.all(tasks.map((task) => task.stop()));
    },
  };
}
