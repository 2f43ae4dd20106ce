/**
 * The overview's state in the URL (client/src/overview-state.ts): parsing and writing it back (a
 * permalink round-trips), and which indicators a filter and a sort select, in which order.
 */
import { describe, expect, it, vi } from "vitest";

vi.hoisted(() => vi.stubGlobal("document", { documentElement: { lang: "" } }));

import type { StatusCode } from "../../../src/ground/contract/contract.ts";
import { overviewQuery, parseOverviewState, selectIndicators } from "../../../client/src/overview-state.ts";
import { hrefFor, parseRoute } from "../../../client/src/routes.ts";

describe("parseOverviewState and overviewQuery", () => {
  it("reads a status and a sort, and writes them back in one order", () => {
    expect(parseOverviewState("sort=gap&status=off-track")).toEqual({ status: "off-track", sort: "gap" });
    expect(overviewQuery({ sort: "gap", status: "off-track" })).toBe("?status=off-track&sort=gap");
    expect(overviewQuery({})).toBe("");
  });

  it("drops what it doesn't know, so a mistyped link opens the whole overview", () => {
    expect(parseOverviewState("status=bad&sort=name")).toEqual({});
    expect(parseOverviewState("")).toEqual({});
  });

  it("is the themes route's query, and an area profile has its own route", () => {
    expect(parseRoute("#/themes?status=at-risk")).toEqual({ name: "themes", status: "at-risk" });
    expect(hrefFor({ name: "themes", status: "off-track", sort: "status" })).toBe("#/themes?status=off-track&sort=status");
    expect(hrefFor({ name: "themes" })).toBe("#/themes");
    expect(parseRoute("#/areas/WK999901")).toEqual({ name: "area", code: "WK999901" });
    expect(hrefFor({ name: "area", code: "BU99990101" })).toBe("#/areas/BU99990101");
    expect(parseRoute("#/areas/nowhere")).toEqual({ name: "not-found" });
    expect(parseRoute("#/areas")).toEqual({ name: "not-found" });
  });
});

describe("selectIndicators", () => {
  const indicator = (id: string, code: StatusCode, gapToTarget: number | null, target: number | null) => ({
    id,
    status: { code },
    gapToTarget,
    target: target === null ? null : { value: target },
  });
  const indicators = [
    indicator("no2", "on-track", 4, 20),
    indicator("green", "off-track", 3, 26),
    indicator("complaints", "at-risk", 12, 80),
    indicator("waste", "off-track", 52, 100),
    indicator("soil", "no-data", null, 95),
    indicator("trees", "achieved", 0, 500),
  ];
  const ids = (list: readonly { id: string }[]) => list.map((item) => item.id);

  it("keeps the plan's order and everything by default", () => {
    expect(ids(selectIndicators(indicators, {}))).toEqual(["no2", "green", "complaints", "waste", "soil", "trees"]);
  });

  it("filters to one status", () => {
    expect(ids(selectIndicators(indicators, { status: "off-track" }))).toEqual(["green", "waste"]);
    expect(selectIndicators(indicators, { status: "achieved" })).toHaveLength(1);
  });

  it("sorts by gap as a share of the target, largest first and no gap last", () => {
    expect(ids(selectIndicators(indicators, { sort: "gap" }))).toEqual(["waste", "no2", "complaints", "green", "trees", "soil"]);
  });

  it("sorts by status, worst first, and by gap within a status", () => {
    expect(ids(selectIndicators(indicators, { sort: "status" }))).toEqual(["waste", "green", "complaints", "no2", "trees", "soil"]);
  });

  it("leaves its input as it was", () => {
    selectIndicators(indicators, { sort: "gap" });
    expect(ids(indicators)).toEqual(["no2", "green", "complaints", "waste", "soil", "trees"]);
  });
});
