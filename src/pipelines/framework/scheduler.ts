/**
 * node-cron is only the trigger: the lock, the run records and the data live in the database and the
 * runner. A tick that finds its pipeline still running is skipped and logged, never queued.
 */
import cron, { type ScheduledTask } from "node-cron";
import type { PipelineDefinition } from "./define-pipeline.ts";
import { PipelineBusyError, type Runner } from "./run-pipeline.ts";
import type { Logger } from "../../ground/logger.ts";
import { SCHEDULE_TIMEZONE } from "./cron-schedule.ts";

export interface Scheduler {
  stop(): Promise<void>;
}

export function schedulePipelines(pipelines: readonly PipelineDefinition[], runner: Runner, logger: Logger, timezone = SCHEDULE_TIMEZONE): Scheduler {
  const tasks: ScheduledTask[] = pipelines.map((pipeline) =>
    cron.schedule(
      pipeline.schedule,
      async () => {
        try {
          await runner.run(pipeline, "schedule");
        } catch (error) {
          if (error instanceof PipelineBusyError) logger.warn({ pipeline: pipeline.name }, `skipped scheduled run: ${error.message}`);
          else logger.error({ pipeline: pipeline.name, err: error }, `scheduled run of ${pipeline.name} could not start: ${(error as Error).message}`);
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
