/**
 * Days as the municipality counts them: a date such as 2026-03-29 starts at local midnight in
 * Europe/Amsterdam, which is 23:00 or 22:00 UTC the day before depending on summer time.
 */
export const MUNICIPAL_TIME_ZONE = "Europe/Amsterdam";

/** How far the zone's wall clock is ahead of UTC at `instant`, in milliseconds. */
function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(part("year"), part("month") - 1, part("day"), part("hour"), part("minute"), part("second"));
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a day (YYYY-MM-DD) starts in `timeZone`; `addDays` moves the day first (1: the start of the next day).
 * @example startOfLocalDay("2026-07-01") // 2026-06-30T22:00:00.000Z
 */
export function startOfLocalDay(day: string, addDays = 0, timeZone = MUNICIPAL_TIME_ZONE): Date {
  const midnightUtc = Date.parse(`${day}T00:00:00Z`) + addDays * 86_400_000;
  // Twice: the offset at the guess may differ from the offset at the answer across a change of summer time.
  const first = midnightUtc - zoneOffsetMs(midnightUtc, timeZone);
  return new Date(midnightUtc - zoneOffsetMs(first, timeZone));
}
