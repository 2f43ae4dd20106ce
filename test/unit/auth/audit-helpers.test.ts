/**
 * The small parts of the audit log: days in Amsterdam, a LIKE pattern that takes % and _ literally,
 * a refusal's subject that names the record asked for but no personal value, and a CSV cell that a
 * spreadsheet will not run.
 */
import { describe, expect, it } from "vitest";
import { startOfLocalDay } from "../../../src/ground/local-day.ts";
import { containsPattern } from "../../../src/ground/like-pattern.ts";
import { deniedSubject } from "../../../src/web/http/denied-subject.ts";
import { inertCell } from "../../../src/web/api/csv-formula.ts";

describe("startOfLocalDay", () => {
  it("starts a day at midnight in Amsterdam, in winter and summer time and across the change", () => {
    expect(startOfLocalDay("2026-03-02").toISOString()).toBe("2026-03-01T23:00:00.000Z");
    expect(startOfLocalDay("2026-07-01").toISOString()).toBe("2026-06-30T22:00:00.000Z");
    // 29 March 2026 has 23 hours, 25 October 25.
    expect(startOfLocalDay("2026-03-29", 1).getTime() - startOfLocalDay("2026-03-29").getTime()).toBe(23 * 3_600_000);
    expect(startOfLocalDay("2026-10-25", 1).getTime() - startOfLocalDay("2026-10-25").getTime()).toBe(25 * 3_600_000);
  });
});

describe("containsPattern", () => {
  it("escapes the wildcards and the escape character", () => {
    expect(containsPattern("50%_off\\")).toBe("%50\\%\\_off\\\\%");
  });
});

describe("deniedSubject", () => {
  const subject = (route: Parameters<typeof deniedSubject>[0], params: Record<string, string>, query: Record<string, unknown>) =>
    deniedSubject(route, { params, query } as Parameters<typeof deniedSubject>[1]);

  it("names the id, a rounded point and checked values, and only the names of the rest", () => {
    expect(subject("GET /api/v1/establishments/:id", { id: "IN-000123" }, {})).toBe("GET /api/v1/establishments/:id id=IN-000123");
    expect(subject("GET /api/v1/locations/dossier", {}, { lat: "52.0912345", lon: "5.1187654", radius: "500" })).toBe(
      "GET /api/v1/locations/dossier lat=52.09123 lon=5.11877 radius=500",
    );
    expect(subject("GET /api/v1/establishments", {}, { q: "Jan Jansen", near: "52.1,5.1", area: "WK051801", sbi: ["1", "2"] })).toBe(
      "GET /api/v1/establishments q=… near=52.10000,5.10000 area=WK051801 sbi=…",
    );
    expect(subject("GET /api/v1/locations/dossier", {}, { address: "0518200000000001", lat: "fifty" })).toBe(
      "GET /api/v1/locations/dossier address=0518200000000001 lat=…",
    );
  });

  it("percent-encodes and cuts hostile path values", () => {
    const hostile = subject("GET /api/v1/establishments/:id", { id: `<img src=x onerror=alert(1)>\n${"a".repeat(100)}` }, {});
    expect(hostile).toBe("GET /api/v1/establishments/:id id=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E%0Aaaa…");
    // Cut by code point: an emoji at the cut is kept whole or left out, never split into a lone surrogate.
    expect(subject("GET /api/v1/establishments/:id", { id: `${"a".repeat(31)}😀😀` }, {})).toBe(
      `GET /api/v1/establishments/:id id=${"a".repeat(31)}%F0%9F%98%80…`,
    );
  });
});

describe("inertCell", () => {
  it("puts an apostrophe before what a spreadsheet would run, and nothing before other text", () => {
    for (const text of ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"]) expect(inertCell(text), text).toBe(`'${text}`);
    for (const text of ["admin", "IN-000123", "52.1,5.1", ""]) expect(inertCell(text), text).toBe(text);
  });
});
