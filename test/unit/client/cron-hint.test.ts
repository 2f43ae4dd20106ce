/**
 * The reading aid next to a pipeline's cron string (client/src/cron-hint.ts): the shapes our
 * pipelines use (every N minutes, hourly, daily, weekly) are paraphrased, in the current language;
 * anything else gets no hint rather than a wrong one. And the next run in words, in Dutch time.
 */
import { afterEach, describe, expect, it, vi } from "vitest";

// i18n.ts sets the page's language when it loads: a page for it to set.
vi.hoisted(() => vi.stubGlobal("document", { documentElement: { lang: "" } }));

import { cronHint, nextRunText } from "../../../client/src/cron-hint.ts";
import { pipelines } from "../../../src/pipelines/index.ts";
import { setLang } from "../../../client/src/i18n.ts";

afterEach(() => setLang("nl"));

describe("cronHint", () => {
  it("paraphrases every N minutes, hourly and daily schedules in Dutch", () => {
    expect(cronHint("*/15 * * * *")).toBe("elke 15 minuten");
    expect(cronHint("5 * * * *")).toBe("elk uur om :05");
    expect(cronHint("30 6 * * *")).toBe("dagelijks om 06:30 (Nederlandse tijd)");
    expect(cronHint("0 0 * * *")).toBe("dagelijks om 00:00 (Nederlandse tijd)");
    expect(cronHint("59 23 * * *")).toBe("dagelijks om 23:59 (Nederlandse tijd)");
  });

  it("paraphrases a weekly schedule on one day, Sunday as 0 or 7", () => {
    expect(cronHint("0 4 * * 1")).toBe("elke maandag om 04:00 (Nederlandse tijd)");
    expect(cronHint("35 4 * * 2")).toBe("elke dinsdag om 04:35 (Nederlandse tijd)");
    expect(cronHint("0 6 * * 0")).toBe("elke zondag om 06:00 (Nederlandse tijd)");
    expect(cronHint("0 6 * * 7")).toBe("elke zondag om 06:00 (Nederlandse tijd)");
    setLang("en");
    expect(cronHint("0 4 * * 1")).toBe("every Monday at 04:00 (Dutch time)");
  });

  it("paraphrases the schedule of every registered pipeline", () => {
    for (const pipeline of pipelines) expect(cronHint(pipeline.schedule), `${pipeline.name}: ${pipeline.schedule}`).not.toBeNull();
  });

  it("follows the current language", () => {
    setLang("en");
    expect(cronHint("*/10 * * * *")).toBe("every 10 minutes");
    expect(cronHint("45 * * * *")).toBe("every hour at :45");
    expect(cronHint("30 6 * * *")).toBe("daily at 06:30 (Dutch time)");
  });

  it("tolerates extra whitespace around and between the fields", () => {
    expect(cronHint("  7   3 * * *  ")).toBe("dagelijks om 03:07 (Nederlandse tijd)");
  });

  it("gives no hint for schedules it would have to guess at", () => {
    expect(cronHint("0 0 * * 1-5")).toBeNull(); // working days
    expect(cronHint("0 0 * * 8")).toBeNull(); // no such day
    expect(cronHint("0 * * * 1")).toBeNull(); // hourly on Mondays
    expect(cronHint("*/5 * * * 1")).toBeNull(); // every five minutes on Mondays
    expect(cronHint("0 6 1 * *")).toBeNull(); // monthly
    expect(cronHint("0 0 0 * * *")).toBeNull(); // node-cron's six fields, with seconds
    expect(cronHint("*/5 2 * * *")).toBeNull(); // every five minutes within one hour
    expect(cronHint("1,31 * * * *")).toBeNull(); // lists
    expect(cronHint("0 6-18 * * *")).toBeNull(); // ranges
    expect(cronHint("@daily")).toBeNull();
    expect(cronHint("")).toBeNull();
  });

  it("gives no hint for a minute or hour out of range", () => {
    expect(cronHint("60 * * * *")).toBeNull();
    expect(cronHint("0 24 * * *")).toBeNull();
    expect(cronHint("100 * * * *")).toBeNull();
  });
});

describe("nextRunText", () => {
  // 4 December 2026, 13:05 in Amsterdam (UTC+1).
  const now = new Date("2026-12-04T12:05:00Z");

  it("says today or tomorrow with the Dutch time, else the day", () => {
    expect(nextRunText("2026-12-04T13:20:00Z", now)).toBe("volgende run: vandaag 14:20");
    expect(nextRunText("2026-12-05T01:15:00Z", now)).toBe("volgende run: morgen 02:15");
    // Just before midnight UTC is already the next day in Amsterdam.
    expect(nextRunText("2026-12-04T23:30:00Z", now)).toBe("volgende run: morgen 00:30");
    expect(nextRunText("2026-12-07T03:00:00Z", now)).toMatch(/^volgende run: ma 7 dec\.? 04:00$/);
    setLang("en");
    expect(nextRunText("2026-12-04T13:20:00Z", now)).toBe("next run: today 14:20");
    expect(nextRunText("2026-12-07T03:00:00Z", now)).toMatch(/^next run: Mon 7 Dec,? 04:00$/);
  });

  it("gives nothing for a time it cannot read", () => {
    expect(nextRunText("soon", now)).toBeNull();
  });
});
