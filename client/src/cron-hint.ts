/**
 * A short reading aid next to a pipeline's cron string, for the shapes our pipelines use (every N
 * minutes, hourly, daily). Anything else gets no hint: the cron string itself is always shown, and a
 * wrong paraphrase would be worse than none. The scheduler runs in Dutch time, hence the daily wording.
 */
import { t } from "./i18n.ts";

const number = /^\d{1,2}$/;

export function cronHint(schedule: string): string | null {
  const fields = schedule.trim().split(/\s+/);
  // Six fields means node-cron's optional seconds; those schedules are not paraphrased.
  if (fields.length !== 5) return null;
  const [minute = "", hour = "", day, month, weekday] = fields;
  if (day !== "*" || month !== "*" || weekday !== "*") return null;
  const every = /^\*\/(\d{1,2})$/.exec(minute);
  if (every && hour === "*") return t("cron.everyMinutes", { n: Number(every[1]) });
  if (!number.test(minute) || Number(minute) > 59) return null;
  const mm = minute.padStart(2, "0");
  if (hour === "*") return t("cron.hourly", { minute: mm });
  if (!number.test(hour) || Number(hour) > 23) return null;
  return t("cron.daily", { time: `${hour.padStart(2, "0")}:${mm}` });
}
