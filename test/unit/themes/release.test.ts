import { describe, expect, it } from "vitest";
import { assessFreshness, releases } from "../../../src/engine/themes/release.ts";

describe("assessFreshness", () => {
  it("expects the next year's CBS figures in the third quarter after it", () => {
    const freshness = assessFreshness("2024", releases.cbsAnnual, new Date("2026-01-01T00:00:00Z"));
    expect(freshness).toMatchObject({ status: "current", latestPeriod: "2024", nextPeriod: "2025", nextExpected: "2026-10-01" });
    expect(freshness.label.en).toBe("Data to 2024; 2025 expected in Q3 2026.");
  });

  it("calls the data overdue once the next release date has passed", () => {
    const freshness = assessFreshness("2023", releases.cbsAnnual, new Date("2025-11-15T00:00:00Z"));
    expect(freshness.status).toBe("overdue");
    expect(freshness.label.nl).toContain("achterstallig");
  });

  it("steps five years for the noise maps, and knows nothing without data", () => {
    expect(assessFreshness("2022", releases.noiseMaps, new Date("2026-01-01T00:00:00Z"))).toMatchObject({ nextPeriod: "2027", nextExpected: "2029-07-01" });
    expect(assessFreshness(null, releases.continuous, new Date()).status).toBe("unknown");
  });
});
