/**
 * The dossiers' formatting (client/src/dossier-format.ts): distances, register dates (calendar days
 * without a zone, which must not shift with the machine's zone) and percentages.
 */
import { describe, expect, it, vi } from "vitest";

// i18n.ts sets the page's language when it loads: a page for it to set.
vi.hoisted(() => vi.stubGlobal("document", { documentElement: { lang: "" } }));

import { dateOf, formatDate, formatDistance, formatPercent } from "../../../client/src/dossier-format.ts";

describe("formatDistance", () => {
  it("writes whole metres below a kilometre and kilometres with one decimal above", () => {
    expect(formatDistance(0, "nl")).toBe("0 m");
    expect(formatDistance(350.4, "nl")).toBe("350 m");
    expect(formatDistance(1000, "nl")).toBe("1 km");
    expect(formatDistance(1250, "nl")).toBe("1,3 km");
    expect(formatDistance(1250, "en")).toBe("1.3 km");
    expect(formatDistance(12_345, "nl")).toBe("12,3 km");
  });

  it("decides between metres and kilometres on the rounded metres", () => {
    expect(formatDistance(999.4, "nl")).toBe("999 m");
    expect(formatDistance(999.6, "nl")).toBe("1 km");
  });
});

describe("formatDate", () => {
  it("writes a register date as day, short month and year", () => {
    expect(formatDate("2024-03-05", "nl")).toBe("5 mrt 2024");
    expect(formatDate("2024-03-05", "en")).toBe("5 Mar 2024");
    expect(formatDate("2024-12-31", "nl")).toBe("31 dec 2024");
  });

  it("reads only the calendar day of a timestamp, so late evening doesn't become the next day", () => {
    expect(formatDate("2024-03-05T23:30:00+01:00", "nl")).toBe("5 mrt 2024");
    expect(formatDate("2024-03-05T00:30:00Z", "nl")).toBe("5 mrt 2024");
  });

  it("shows text that isn't a date as given", () => {
    expect(formatDate("onbekend", "nl")).toBe("onbekend");
    expect(formatDate("", "en")).toBe("");
  });
});

describe("dateOf", () => {
  it("is midnight UTC of the register date, for a chart's time axis", () => {
    expect(dateOf("2024-03-05").toISOString()).toBe("2024-03-05T00:00:00.000Z");
    expect(dateOf("2024-03-05T23:30:00+01:00").toISOString()).toBe("2024-03-05T00:00:00.000Z");
  });
});

describe("formatPercent", () => {
  it("writes a share of one as a percentage with at most one decimal", () => {
    expect(formatPercent(0.123, "nl")).toBe("12,3%");
    expect(formatPercent(0.5, "en")).toBe("50%");
    expect(formatPercent(1, "nl")).toBe("100%");
    expect(formatPercent(0, "nl")).toBe("0%");
    expect(formatPercent(0.0004, "en")).toBe("0%");
  });
});
