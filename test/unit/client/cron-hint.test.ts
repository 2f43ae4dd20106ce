/**
 * The reading aid next to a pipeline's cron string (client/src/cron-hint.ts): the three shapes our
 * pipelines use are paraphrased, in the current language; anything else gets no hint rather than a
 * wrong one.
 */
import { afterEach, describe, expect, it, vi } from "vitest";

// i18n.ts sets the page's language when it loads: a page for it to set.
vi.hoisted(() => vi.stubGlobal("document", { documentElement: { lang: "" } }));

import { cronHint } from "../../../client/src/cron-hint.ts";
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
    expect(cronHint("0 0 * * 1")).toBeNull(); // weekly
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
