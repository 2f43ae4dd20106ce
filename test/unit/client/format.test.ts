/**
 * Display formatting (client/src/format.ts): numbers in Dutch and English, Dutch local time whatever
 * the machine's zone, pollutant names, counts and durations. Instants are written with their offset,
 * so the expectations hold for any TZ; vitest.config.ts pins TZ=Europe/Amsterdam besides.
 */
import { afterEach, describe, expect, it, vi } from "vitest";

// i18n.ts sets the page's language when it loads: a page for it to set.
vi.hoisted(() => vi.stubGlobal("document", { documentElement: { lang: "" } }));

import {
  dutchDayKey,
  formatCount,
  formatDateTime,
  formatDay,
  formatDuration,
  formatFormula,
  formatNumber,
  formatStationType,
  periodYear,
} from "../../../client/src/format.ts";
import { setLang } from "../../../client/src/i18n.ts";

afterEach(() => setLang("nl"));

describe("formatNumber", () => {
  it("writes Dutch numbers with a decimal comma and thousands dots, English ones the other way round", () => {
    expect(formatNumber(1234.56, "nl")).toBe("1.234,6");
    expect(formatNumber(1234.56, "en")).toBe("1,234.6");
    expect(formatNumber(123_456_789.123, "nl")).toBe("123.456.789,1");
    expect(formatNumber(123_456_789.123, "en")).toBe("123,456,789.1");
  });

  it("groups four-digit numbers too", () => {
    expect(formatNumber(1000, "nl")).toBe("1.000");
    expect(formatNumber(9999, "en")).toBe("9,999");
  });

  it("rounds to one decimal by default, drops trailing zeros, and takes another number of digits", () => {
    expect(formatNumber(2.25, "nl")).toBe("2,3");
    expect(formatNumber(27.0, "nl")).toBe("27");
    expect(formatNumber(0.05, "en")).toBe("0.1");
    expect(formatNumber(1234.56, "nl", { digits: 0 })).toBe("1.235");
    expect(formatNumber(3.14159, "nl", { digits: 3 })).toBe("3,142");
  });

  it("writes zero and negative numbers", () => {
    expect(formatNumber(0, "nl")).toBe("0");
    expect(formatNumber(-3.25, "nl")).toBe("-3,3");
    expect(formatNumber(-1234.5, "en")).toBe("-1,234.5");
  });

  it("never writes a minus zero for a small negative value or -0", () => {
    expect(formatNumber(-0.04, "nl")).toBe("0");
    expect(formatNumber(-0, "en")).toBe("0");
    expect(formatNumber(-0.4, "nl", { digits: 0 })).toBe("0");
  });

  it("signs a change when asked, but not a zero change", () => {
    expect(formatNumber(1.26, "nl", { signed: true })).toBe("+1,3");
    expect(formatNumber(-1.26, "nl", { signed: true })).toBe("-1,3");
    expect(formatNumber(0, "nl", { signed: true })).toBe("0");
    expect(formatNumber(-0.04, "en", { signed: true })).toBe("0");
  });

  it("writes very large numbers in full, and NaN and infinity as Intl does", () => {
    expect(formatNumber(1e21, "nl")).toBe("1.000.000.000.000.000.000.000");
    expect(formatNumber(Number.NaN, "nl")).toBe("NaN");
    expect(formatNumber(Number.POSITIVE_INFINITY, "en")).toBe("∞");
    expect(formatNumber(Number.NEGATIVE_INFINITY, "nl")).toBe("-∞");
  });

  it("keeps a format per language and option set: an earlier call doesn't leak into a later one", () => {
    expect(formatNumber(1.234, "nl", { digits: 2 })).toBe("1,23");
    expect(formatNumber(1.234, "en", { digits: 2 })).toBe("1.23");
    expect(formatNumber(1.234, "nl")).toBe("1,2");
    expect(formatNumber(1.234, "nl", { digits: 2, signed: true })).toBe("+1,23");
  });
});

