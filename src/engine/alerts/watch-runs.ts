/**
 * A runner that tells `onFinished` when each run has ended (published, failed or interrupted),
 * after its result is settled. `onFinished` must return at once (it only asks for work).
 */
import type { Runner } from "../../pipelines/framework/run-pipeline.ts";

export function watchRuns(runner: Runner, onFinished: () => void): Runner {
  const start: Runner["start"] = async (pipeline, trigger, startedBy) => {
    const started = await runner.start(pipeline, trigger, startedBy);
    // Registered before the caller can await `done`, so an evaluation is under way when it resumes.
    void started.done.then(onFinished, onFinished);
    return started;
  };
  return {
    start,
    run: async (pipeline, trigger, startedBy) => (await start(pipeline, trigger, startedBy)).done,
    isRunning: (name) => runner.isRunning(name),
    stop: () => runner.stop(),
  };
}
