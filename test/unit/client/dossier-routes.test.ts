/**
 * The permit officer's permalinks (client/src/dossier-routes.ts): the establishment search, the
 * location dossier and the audit page. A parameter that doesn't fit is dropped, never an error; the
 * same state always gives the same URL; and what the link says is what the API is asked.
 */
import { describe, expect, it, vi } from "vitest";

// i18n.ts (loaded through the API client) sets the page's language when it loads: a page for it to set.
vi.hoisted(() => vi.stubGlobal("document", { documentElement: { lang: "" } }));

import {
  DEFAULT_RADIUS_M,
  SEARCH_PAGE_SIZE,
  formatCoordinate,
  locationApiQuery,
  locationQuery,
  parseAuditPage,
  parseLocationState,
  parseNear,
  parseSearchState,
  roundCoordinate,
  searchApiQuery,
  searchQuery,
  type SearchState,
} from "../../../client/src/dossier-routes.ts";

describe("roundCoordinate and formatCoordinate", () => {
  it("keep five decimals of a degree (about a metre), and no trailing zeros", () => {
    expect(roundCoordinate(52.0912345678)).toBe(52.09123);
    expect(roundCoordinate(5.123456)).toBe(5.12346);
    expect(formatCoordinate(-0.000004)).toBe("0");
    expect(formatCoordinate(52.0912345678)).toBe("52.09123");
    expect(formatCoordinate(52.1)).toBe("52.1");
    expect(formatCoordinate(-73.9857)).toBe("-73.9857");
    expect(formatCoordinate(5)).toBe("5");
  });
});

describe("parseNear", () => {
  it("reads `lat,lon` in degrees", () => {
    expect(parseNear("52.09123,5.12345")).toEqual({ lat: 52.09123, lon: 5.12345 });
    expect(parseNear("-33.9,151")).toEqual({ lat: -33.9, lon: 151 });
    expect(parseNear("90,-180")).toEqual({ lat: 90, lon: -180 });
  });

  it("refuses anything else", () => {
    for (const text of [null, "", "52.09", "52.09,", ",5.12", "52.09,5.12,3", "91,5", "52,181", "5e1,5", "52.09, 5.12", "52,09;5,12", "abc,def", "1234,5"]) {
      expect(parseNear(text), String(text)).toBeUndefined();
    }
  });
});

describe("parseSearchState", () => {
  it("reads every parameter of a search", () => {
    expect(parseSearchState("q=bakkerij&area=WK999901&sbi=1071&category=3&near=52.09,5.12&radius=250&sort=distance&page=2")).toEqual({
      q: "bakkerij",
      area: "WK999901",
      sbi: "1071",
      category: 3,
      near: { lat: 52.09, lon: 5.12 },
      radius: 250,
      sort: "distance",
      page: 2,
    });
    expect(parseSearchState("")).toEqual({});
  });

  it("trims the search text, drops it when blank, and cuts it at 200 characters", () => {
    expect(parseSearchState("q=%20%20garage%20")).toEqual({ q: "garage" });
    expect(parseSearchState("q=%20%20")).toEqual({});
    expect(parseSearchState(`q=${"a".repeat(250)}`).q).toHaveLength(200);
  });

  it("keeps a wijk or buurt code, an SBI prefix and a category only in their shapes", () => {
    expect(parseSearchState("area=BU99990101").area).toBe("BU99990101");
    for (const area of ["GM9999", "WK99990", "BU9999010", "wk999901", "WK999901x"]) expect(parseSearchState(`area=${area}`).area, area).toBeUndefined();
    expect(parseSearchState("sbi=1").sbi).toBe("1");
    for (const sbi of ["123456", "10.71", "abc"]) expect(parseSearchState(`sbi=${sbi}`).sbi, sbi).toBeUndefined();
    expect(parseSearchState("category=1").category).toBe(1);
    expect(parseSearchState("category=6").category).toBe(6);
    for (const category of ["0", "7", "-1", "2.5", "x"]) expect(parseSearchState(`category=${category}`).category, category).toBeUndefined();
  });

  it("reads a radius only with a point, between 1 m and 50 km", () => {
    expect(parseSearchState("radius=250")).toEqual({});
    expect(parseSearchState("near=52.09,5.12&radius=50000").radius).toBe(50_000);
    expect(parseSearchState("near=52.09,5.12&radius=50001").radius).toBeUndefined();
    expect(parseSearchState("near=52.09,5.12&radius=0").radius).toBeUndefined();
  });

  it("sorts by distance only from a point, and only by the known sorts", () => {
    expect(parseSearchState("sort=distance")).toEqual({});
    expect(parseSearchState("sort=category")).toEqual({ sort: "category" });
    expect(parseSearchState("sort=risk")).toEqual({});
  });

  it("leaves out page 1 and pages past 10,000", () => {
    expect(parseSearchState("page=1")).toEqual({});
    expect(parseSearchState("page=10000")).toEqual({ page: 10_000 });
    expect(parseSearchState("page=10001")).toEqual({});
    expect(parseSearchState("page=0")).toEqual({});
  });
});

