/**
 * A short reading aid next to a pipeline's cron string, for the shapes our pipelines use (every N
 * minutes, hourly, daily, weekly on one day), and the next run the server computed. Anything else
 * gets no hint: the cron string itself is always shown, and a wrong paraphrase would be worse than
 * none. The scheduler runs in Dutch time, hence the daily and weekly wording.
 */
import { timeZone } from "./format.ts";
import { lang, t, type Lang } from "./i18n.ts";

const number = /^\d{1,2}$/;

type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** node-cron's day of week: 0–7, with 0 and 7 both Sunday. */
function weekday(field: string): Weekday | null {
  if (!/^\d$/.test(field) || Number(field) > 7) return null;
  return (Number(field) % 7) as Weekday;
}

export function cronHint(schedule: string): string | null {
  const fields = schedule.trim().split(/\s+/);
  // Six fields means node-cron's optional seconds; those schedules are not paraphrased.
  if (fields.length !== 5) return null;
  const [minute = "", hour = "", day, month, dayOfWeek = ""] = fields;
  if (day !== "*" || month !== "*") return null;
  const weekly = dayOfWeek === "*" ? null : weekday(dayOfWeek);
  if (dayOfWeek !== "*" && weekly === null) return null;
  const every = /^\*\/(\d{1,2})$/.exec(minute);
  if (every && hour === "*" && weekly === null) return t("cron.everyMinutes", { n: Number(every[1]) });
  if (!number.test(minute) || Number(minute) > 59) return null;
  const mm = minute.padStart(2, "0");
  if (hour === "*") return weekly === null ? t("cron.hourly", { minute: mm }) : null;
  if (!number.test(hour) || Number(hour) > 23) return null;
  const time = `${hour.padStart(2, "0")}:${mm}`;
  if (weekly !== null) return t("cron.weekly", { day: t(`cron.weekday.${weekly}`), time });
  return t("cron.daily", { time });
}

const locales: Record<Lang, string> = { nl: "nl-NL", en: "en-GB" };
const dayOf = new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", timeZone });

/**
 * The next run in words, in Dutch time: "volgende run: vandaag 14:20", "morgen 04:00", else the day
 * ("ma 7 dec 04:00"). `now` is the browser's clock; null for a time that cannot be read.
 */
export function nextRunText(nextRunAt: string, now: Date = new Date()): string | null {
  const next = new Date(nextRunAt);
  if (Number.isNaN(next.getTime())) return null;
  const language = lang();
  const time = new Intl.DateTimeFormat(locales[language], { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone }).format(next);
  const today = dayOf.format(now);
  // The calendar day after today's, whatever the hours of a day with a clock change.
  const tomorrow = new Date(Date.parse(`${today}T12:00:00Z`) + 24 * 3_600_000).toISOString().slice(0, 10);
  const when =
    dayOf.format(next) === today
      ? t("cron.today", { time })
      : dayOf.format(next) === tomorrow
        ? t("cron.tomorrow", { time })
        : `${new Intl.DateTimeFormat(locales[language], { weekday: "short", day: "numeric", month: "short", timeZone }).format(next)} ${time}`;
  return t("cron.nextRun", { when });
}
