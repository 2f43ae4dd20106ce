/**
 * When a pipeline's cron schedule fires, in the scheduler's time zone (scheduler.ts runs node-cron
 * in Dutch time): the next run shown to the analyst, and the runs a publish-based freshness
 * judgement expects. node-cron itself only tells the next run from the real clock, so the times are
 * computed with cron-parser, which takes any "after" and keeps to the zone across DST changes.
 */
import { CronExpressionParser } from "cron-parser";
import { MUNICIPAL_TIME_ZONE } from "../../ground/local-day.ts";

/** The zone the scheduler runs the pipelines in (schedulePipelines' default): the municipality's. */
export const SCHEDULE_TIMEZONE = MUNICIPAL_TIME_ZONE;

/** The first `count` times `schedule` fires strictly after `after`. */
export function nextRuns(schedule: string, after: Date, count = 1, timezone = SCHEDULE_TIMEZONE): Date[] {
  const expression = CronExpressionParser.parse(schedule, { currentDate: after, tz: timezone });
  return Array.from({ length: count }, () => expression.next().toDate());
}

/** The next time `schedule` fires after `after`, as ISO 8601 UTC. */
export const nextRunAt = (schedule: string, after: Date): string => nextRuns(schedule, after)[0]!.toISOString();
