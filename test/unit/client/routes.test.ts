/**
 * The client's hash routes (client/src/routes.ts): parsing a hash into a typed route, building the
 * link back (a permalink round-trips), what a malformed or hand-edited link becomes, and what each
 * role is offered.
 */
import { describe, expect, it, vi } from "vitest";

// i18n.ts (loaded through the API client) sets the page's language when it loads: a page for it to set.
vi.hoisted(() => vi.stubGlobal("document", { documentElement: { lang: "" } }));

import { roles } from "../../../src/ground/contract/contract.ts";
import {
  hrefFor,
  landingFor,
  mayViewAudit,
  mayViewEstablishments,
  mayViewPipelines,
  mayViewStations,
  parseRoute,
  replaceRoute,
  replaceRouteEvent,
  type Route,
} from "../../../client/src/routes.ts";

describe("parseRoute", () => {
  it("reads every page of the app", () => {
    expect(parseRoute("#/login")).toEqual({ name: "login" });
    expect(parseRoute("#/themes")).toEqual({ name: "themes" });
    expect(parseRoute("#/themes/air")).toEqual({ name: "theme", id: "air" });
    expect(parseRoute("#/indicators/no2-annual-mean")).toEqual({ name: "indicator", id: "no2-annual-mean" });
    expect(parseRoute("#/stations")).toEqual({ name: "stations" });
    expect(parseRoute("#/stations/NL49017")).toEqual({ name: "station", number: "NL49017" });
    expect(parseRoute("#/pipelines")).toEqual({ name: "pipelines" });
    expect(parseRoute("#/pipelines/trees")).toEqual({ name: "pipeline", pipeline: "trees" });
    expect(parseRoute("#/pipelines/trees/runs/42")).toEqual({ name: "run", pipeline: "trees", runId: 42 });
    expect(parseRoute("#/establishments")).toEqual({ name: "establishments" });
    expect(parseRoute("#/establishments/IN-000123")).toEqual({ name: "establishment", id: "IN-000123" });
    expect(parseRoute("#/locations")).toEqual({ name: "location" });
    expect(parseRoute("#/audit")).toEqual({ name: "audit", page: undefined });
    expect(parseRoute("#/alerts")).toEqual({ name: "alerts" });
    expect(parseRoute("#/api")).toEqual({ name: "api" });
  });

  it("reads the empty hash, a bare `#` and `#/` as home, and tolerates a missing or trailing slash", () => {
    for (const hash of ["", "#", "#/"]) expect(parseRoute(hash), hash).toEqual({ name: "home" });
    expect(parseRoute("#themes")).toEqual({ name: "themes" });
    expect(parseRoute("#/themes/")).toEqual({ name: "themes" });
    expect(parseRoute("#/themes//air")).toEqual({ name: "theme", id: "air" });
  });

  it("decodes path segments", () => {
    expect(parseRoute("#/themes/lucht%20%26%20water")).toEqual({ name: "theme", id: "lucht & water" });
    expect(parseRoute("#/establishments/a%2Fb")).toEqual({ name: "establishment", id: "a/b" });
  });

  it("is not-found for unknown pages, extra segments and broken percent-encoding", () => {
    for (const hash of [
      "#/nope",
      "#/themes/air/extra",
      "#/login/again",
      "#/indicators",
      "#/locations/x",
      "#/audit/2",
      "#/alerts/1",
      "#/api/v2",
      "#/themes/%E0%A4%A",
    ]) {
      expect(parseRoute(hash), hash).toEqual({ name: "not-found" });
    }
  });

  it("accepts only positive whole run ids, and nothing after them", () => {
    for (const tail of ["runs/0", "runs/01", "runs/-1", "runs/1.5", "runs/1e3", "runs/abc", "runs", "logs/1", "runs/1/steps"]) {
      expect(parseRoute(`#/pipelines/trees/${tail}`), tail).toEqual({ name: "not-found" });
    }
  });
});