describe("searchQuery", () => {
  it("writes the parameters in one order, whatever order they were read in", () => {
    const state = parseSearchState("page=2&sort=name&category=3&area=WK999901&q=bakker%20%26%20zn");
    expect(searchQuery(state)).toBe("?q=bakker+%26+zn&area=WK999901&category=3&sort=name&page=2");
  });

  it("round-trips through parseSearchState", () => {
    const states: SearchState[] = [
      {},
      { q: "Café 't Hoekje" },
      { near: { lat: 52.09123, lon: 5.12345 }, radius: 750, sort: "distance", page: 12 },
      { area: "BU99990101", sbi: "56", category: 2, sort: "category" },
    ];
    for (const state of states) expect(parseSearchState(searchQuery(state).slice(1))).toEqual(state);
  });

  it("is empty for the whole register, and leaves out what the page would ignore", () => {
    expect(searchQuery({})).toBe("");
    expect(searchQuery({ q: "", page: 1 })).toBe("");
    expect(searchQuery({ radius: 300, sort: "distance" })).toBe("");
  });

  it("rounds the point to five decimals", () => {
    expect(searchQuery({ near: { lat: 52.091234567, lon: 5.123456789 } })).toBe("?near=52.09123%2C5.12346");
  });
});

describe("searchApiQuery", () => {
  it("asks the API what the permalink says, with the page size", () => {
    expect(searchApiQuery({ q: "garage", near: { lat: 52.09, lon: 5.12 }, sort: "distance", page: 3 })).toEqual({
      q: "garage",
      area: undefined,
      sbi: undefined,
      category: undefined,
      near: "52.09,5.12",
      radius: undefined,
      sort: "distance",
      page: 3,
      pageSize: SEARCH_PAGE_SIZE,
    });
    expect(searchApiQuery({ sort: "distance", page: 1 })).toMatchObject({ sort: undefined, page: undefined, pageSize: 25 });
  });
});

describe("location permalinks", () => {
  it("read a point only when both coordinates are there and in range", () => {
    expect(parseLocationState("lat=52.09&lon=5.12&radius=300")).toEqual({ lat: 52.09, lon: 5.12, radius: 300 });
    expect(parseLocationState("lat=52.09")).toEqual({});
    expect(parseLocationState("lat=95&lon=5.12")).toEqual({});
    expect(parseLocationState("lat=52.09&lon=x")).toEqual({});
  });

  it("read a radius between 50 m and 5 km", () => {
    expect(parseLocationState("radius=50")).toEqual({ radius: 50 });
    expect(parseLocationState("radius=5000")).toEqual({ radius: 5000 });
    expect(parseLocationState("radius=49")).toEqual({});
    expect(parseLocationState("radius=5001")).toEqual({});
  });

  it("are written as lat, lon, radius with the point rounded, and round-trip", () => {
    expect(locationQuery({ lat: 52.091234567, lon: 5.123456789, radius: 300 })).toBe("?lat=52.09123&lon=5.12346&radius=300");
    expect(locationQuery({ lat: 52.09 })).toBe("");
    expect(locationQuery({})).toBe("");
    const state = { lat: -33.86785, lon: 151.20732, radius: 1200 };
    expect(parseLocationState(locationQuery(state).slice(1))).toEqual(state);
  });

  it("ask the API for the rounded point and the default radius unless one is given", () => {
    expect(locationApiQuery(52.091234567, 5.123456789)).toEqual({ lat: 52.09123, lon: 5.12346, radius: DEFAULT_RADIUS_M });
    expect(locationApiQuery(52.09, 5.12, 1000)).toEqual({ lat: 52.09, lon: 5.12, radius: 1000 });
  });
});

describe("parseAuditPage", () => {
  it("reads pages 2 to 100,000, and nothing for the first page or nonsense", () => {
    expect(parseAuditPage("page=2")).toBe(2);
    expect(parseAuditPage("page=100000")).toBe(100_000);
    for (const query of ["", "page=1", "page=0", "page=100001", "page=-2", "page=2.5", "page=two"]) expect(parseAuditPage(query), query).toBeUndefined();
  });
});
