/**
 * The client's typed API (client/src/api-client.ts): URLs from route keys, queries, and the request
 * each call makes — against a recorded `fetch`, no server. The `@ts-expect-error` lines are checked
 * by `npm run typecheck`: each is a call the contract forbids.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// i18n.ts (the Accept-Language header) sets the page's language when it loads: a page for it to set.
vi.hoisted(() => vi.stubGlobal("document", { documentElement: { lang: "" } }));

import { ApiError, sessionExpiredEvent, setCsrfToken } from "../../../client/src/api.ts";
import { api, encodeQuery } from "../../../client/src/api-client.ts";

describe("api.url", () => {
  it("puts encoded path parameters into the route's path", () => {
    expect(api.url("GET /api/v1/establishments/:id", { path: { id: "IN-000123" } })).toBe("/api/v1/establishments/IN-000123");
    expect(api.url("GET /api/v1/indicators/:id/series", { path: { id: "a b/c?d#e" } })).toBe("/api/v1/indicators/a%20b%2Fc%3Fd%23e/series");
    expect(api.url("GET /api/v1/pipelines/:name/runs/:runId", { path: { name: "trees", runId: 42 } })).toBe("/api/v1/pipelines/trees/runs/42");
  });

  it("adds the query in its key order, leaving out undefined values", () => {
    expect(api.url("GET /api/v1/indicators/:id/series", { path: { id: "green-share" }, query: { format: "csv", sep: "comma", lang: "nl" } })).toBe(
      "/api/v1/indicators/green-share/series?format=csv&sep=comma&lang=nl",
    );
    expect(api.url("GET /api/v1/indicators/:id/areas", { path: { id: "x" }, query: { level: "wijk", period: undefined } })).toBe(
      "/api/v1/indicators/x/areas?level=wijk",
    );
    expect(api.url("GET /api/v1/audit", { query: { limit: 25, offset: 50 } })).toBe("/api/v1/audit?limit=25&offset=50");
  });

  it("has no `?` without a query", () => {
    expect(api.url("GET /api/v1/session/oidc")).toBe("/api/v1/session/oidc");
    expect(api.url("GET /api/v1/alerts", { query: {} })).toBe("/api/v1/alerts");
  });

  it("refuses a missing path parameter at run time too", () => {
    // @ts-expect-error -- the path parameters are required
    expect(() => api.url("GET /api/v1/themes/:themeId")).toThrow(new TypeError("missing path parameter themeId for GET /api/v1/themes/:themeId"));
  });
});

describe("encodeQuery", () => {
  it("encodes names and values as a form would, numbers and booleans as text", () => {
    expect(encodeQuery({ q: "Bakkerij & zn", near: "52.1,5.1", page: 2, open: true, none: undefined })).toBe(
      "q=Bakkerij+%26+zn&near=52.1%2C5.1&page=2&open=true",
    );
    expect(encodeQuery({})).toBe("");
    expect(encodeQuery()).toBe("");
  });
});

describe("calls the contract forbids do not compile", () => {
  it("are listed here for the type checker (never run)", () => {
    const forbidden = () => {
      // @ts-expect-error -- no such route
      void api.get("GET /api/v1/nothing");
      // @ts-expect-error -- a route key names its method
      void api.get("/api/v1/themes");
      // @ts-expect-error -- the path parameter is missing
      void api.get("GET /api/v1/indicators/:id/series", {});
      // @ts-expect-error -- path parameters are named as in the route key
      void api.get("GET /api/v1/themes/:themeId", { path: { id: "air" } });
      // @ts-expect-error -- a route without path parameters takes none
      void api.get("GET /api/v1/themes", { path: { id: "air" } });
      // @ts-expect-error -- `from` is a year, a number
      void api.get("GET /api/v1/indicators/:id/series", { path: { id: "x" }, query: { from: "2015" } });
      // @ts-expect-error -- not a value of `by`
      void api.get("GET /api/v1/indicators/:id/series", { path: { id: "x" }, query: { by: "everything" } });
      // @ts-expect-error -- a file format is for download links (api.url), not for JSON
      void api.get("GET /api/v1/indicators/:id/series", { path: { id: "x" }, query: { format: "csv" } });
      // @ts-expect-error -- the radius is a number of metres
      void api.get("GET /api/v1/locations/dossier", { query: { lat: 52.08, lon: 4.31, radius: "far" } });
      // @ts-expect-error -- a redirect is for the browser to follow, not to fetch
      void api.get("GET /api/v1/session/oidc");
      // @ts-expect-error -- a GET is not sent
      void api.send("GET /api/v1/themes");
      // @ts-expect-error -- the login needs its body
      void api.send("POST /api/v1/session");
      // @ts-expect-error -- the body has both fields
      void api.send("POST /api/v1/session", { body: { username: "policy" } });
      // @ts-expect-error -- only GET routes are navigated to
      void api.url("DELETE /api/v1/session");
    };
    expect(forbidden).toBeTypeOf("function");
  });

  it("type the answer by the route", async () => {
    const answers = async () => {
      const series = await api.get("GET /api/v1/indicators/:id/series", { path: { id: "x" } });
      const points: { period: string; value: number | null }[] = series.points;
      const loggedOut: undefined = await api.send("DELETE /api/v1/session");
      return [points, loggedOut];
    };
    expect(answers).toBeTypeOf("function");
  });
});

describe("api.get and api.send", () => {
  let calls: { url: string; init: RequestInit }[];
  let answer: () => Response;
  let expired: number;
  const onExpired = () => expired++;

  beforeEach(() => {
    calls = [];
    expired = 0;
    answer = () => Response.json({ ok: true });
    vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return answer();
    });
    vi.stubGlobal("window", new EventTarget());
    window.addEventListener(sessionExpiredEvent, onExpired);
  });
  afterEach(() => {
    setCsrfToken(null);
    vi.unstubAllGlobals();
  });

  const headersOf = (index: number) => Object.fromEntries(new Headers(calls[index]!.init.headers));

  it("reads JSON with the session cookie and the UI's language, without the CSRF token", async () => {
    setCsrfToken("token-1");
    const controller = new AbortController();
    await expect(
      api.get("GET /api/v1/indicators/:id/series", { path: { id: "green-share" }, query: { area: "WK000101" }, signal: controller.signal }),
    ).resolves.toEqual({ ok: true });
    expect(calls[0]!.url).toBe("/api/v1/indicators/green-share/series?area=WK000101");
    expect(calls[0]!.init).toMatchObject({ method: "GET", credentials: "same-origin", body: undefined, signal: controller.signal });
    expect(headersOf(0)).toEqual({ accept: "application/json", "accept-language": "nl" });
  });

  it("sends state-changing requests with the CSRF token and a JSON body", async () => {
    setCsrfToken("token-1");
    await api.send("POST /api/v1/session", { body: { username: "policy", password: "secret" } });
    expect(calls[0]!.init).toMatchObject({ method: "POST", body: '{"username":"policy","password":"secret"}' });
    expect(headersOf(0)).toMatchObject({ "content-type": "application/json", "x-csrf-token": "token-1" });

    await api.send("POST /api/v1/pipelines/:name/runs", { path: { name: "trees" } });
    expect(calls[1]!.url).toBe("/api/v1/pipelines/trees/runs");
    expect(headersOf(1)).not.toHaveProperty("content-type");
    expect(headersOf(1)).toHaveProperty("x-csrf-token", "token-1");
  });

  it("resolves a 204 to undefined", async () => {
    answer = () => new Response(null, { status: 204 });
    await expect(api.send("DELETE /api/v1/session")).resolves.toBeUndefined();
    expect(calls[0]!.init.method).toBe("DELETE");
  });

  it("turns problem+json into an ApiError with status, title and detail", async () => {
    answer = () =>
      Response.json(
        { title: "Bad parameter", detail: "from must be a year like 2024", status: 400 },
        { status: 400, headers: { "Content-Type": "application/problem+json" } },
      );
    const error = await api.get("GET /api/v1/themes").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      title: "Bad parameter",
      detail: "from must be a year like 2024",
      message: "Bad parameter: from must be a year like 2024",
    });
  });

  it("says the session ran out on a 401, except for the login and the session probe", async () => {
    answer = () => new Response("no", { status: 401, statusText: "Unauthorized" });
    await expect(api.get("GET /api/v1/themes")).rejects.toMatchObject({ status: 401, title: "Unauthorized" });
    expect(expired).toBe(1);
    await expect(api.get("GET /api/v1/session")).rejects.toBeInstanceOf(ApiError);
    await expect(api.get("GET /api/v1/session/options")).rejects.toBeInstanceOf(ApiError);
    await expect(api.send("POST /api/v1/session", { body: { username: "a", password: "b" } })).rejects.toBeInstanceOf(ApiError);
    expect(expired).toBe(1);
  });
});
