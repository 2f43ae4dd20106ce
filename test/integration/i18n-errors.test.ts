/**
 * Problem answers speak the request's language: Dutch for `Accept-Language: nl` (what the UI sends),
 * English for an API client that says nothing; the parameter is named either way.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { z } from "zod";
import { login, startTestMonitor, type Login, type TestMonitor } from "../support/test-server.ts";

const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.string(),
  invalidParams: z.array(z.object({ name: z.string(), reason: z.string() })).optional(),
});

let monitor: TestMonitor;
let policy: Login;
let permit: Login;

beforeAll(async () => {
  monitor = await startTestMonitor(inject("demoDir"));
  policy = await login(monitor.url, "policy");
  permit = await login(monitor.url, "permit");
});
afterAll(() => monitor?.close());

async function problem(path: string, { auth, lang }: { auth?: Login; lang?: string } = {}) {
  const headers: Record<string, string> = { ...(auth ? { cookie: auth.cookie } : {}), ...(lang ? { "accept-language": lang } : {}) };
  const response = await fetch(`${monitor.url}${path}`, { headers });
  expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  return { status: response.status, language: response.headers.get("content-language"), body: Problem.parse(await response.json()) };
}

describe("problem answers in Dutch and English", () => {
  it("names a bad query parameter in Dutch for Accept-Language: nl and in English without the header", async () => {
    const dutch = await problem("/api/v1/stations/NL10938?days=many", { auth: permit, lang: "nl-NL,nl;q=0.9,en;q=0.8" });
    expect(dutch).toMatchObject({ status: 400, language: "nl", body: { title: "Ongeldig verzoek" } });
    expect(dutch.body.detail).toBe("queryparameter days: moet een aantal dagen zijn, 1 tot en met 90");
    expect(dutch.body.invalidParams).toEqual([{ name: "days", reason: "moet een aantal dagen zijn, 1 tot en met 90" }]);

    const english = await problem("/api/v1/stations/NL10938?days=many", { auth: permit });
    expect(english).toMatchObject({ status: 400, language: "en", body: { title: "Bad Request" } });
    expect(english.body.detail).toBe("query parameter days: must be a number of days, 1 to 90");
    expect(english.body.invalidParams).toEqual([{ name: "days", reason: "must be a number of days, 1 to 90" }]);
  });

  it("names an unknown parameter in the asked language, respecting q-values", async () => {
    const dutch = await problem("/api/v1/stations/NL10938?dayz=3", { auth: permit, lang: "en;q=0.5, nl;q=0.9" });
    expect(dutch.body.detail).toBe('queryparameter "dayz": is geen parameter van dit verzoek');
    const english = await problem("/api/v1/stations/NL10938?dayz=3", { auth: permit, lang: "nl;q=0.1, en" });
    expect(english.body.detail).toBe('query parameter "dayz": is not a parameter of this request');
  });

  it("titles 401, 403 and 404 in Dutch", async () => {
    expect(await problem("/api/v1/stations", { lang: "nl" })).toMatchObject({
      status: 401,
      body: { title: "Niet ingelogd", detail: "log eerst in: POST /api/v1/session" },
    });
    expect(await problem("/api/v1/stations/NL10938", { auth: policy, lang: "nl" })).toMatchObject({
      status: 403,
      language: "nl",
      body: { title: "Geen toegang" },
    });
    expect(await problem("/api/v1/indicators/nope", { auth: policy, lang: "nl" })).toMatchObject({
      status: 404,
      body: { title: "Niet gevonden", detail: 'onbekende indicator: "nope"' },
    });
  });

  it("answers a language it does not have in English", async () => {
    expect(await problem("/api/v1/no-such-route", { lang: "de-DE, fr;q=0.8" })).toMatchObject({
      status: 404,
      language: "en",
      body: { title: "Not Found", detail: 'no such resource: GET "/api/v1/no-such-route"' },
    });
  });
});
