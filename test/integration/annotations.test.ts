/**
 * Notes on the data and questions about a number (issue 21, point 7): who may read and write them,
 * validation, CSRF, the notes in an indicator's provenance and exports, and the provenance the server
 * attaches to a question — as served to the asker, and shown to the analysts only.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { Annotation, AnnotationList } from "../../src/ground/contract/contract-annotations.ts";
import { Question, QuestionList } from "../../src/ground/contract/contract-questions.ts";
import { Series } from "../../src/ground/contract/contract.ts";
import { AreaValues } from "../../src/ground/contract/contract-areas.ts";
import { login, startTestMonitor, type Login, type TestMonitor } from "../support/test-server.ts";

let monitor: TestMonitor;
let analyst: Login;
let policy: Login;
let permit: Login;
let admin: Login;

beforeAll(async () => {
  monitor = await startTestMonitor(inject("demoDir"));
  [analyst, policy, permit, admin] = (await Promise.all(["analyst", "policy", "permit", "admin"].map((name) => login(monitor.url, name)))) as [
    Login,
    Login,
    Login,
    Login,
  ];
});
afterAll(() => monitor?.close());

const get = (path: string, who: Login) => fetch(`${monitor.url}${path}`, { headers: { cookie: who.cookie } });
const send = (method: string, path: string, who: Login, body?: unknown, csrf = true) =>
  fetch(`${monitor.url}${path}`, {
    method,
    headers: { cookie: who.cookie, "content-type": "application/json", ...(csrf ? { "x-csrf-token": who.csrfToken } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const problemParams = async (response: Response) => ((await response.json()) as { invalidParams?: { name: string }[] }).invalidParams?.map((p) => p.name) ?? [];

describe("annotations", () => {
  const note = {
    subject: "indicator",
    subjectId: "no2-annual-mean",
    from: "2024-05-03",
    to: "2024-05-05",
    text: "Bronstoring 3–5 mei",
    textEn: "Source outage 3–5 May",
  };

  it("lets the analyst add one, every role read it, and only analyst and admin see its author", async () => {
    const created = await send("POST", "/api/v1/annotations", analyst, note);
    expect(created.status).toBe(201);
    const added = Annotation.parse(await created.json());
    expect(added).toMatchObject({ subject: "indicator", subjectId: "no2-annual-mean", from: "2024-05-03", to: "2024-05-05", author: "analyst" });
    expect(added.text).toEqual({ nl: "Bronstoring 3–5 mei", en: "Source outage 3–5 May" });

    for (const [who, author] of [
      [policy, null],
      [permit, null],
      [admin, "analyst"],
    ] as const) {
      const list = AnnotationList.parse(await (await get("/api/v1/annotations?indicator=no2-annual-mean", who)).json());
      expect(list.annotations.find((a) => a.id === added.id)?.author).toBe(author);
    }
  });

  it("refuses writing to other roles and without the CSRF token", async () => {
    expect((await send("POST", "/api/v1/annotations", policy, note)).status).toBe(403);
    expect((await send("POST", "/api/v1/annotations", permit, note)).status).toBe(403);
    expect((await send("POST", "/api/v1/annotations", analyst, note, false)).status).toBe(403);
    expect((await send("DELETE", "/api/v1/annotations/1", policy)).status).toBe(403);
  });

  it("answers bad input with a 400 naming the parameter", async () => {
    const cases: [unknown, string][] = [
      [{ ...note, from: "3 mei" }, "from"],
      [{ ...note, to: "2024-05-01" }, "from"],
      [{ ...note, text: "x".repeat(501) }, "text"],
      [{ ...note, text: "   " }, "text"],
      [{ ...note, subject: "theme" }, "subject"],
      [{ ...note, subjectId: "no-such-indicator" }, "subjectId"],
      [{ ...note, author: "someone" }, "author"],
    ];
    for (const [body, name] of cases) {
      const response = await send("POST", "/api/v1/annotations", analyst, body);
      expect(response.status, name).toBe(400);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
      expect(await problemParams(response), name).toContain(name);
    }
    const twoSubjects = await get("/api/v1/annotations?indicator=no2-annual-mean&pipeline=areas", policy);
    expect(twoSubjects.status).toBe(400);
    expect(await problemParams(twoSubjects)).toContain("indicator");
    const unknownPipeline = await get("/api/v1/annotations?pipeline=nope", policy);
    expect(await problemParams(unknownPipeline)).toContain("pipeline");
    expect((await send("DELETE", "/api/v1/annotations/abc", analyst)).status).toBe(400);
  });

  it("puts an indicator's notes in the provenance of its series and values per area, and in their CSV, Arrow and Parquet exports", async () => {
    const series = Series.parse(await (await get("/api/v1/indicators/no2-annual-mean/series", policy)).json());
    expect(series.provenance.annotations?.map((a) => a.text.nl)).toContain("Bronstoring 3–5 mei");
    // No author in the provenance: it is the same for every role.
    expect(JSON.stringify(series.provenance)).not.toContain('"author"');

    const csv = await (await get("/api/v1/indicators/no2-annual-mean/series?format=csv&lang=nl", policy)).text();
    expect(csv).toMatch(/^\uFEFF?# bron: .*\r\n# notitie 1 \(2024-05-03 – 2024-05-05\): Bronstoring 3–5 mei\r\n/);
    const csvEn = await (await get("/api/v1/indicators/no2-annual-mean/series?format=csv", policy)).text();
    expect(csvEn).toContain("# note 1 (2024-05-03 – 2024-05-05): Source outage 3–5 May\r\n");
    const parquet = Buffer.from(await (await get("/api/v1/indicators/no2-annual-mean/series?format=parquet", policy)).arrayBuffer());
    expect(parquet.toString("utf8")).toContain("Source outage 3–5 May");
    const arrow = Buffer.from(await (await get("/api/v1/indicators/no2-annual-mean/series?format=arrow", policy)).arrayBuffer());
    expect(arrow.toString("utf8")).toContain("annotations");
  });

  it("shows a new or deleted note at once, though series answers are cached per data version", async () => {
    const before = await (await get("/api/v1/indicators/trees-planted/series?format=csv", policy)).text();
    expect(before).not.toContain("# note");
    const created = Annotation.parse(
      await (
        await send("POST", "/api/v1/annotations", admin, { subject: "indicator", subjectId: "trees-planted", from: "2023-01-01", text: "Nieuwe telmethode" })
      ).json(),
    );
    expect(await (await get("/api/v1/indicators/trees-planted/series?format=csv", policy)).text()).toContain("# note 1 (2023-01-01): Nieuwe telmethode");
    const areas = AreaValues.parse(await (await get("/api/v1/indicators/trees-planted/areas", policy)).json());
    expect(areas.provenance.annotations?.map((a) => a.id)).toEqual([created.id]);
    expect((await send("DELETE", `/api/v1/annotations/${created.id}`, analyst)).status).toBe(204);
    expect(await (await get("/api/v1/indicators/trees-planted/series?format=csv", policy)).text()).not.toContain("# note");
    expect((await send("DELETE", `/api/v1/annotations/${created.id}`, analyst)).status).toBe(404);
  });

  it("keeps notes on stations and pipelines to their subject", async () => {
    const station = await send("POST", "/api/v1/annotations", analyst, {
      subject: "station",
      subjectId: "NL10938",
      from: "2024-02-01",
      text: "Meetstation 200 m verplaatst",
    });
    expect(station.status).toBe(201);
    const pipeline = await send("POST", "/api/v1/annotations", analyst, { subject: "pipeline", subjectId: "areas", from: "2024-02-01", text: "Nieuwe bron" });
    expect(pipeline.status).toBe(201);
    const onStation = AnnotationList.parse(await (await get("/api/v1/annotations?station=NL10938", permit)).json());
    expect(onStation.annotations.map((a) => a.text.nl)).toEqual(["Meetstation 200 m verplaatst"]);
    const onPipeline = AnnotationList.parse(await (await get("/api/v1/annotations?pipeline=areas", analyst)).json());
    expect(onPipeline.annotations.map((a) => a.text.nl)).toEqual(["Nieuwe bron"]);
  });
});

describe("questions", () => {
  it("attaches the number's provenance as served to the asker, shows it to the analysts only, and hands the answer back", async () => {
    const asked = await send("POST", "/api/v1/questions", policy, {
      subject: { kind: "indicator", indicatorId: "no2-annual-mean" },
      text: "Dit lijkt niet te kloppen",
    });
    expect(asked.status).toBe(201);
    const question = Question.parse(await asked.json());
    // The asker gets the question, not the provenance.
    expect(question).toMatchObject({ askedBy: "policy", askedByRole: "policy", status: "open", provenance: null });

    const list = QuestionList.parse(await (await get("/api/v1/questions?status=open", analyst)).json());
    const seen = list.questions.find((q) => q.id === question.id)!;
    const series = Series.parse(await (await get("/api/v1/indicators/no2-annual-mean/series", policy)).json());
    const latest = series.points.filter((p) => p.value !== null).at(-1)!;
    expect(seen.provenance).toMatchObject({
      indicatorId: "no2-annual-mean",
      period: latest.period,
      areaCode: latest.areaCode,
      value: latest.value,
      servedTo: "policy",
      source: series.provenance.source,
      runs: series.provenance.inputs.map(({ pipeline, runId }) => ({ pipeline, runId })),
    });

    const answered = await send("POST", `/api/v1/questions/${question.id}/answer`, analyst, { answer: "Klopt: de bron had een storing." });
    expect(answered.status).toBe(200);
    expect(Question.parse(await answered.json())).toMatchObject({ status: "answered", answeredBy: "analyst" });
    const mine = QuestionList.parse(await (await get("/api/v1/questions/mine", policy)).json());
    expect(mine.questions.map((q) => ({ id: q.id, answer: q.answer, provenance: q.provenance }))).toEqual([
      { id: question.id, answer: "Klopt: de bron had een storing.", provenance: null },
    ]);
    // Nobody else's questions in another role's own list.
    expect(QuestionList.parse(await (await get("/api/v1/questions/mine", permit)).json()).questions).toEqual([]);
    expect((await get("/api/v1/questions?status=answered", analyst)).status).toBe(200);
  });

  it("gives the policy role no suppressed value through a question", async () => {
    const breakdown = Series.parse(await (await get("/api/v1/indicators/odour-complaints/series?by=breakdown", policy)).json());
    const hidden = breakdown.points.find((p) => p.suppressed)!;
    expect(hidden).toBeDefined();
    const full = Series.parse(await (await get(`/api/v1/indicators/odour-complaints/series?area=${hidden.areaCode}`, admin)).json());
    expect(full.points.find((p) => p.period === hidden.period)?.value).not.toBeNull();

    const subject = { kind: "indicator", indicatorId: "odour-complaints", areaCode: hidden.areaCode, period: hidden.period };
    const asked = await send("POST", "/api/v1/questions", policy, { subject, text: "Waarom is dit leeg?" });
    expect(asked.status).toBe(201);
    const body = await asked.text();
    expect(JSON.parse(body)).toMatchObject({ provenance: null });
    const id = (JSON.parse(body) as { id: number }).id;
    const seen = QuestionList.parse(await (await get("/api/v1/questions", admin)).json()).questions.find((q) => q.id === id)!;
    // The analysts see what the policy officer was shown: a suppressed cell, no value.
    expect(seen.provenance).toMatchObject({ areaCode: hidden.areaCode, period: hidden.period, value: null, suppressed: true, servedTo: "policy" });
    const mine = await (await get("/api/v1/questions/mine", policy)).text();
    expect(mine).not.toContain('"provenance":{');
  });

  it("refuses bad questions with a 400 naming the parameter, and the analysts' routes to other roles", async () => {
    const cases: [unknown, string][] = [
      [{ subject: { kind: "indicator", indicatorId: "nope" }, text: "?" }, "subject.indicatorId"],
      [{ subject: { kind: "indicator", indicatorId: "no2-annual-mean", period: "1850" }, text: "?" }, "subject.period"],
      [{ subject: { kind: "indicator", indicatorId: "no2-annual-mean", areaCode: "XX" }, text: "?" }, "subject.areaCode"],
      [{ subject: { kind: "indicator", indicatorId: "no2-annual-mean" }, text: "x".repeat(1001) }, "text"],
      [{ subject: { kind: "station", station: "NL10938" }, text: "?" }, "subject.kind"],
      [{ subject: { kind: "indicator", indicatorId: "no2-annual-mean" }, text: "?", provenance: { value: 1 } }, "provenance"],
    ];
    for (const [body, name] of cases) {
      const response = await send("POST", "/api/v1/questions", policy, body);
      expect(response.status, name).toBe(400);
      expect(await problemParams(response), name).toContain(name);
    }
    expect((await send("POST", "/api/v1/questions", policy, cases[0]![0], false)).status).toBe(403);
    expect((await get("/api/v1/questions", policy)).status).toBe(403);
    expect((await get("/api/v1/questions", permit)).status).toBe(403);
    expect((await send("POST", "/api/v1/questions/1/answer", policy, { answer: "ja" })).status).toBe(403);
    expect((await send("POST", "/api/v1/questions/999999/answer", analyst, { answer: "ja" })).status).toBe(404);
    expect(await problemParams(await send("POST", "/api/v1/questions/1/answer", analyst, { answer: "" }))).toContain("answer");
    expect(await problemParams(await get("/api/v1/questions?status=closed", analyst))).toContain("status");
  });

  it("lets a role that sees stations ask about one, with the station's published runs attached", async () => {
    const stations = (await (await get("/api/v1/stations", permit)).json()) as { stations: { number: string }[] };
    const number = stations.stations[0]!.number;
    const asked = await send("POST", "/api/v1/questions", permit, { subject: { kind: "station", station: number }, text: "Piek?" });
    expect(asked.status).toBe(201);
    const id = Question.parse(await asked.json()).id;
    const seen = QuestionList.parse(await (await get("/api/v1/questions", analyst)).json()).questions.find((q) => q.id === id)!;
    expect(seen.provenance).toMatchObject({ station: number, servedTo: "permit" });
    expect(seen.provenance!.runs.every((r) => r.runId !== null)).toBe(true);
  });
});
