/**
 * Every path × every method × every role: the answer must follow the access table, a method the
 * table does not list for a path is refused to everyone (deny by default), and the app must register
 * exactly the routes the table lists (a route added without an entry fails here).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { routeAccess, isAllowed, type RouteKey } from "../../src/ground/contract/access.ts";
import { roles, type Role } from "../../src/ground/contract/contract.ts";
import { addAccount } from "../../src/engine/auth/users.ts";
import { login, startTestMonitor, type Login, type TestMonitor } from "../support/test-server.ts";

let monitor: TestMonitor;
/** The account PATCH /users changes, so no role's own session is ended by the matrix. */
const MATRIX_USER = "matrix-user";
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
let created = 0;
let stationsRunId: number;
let addressId: string;
const sessions = new Map<Role, Login>();
/** Notes for DELETE /annotations/:id, one per call (each role's call deletes its own), and a question to answer. */
const noteIds: number[] = [];
let questionId: number;

beforeAll(async () => {
  monitor = await startTestMonitor(inject("demoDir"));
  const runs = await monitor.db.query("SELECT max(run_id) AS id FROM meta.pipeline_runs WHERE pipeline = 'air-quality-stations'");
  stationsRunId = Number(runs[0]!.id);
  addressId = String((await monitor.db.query("SELECT min(address_id) AS id FROM main.bag_addresses"))[0]!.id);
  await addAccount(monitor.db, MATRIX_USER, "a long enough password", "policy", new Date());
  const notes = await monitor.db.query(
    "INSERT INTO meta.annotations (subject, subject_id, date_from, text_nl, author, created_at) SELECT 'indicator', 'trees-planted', DATE '2024-01-01', 'matrix', 'analyst', now() FROM range(60) RETURNING annotation_id",
  );
  noteIds.push(...notes.map((r) => Number(r.annotation_id)));
  const question = await monitor.db.query(
    "INSERT INTO meta.questions (asked_by, asked_role, asked_at, subject, provenance, text, status) VALUES ('policy', 'policy', now(), $1, $2, 'matrix', 'open') RETURNING question_id",
    // As POST /api/v1/questions stores them: the contract test checks the answers that list this question.
    [
      JSON.stringify({ kind: "indicator", indicatorId: "no2-annual-mean" }),
      JSON.stringify({
        indicatorId: "no2-annual-mean",
        station: null,
        name: "matrix",
        period: null,
        areaCode: null,
        areaName: null,
        value: null,
        suppressed: false,
        unit: null,
        servedTo: "policy",
        source: "matrix",
        licence: null,
        runs: [],
        dataVersion: "matrix",
        qualityTier: null,
      }),
    ],
  );
  questionId = Number(question[0]!.question_id);
});
afterAll(() => monitor?.close());

/** A path of the route that the allowed roles get a 2xx for. */
const examplePath = (path: string) =>
  path
    .replace("/establishments/:id", "/establishments/IN-000001")
    .replace("/measurements", "/measurements?from=2025-01-01&to=2025-01-02")
    .replace("/locations/dossier", "/locations/dossier?lat=52.09&lon=5.1")
    .replace("/buildings", "/buildings?bbox=5.10,52.10,5.11,52.11")
    .replace("/addresses/:id", `/addresses/${addressId}`)
    .replace(/\/addresses$/, "/addresses?q=1000")
    .replace(/\/annotations$/, "/annotations?indicator=no2-annual-mean")
    .replace("/annotations/:id", () => `/annotations/${noteIds.shift()}`)
    .replace("/questions/:id", `/questions/${questionId}`)
    .replace(":themeId", "air-quality")
    .replace("/areas/:code/profile", "/areas/WK999901/profile")
    // Contributions need a breakdown the indicator offers; NO₂ offers none.
    .replace("/indicators/:id/contributions", "/indicators/co2-emissions/contributions?by=sector")
    .replace(":id", "no2-annual-mean")
    .replace(":number", "NL99001")
    .replace(":name", "air-quality-stations")
    .replace(":runId", String(stationsRunId))
    .replace(":username", MATRIX_USER);

/** A body the route accepts, so an allowed call can succeed. */
function bodyFor(key: string): unknown {
  if (key === "POST /api/v1/users") return { username: `matrix-${++created}`, password: "a long enough password", role: "policy" };
  if (key === "PATCH /api/v1/users/:username") return { role: "policy" };
  if (key === "POST /api/v1/backups") return {};
  if (key === "POST /api/v1/annotations") return { subject: "indicator", subjectId: "no2-annual-mean", from: "2024-01-01", text: "matrix" };
  if (key === "POST /api/v1/questions") return { subject: { kind: "indicator", indicatorId: "no2-annual-mean" }, text: "matrix" };
  if (key === "POST /api/v1/questions/:id/answer") return { answer: "matrix" };
  return { username: "policy", password: "demo" };
}

/** A fresh session for POST and DELETE /session: both end the session they are called with. */
async function call(key: string, role: Role | "anonymous"): Promise<number> {
  const [method, path] = key.split(" ") as [string, string];
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (role !== "anonymous") {
    const session = method === "GET" ? (sessions.get(role) ?? (await login(monitor.url, role))) : await login(monitor.url, role);
    if (method === "GET") sessions.set(role, session);
    headers.cookie = session.cookie;
    headers["x-csrf-token"] = session.csrfToken;
  }
  const response = await fetch(`${monitor.url}${examplePath(path)}`, {
    method,
    headers,
    body: method === "GET" || method === "DELETE" ? undefined : JSON.stringify(bodyFor(key)),
  });
  await response.body?.cancel();
  // A started run must end before the next role may start one (a second would be a 409).
  while (monitor.runner.isRunning("air-quality-stations")) await new Promise((resolve) => setTimeout(resolve, 20));
  return response.status;
}

describe("access matrix", () => {
  const cases = Object.keys(routeAccess).flatMap((key) => (["anonymous", ...roles] as const).map((role) => [key as RouteKey, role] as const));

  it.each(cases)("%s as %s follows the access table", async (key, role) => {
    const access = routeAccess[key];
    const status = await call(key, role);
    if (role === "anonymous" && access !== "public") expect(status).toBe(401);
    else if (!isAllowed(access, role === "anonymous" ? undefined : role)) expect(status).toBe(403);
    else expect(status).toBeLessThan(300);
  });

  const paths = [...new Set(Object.keys(routeAccess).map((key) => key.split(" ")[1]!))];
  const unlisted = paths.flatMap((path) => METHODS.map((method) => `${method} ${path}`)).filter((key) => !(key in routeAccess));
  // RFC 9110: the path exists, the method does not: 405 (with Allow; test/integration/api-design-rules.test.ts).
  it.each(unlisted.flatMap((key) => (["anonymous", ...roles] as const).map((role) => [key, role] as const)))("%s as %s is not served", async (key, role) => {
    expect(await call(key, role)).toBe(405);
  });

  it("registers exactly the routes of the access table", () => {
    type Layer = { route?: { path: string; methods: Record<string, boolean> } };
    const stack = (monitor.app as unknown as { router: { stack: Layer[] } }).router.stack;
    const registered = stack
      .filter((layer) => layer.route)
      .flatMap((layer) => Object.keys(layer.route!.methods).map((m) => `${m.toUpperCase()} ${layer.route!.path}`));
    expect(registered.sort()).toEqual(Object.keys(routeAccess).sort());
  });

  it("keeps the station detail from a policy officer even with a valid session and CSRF token", async () => {
    expect(await call("GET /api/v1/stations/:number", "policy")).toBe(403);
  });
});
