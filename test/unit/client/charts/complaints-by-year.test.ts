/** The years of the complaints chart (client/src/charts/complaints-by-year.ts). */
import { describe, expect, it, vi } from "vitest";

// i18n.ts sets the page's language when it loads: a page for it to set.
vi.hoisted(() => vi.stubGlobal("document", { documentElement: { lang: "" } }));

import { complaintYears } from "../../../../client/src/charts/complaints-by-year.ts";

describe("complaintYears", () => {
  it("lists every year from the first complaint to the last, so a quiet year shows as a gap", () => {
    const rows = [
      { year: 2024, kind: "noise", count: 3 },
      { year: 2020, kind: "odour", count: 1 },
      { year: 2024, kind: "dust", count: 2 },
      { year: 2022, kind: "noise", count: 1 },
    ] as const;
    expect(complaintYears([...rows])).toEqual([2020, 2021, 2022, 2023, 2024]);
  });

  it("is one year for complaints in one year, and none without complaints", () => {
    expect(complaintYears([{ year: 2025, kind: "light", count: 1 }])).toEqual([2025]);
    expect(complaintYears([])).toEqual([]);
  });
});
