/**
 * The one edge from domain errors to problem+json (src/web/http/problem.ts, ADR 0016): each domain
 * error answers exactly as the HttpError it replaced — status, title, detail, invalidParams, headers,
 * in both languages — and keeps its English message for the logs.
 */
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BadParameter, Conflict, DataChanged, NotFound, QueryTimeout, Unavailable } from "../../../src/ground/domain-errors.ts";
import { HttpError } from "../../../src/web/http/http-error.ts";
import { problemHandler } from "../../../src/web/http/problem.ts";
import { msg } from "../../../src/ground/i18n/message.ts";
import { quoted } from "../../../src/ground/i18n/quoted.ts";

/** Each domain error beside the HttpError the engine threw for it before. */
const cases: { name: string; error: Error; before: HttpError }[] = [
  {
    name: "NotFound",
    error: new NotFound(msg("unknown.indicator", { id: quoted("nope") })),
    before: new HttpError(404, msg("unknown.indicator", { id: quoted("nope") })),
  },
  {
    name: "BadParameter",
    error: new BadParameter("area", msg("param.unknownArea", { code: quoted("GM9999") })),
    before: new HttpError(400, [msg("param.inQuery", { name: "area", reason: msg("param.unknownArea", { code: quoted("GM9999") }) })], {
      invalidParams: [{ name: "area", reason: msg("param.unknownArea", { code: quoted("GM9999") }) }],
    }),
  },
  {
    name: "BadParameter in the body",
    error: new BadParameter("password", msg("param.notEmpty"), "body"),
    before: new HttpError(400, [msg("param.inBody", { name: "password", reason: msg("param.notEmpty") })], {
      invalidParams: [{ name: "password", reason: msg("param.notEmpty") }],
    }),
  },
  {
    name: "Conflict",
    error: new Conflict(msg("pipeline.busy", { name: "waste" })),
    before: new HttpError(409, msg("pipeline.busy", { name: "waste" })),
  },
  {
    name: "Unavailable",
    error: new Unavailable(msg("db.closing")),
    before: new HttpError(503, msg("db.closing")),
  },
  {
    name: "QueryTimeout",
    error: new QueryTimeout(msg("db.timeout", { ms: 300 }), { cause: new Error("INTERRUPT") }),
    before: new HttpError(503, msg("db.timeout", { ms: 300 }), { title: msg("title.queryTimeout") }),
  },
];

const logged: unknown[] = [];
let base: string;
let close: () => void;

beforeAll(async () => {
  const app = express();
  app.get("/throw/:index/:variant", (req) => {
    const { error, before } = cases[Number(req.params.index)]!;
    throw req.params.variant === "before" ? before : error;
  });
  app.get("/data-changed", () => {
    throw new DataChanged();
  });
  app.use(problemHandler((error) => logged.push(error)));
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => close?.());

async function answer(path: string, lang: "nl" | "en") {
  const response = await fetch(`${base}${path}`, { headers: { "accept-language": lang } });
  const headers = Object.fromEntries(["content-type", "content-language", "vary", "retry-after"].map((h) => [h, response.headers.get(h)]));
  return { status: response.status, headers, body: (await response.json()) as Record<string, unknown> };
}

describe("the problem of a domain error", () => {
  it.each(cases.map((c, index) => ({ ...c, index })))("$name answers as the HttpError it replaced, in Dutch and English", async ({ index, error, before }) => {
    for (const lang of ["nl", "en"] as const) {
      expect(await answer(`/throw/${index}/domain`, lang)).toEqual(await answer(`/throw/${index}/before`, lang));
    }
    // And says the same in the log.
    expect(error.message).toBe(before.message);
  });

  it("has the status, title, detail and invalidParams of each kind, and no Retry-After", async () => {
    const en = await Promise.all(cases.map((_, index) => answer(`/throw/${index}/domain`, "en")));
    expect(en.map((a) => [a.status, a.body.title, a.body.detail])).toEqual([
      [404, "Not Found", 'unknown indicator: "nope"'],
      [400, "Bad Request", 'query parameter area: unknown area "GM9999"; see GET /api/v1/areas'],
      [400, "Bad Request", "body parameter password: must not be empty"],
      [409, "Conflict", "pipeline waste is already running"],
      [503, "Service Unavailable", "the database is closing"],
      [503, "Query Timeout", "the query took longer than 300 ms"],
    ]);
    expect(en[1]!.body.invalidParams).toEqual([{ name: "area", reason: expect.stringContaining('"GM9999"') }]);
    expect(en.filter((a) => a.body.invalidParams !== undefined)).toHaveLength(2);
    for (const a of en) {
      expect(a.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(a.headers["retry-after"]).toBeNull();
      expect(a.body).toMatchObject({ type: "about:blank", status: a.status });
    }
    const nl = await answer("/throw/5/domain", "nl");
    expect(nl).toMatchObject({ status: 503, headers: { "content-language": "nl" }, body: { title: "Query duurde te lang" } });
    expect(logged).toEqual([]);
  });

  it("leaves DataChanged a signal to build again: escaped, it is a 500 and logged, as before", async () => {
    const escaped = await answer("/data-changed", "en");
    expect(escaped).toMatchObject({ status: 500, body: { title: "Internal Server Error" } });
    expect(logged).toEqual([expect.any(DataChanged)]);
  });
});