describe("formatDateTime", () => {
  it("answers a dash for a time it cannot read, instead of throwing", () => {
    expect(formatDateTime("not a time", "nl")).toBe("–");
    expect(formatDateTime(new Date(Number.NaN), "en")).toBe("–");
  });

  it("writes the instant in Dutch time, winter (UTC+1) and summer (UTC+2)", () => {
    expect(formatDateTime("2025-03-03T12:00:00Z", "nl")).toBe("3 mrt 2025, 13:00");
    expect(formatDateTime("2025-07-01T12:00:00Z", "en")).toBe("1 Jul 2025, 14:00");
    expect(formatDateTime(new Date("2025-12-31T23:30:00Z"), "nl")).toBe("1 jan 2026, 00:30");
  });

  it("follows the switch to summer time: 01:59 UTC on 30 March 2025 is 03:59 in Amsterdam", () => {
    expect(formatDateTime("2025-03-30T00:59:00Z", "nl")).toBe("30 mrt 2025, 01:59");
    expect(formatDateTime("2025-03-30T01:00:00Z", "nl")).toBe("30 mrt 2025, 03:00");
  });
});

describe("formatDay and dutchDayKey", () => {
  it("name the Dutch calendar day, which starts an hour (in summer two) before the UTC one", () => {
    const justAfterMidnight = new Date("2025-03-02T23:30:00Z");
    expect(formatDay(justAfterMidnight, "nl")).toBe("ma 3 mrt");
    expect(formatDay(justAfterMidnight, "en")).toBe("Mon 3 Mar");
    expect(dutchDayKey(justAfterMidnight)).toBe("2025-03-03");
    expect(dutchDayKey(new Date("2025-06-30T22:00:00Z"))).toBe("2025-07-01");
    expect(dutchDayKey(new Date("2025-06-30T21:59:59Z"))).toBe("2025-06-30");
  });
});

describe("formatFormula", () => {
  it("writes PM25 as PM2,5 in Dutch and PM2.5 in English, other formulas as given", () => {
    expect(formatFormula("PM25", "nl")).toBe("PM2,5");
    expect(formatFormula("PM25", "en")).toBe("PM2.5");
    expect(formatFormula("NO2", "nl")).toBe("NO2");
    expect(formatFormula("pm25", "nl")).toBe("pm25");
  });
});

describe("periodYear", () => {
  it("takes the leading year of a year, quarter or month period", () => {
    expect(periodYear("2025")).toBe(2025);
    expect(periodYear("2025-Q1")).toBe(2025);
    expect(periodYear("2024-03")).toBe(2024);
  });

  it("is NaN when the period doesn't start with four digits", () => {
    expect(periodYear("Q1-2025")).toBeNaN();
    expect(periodYear("202")).toBeNaN();
    expect(periodYear("")).toBeNaN();
  });
});

describe("formatStationType", () => {
  it("translates Luchtmeetnet's station types in the current language and shows an unknown type as given", () => {
    expect(formatStationType("traffic")).toBe("verkeer");
    expect(formatStationType("background")).toBe("achtergrond");
    expect(formatStationType("rural")).toBe("rural");
    setLang("en");
    expect(formatStationType("industrial")).toBe("industrial");
  });
});

describe("formatCount", () => {
  it("writes a whole count with thousands separators, and a dash for a count not known yet", () => {
    expect(formatCount(1_234_567, "nl")).toBe("1.234.567");
    expect(formatCount(1_234_567, "en")).toBe("1,234,567");
    expect(formatCount(0, "nl")).toBe("0");
    expect(formatCount(null, "nl")).toBe("–");
  });
});

describe("formatDuration", () => {
  const from = "2025-01-01T10:00:00Z";
  const after = (ms: number) => new Date(Date.parse(from) + ms).toISOString();

  it("gives tenths of a second below ten seconds, whole seconds below a minute", () => {
    expect(formatDuration(from, after(4_200), "nl")).toBe("4,2 s");
    expect(formatDuration(from, after(4_200), "en")).toBe("4.2 s");
    expect(formatDuration(from, after(12_600), "nl")).toBe("13 s");
  });

  it("gives minutes and seconds below an hour, hours and minutes above, in the current language", () => {
    expect(formatDuration(from, after(185_000), "nl")).toBe("3 min 5 s");
    expect(formatDuration(from, after(72 * 60_000), "nl")).toBe("1 u 12 min");
    setLang("en");
    expect(formatDuration(from, after(72 * 60_000), "en")).toBe("1 h 12 min");
    expect(formatDuration(from, after(26 * 3_600_000 + 5 * 60_000), "en")).toBe("26 h 5 min");
  });

  it("shows an end before the start as no time, and unreadable instants as a dash", () => {
    expect(formatDuration(from, after(-5_000), "nl")).toBe("0 s");
    expect(formatDuration(from, from, "nl")).toBe("0 s");
    expect(formatDuration("not a time", from, "nl")).toBe("–");
    expect(formatDuration(from, "", "nl")).toBe("–");
  });
});
