/**
 * Returning to a permalink after logging in: which paths count as a page of the app
 * (src/ground/contract/return-route.ts, shared by the client and the single sign-on route), and how
 * the login route carries one (client/src/routes.ts).
 */
import { describe, expect, it, vi } from "vitest";

vi.hoisted(() => vi.stubGlobal("document", { documentElement: { lang: "" } }));

import { isReturnRoute, RETURN_ROUTE_MAX } from "../../../src/ground/contract/return-route.ts";
import { hrefFor, parseRoute, returnRouteFor } from "../../../client/src/routes.ts";

describe("isReturnRoute", () => {
  it("takes the path of any page of the app, with its query", () => {
    for (const path of [
      "/themes",
      "/themes/air-quality",
      "/indicators/no2-annual-mean",
      "/indicators/green-share?area=WK999901&level=buurt&period=2024",
      "/establishments?q=caf%C3%A9",
      "/pipelines/air-quality-hourly/runs/3",
    ])
      expect(isReturnRoute(path), path).toBe(true);
  });

  it("refuses anything that could leave the app, break a header, or loop back to the login", () => {
    for (const path of [
      "",
      "themes",
      "//evil.example/",
      "/\\evil.example",
      "https://evil.example/",
      "javascript:alert(1)",
      "/themes\r\nSet-Cookie: x=1",
      "/themes#x",
      "/themes <script>",
      "/it's",
      "/bad%zzescape",
      "/login",
      "/login?next=/themes",
      "/" + "a".repeat(RETURN_ROUTE_MAX),
    ])
      expect(isReturnRoute(path), JSON.stringify(path)).toBe(false);
  });
});

describe("the login route's next", () => {
  it("round-trips a permalink through the login's URL", () => {
    const indicator = parseRoute("#/indicators/green-share?area=WK999901&level=buurt");
    const next = returnRouteFor(indicator);
    expect(next).toBe("/indicators/green-share?area=WK999901&level=buurt");
    const login = hrefFor({ name: "login", next: next! });
    expect(login).toBe("#/login?next=%2Findicators%2Fgreen-share%3Farea%3DWK999901%26level%3Dbuurt");
    expect(parseRoute(login)).toEqual({ name: "login", next });
    expect(parseRoute(`#${next}`)).toEqual(indicator);
  });

  it("remembers nothing for the home page, an unknown page or the login itself", () => {
    expect(returnRouteFor({ name: "home" })).toBeUndefined();
    expect(returnRouteFor({ name: "not-found" })).toBeUndefined();
    expect(returnRouteFor({ name: "login", next: "/themes" })).toBeUndefined();
    expect(hrefFor({ name: "login" })).toBe("#/login");
  });

  it("drops a next that is not a page of the app, keeping the login", () => {
    expect(parseRoute("#/login?next=%2F%2Fevil.example")).toEqual({ name: "login" });
    expect(parseRoute("#/login?next=https%3A%2F%2Fevil.example")).toEqual({ name: "login" });
    expect(parseRoute("#/login?sso=no-role&next=%2Fthemes")).toEqual({ name: "login", next: "/themes" });
  });
});