describe("indicator permalinks", () => {
  it("read the area, the map's level and the period", () => {
    expect(parseRoute("#/indicators/green-share?area=WK999901&level=buurt&period=2024")).toEqual({
      name: "indicator",
      id: "green-share",
      area: "WK999901",
      level: "buurt",
      period: "2024",
    });
    expect(parseRoute("#/indicators/solar?period=2025-Q1")).toEqual({ name: "indicator", id: "solar", period: "2025-Q1" });
    expect(parseRoute("#/indicators/solar?area=GM9999")).toEqual({ name: "indicator", id: "solar", area: "GM9999" });
  });

  it("drop a parameter that doesn't fit and still open the indicator", () => {
    expect(parseRoute("#/indicators/solar?area=XX1&level=provincie&period=last-year")).toEqual({ name: "indicator", id: "solar" });
    expect(parseRoute("#/indicators/solar?area=WK99%2F01&period=24")).toEqual({ name: "indicator", id: "solar" });
    expect(parseRoute("#/indicators/solar?area=&level=&period=")).toEqual({ name: "indicator", id: "solar" });
  });

  it("are written in one parameter order, whatever order they were read in", () => {
    const route = parseRoute("#/indicators/solar?period=2024&level=wijk&area=WK999905");
    expect(hrefFor(route)).toBe("#/indicators/solar?area=WK999905&level=wijk&period=2024");
    expect(hrefFor({ name: "indicator", id: "solar" })).toBe("#/indicators/solar");
  });
});

describe("hrefFor", () => {
  const roundTrips: Route[] = [
    { name: "login" },
    { name: "themes" },
    { name: "theme", id: "air" },
    { name: "theme", id: "lucht & water/2025?#" },
    { name: "indicator", id: "no2-annual-mean", area: "BU99990101", level: "buurt", period: "2025-03" },
    { name: "stations" },
    { name: "station", number: "NL49017" },
    { name: "pipelines" },
    { name: "pipeline", pipeline: "air-quality-hourly" },
    { name: "run", pipeline: "air quality", runId: 7 },
    { name: "establishments" },
    { name: "establishments", q: "bakkerij", area: "WK999901", sort: "name", page: 3 },
    { name: "establishments", near: { lat: 52.09123, lon: 5.12345 }, radius: 250, sort: "distance" },
    { name: "establishment", id: "IN-000123" },
    { name: "location", lat: 52.09, lon: 5.12, radius: 300 },
    { name: "audit", page: 4 },
    { name: "alerts" },
    { name: "api" },
    { name: "home" },
  ];

  it.each(roundTrips.map((route) => [hrefFor(route), route] as const))("%s parses back to the route it was built from", (href, route) => {
    expect(parseRoute(href)).toEqual(route);
  });

  it("encodes path segments, so an id with a slash, a `?` or a `#` stays one segment", () => {
    expect(hrefFor({ name: "theme", id: "a/b?c#d" })).toBe("#/themes/a%2Fb%3Fc%23d");
    expect(hrefFor({ name: "run", pipeline: "air quality", runId: 7 })).toBe("#/pipelines/air%20quality/runs/7");
  });

  it("leaves the first audit page out of the link", () => {
    expect(hrefFor({ name: "audit" })).toBe("#/audit");
    expect(hrefFor({ name: "audit", page: 1 })).toBe("#/audit");
    expect(hrefFor({ name: "audit", page: 2 })).toBe("#/audit?page=2");
    expect(parseRoute("#/audit?page=1")).toEqual({ name: "audit", page: undefined });
  });

  it("sends not-found home", () => {
    expect(hrefFor({ name: "not-found" })).toBe("#/");
    expect(hrefFor({ name: "home" })).toBe("#/");
  });
});

describe("replaceRoute", () => {
  it("fires a bubbling, composed event with the route, for the shell to replace the history entry", () => {
    const view = new EventTarget();
    const fired: CustomEvent<Route>[] = [];
    view.addEventListener(replaceRouteEvent, (event) => fired.push(event as CustomEvent<Route>));
    const route: Route = { name: "indicator", id: "solar", area: "WK999901" };
    replaceRoute(view as Element, route);
    expect(fired).toHaveLength(1);
    expect(fired[0]).toMatchObject({ detail: route, bubbles: true, composed: true });
  });
});

describe("what each role is offered", () => {
  it("lands each role on its own start page", () => {
    expect(Object.fromEntries(roles.map((role) => [role, landingFor(role)]))).toEqual({
      policy: { name: "themes" },
      permit: { name: "establishments" },
      analyst: { name: "pipelines" },
      admin: { name: "themes" },
    });
  });

  it("offers stations and establishments to permit officers, pipelines to analysts, the audit log to admins, and everything to admins", () => {
    const offered = Object.fromEntries(
      roles.map((role) => [
        role,
        { stations: mayViewStations(role), pipelines: mayViewPipelines(role), establishments: mayViewEstablishments(role), audit: mayViewAudit(role) },
      ]),
    );
    expect(offered).toEqual({
      policy: { stations: false, pipelines: false, establishments: false, audit: false },
      permit: { stations: true, pipelines: false, establishments: true, audit: false },
      analyst: { stations: false, pipelines: true, establishments: false, audit: false },
      admin: { stations: true, pipelines: true, establishments: true, audit: true },
    });
  });
});
