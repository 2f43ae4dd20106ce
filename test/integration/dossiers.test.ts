/**
 * The permit officer's API on the demo register: search, the establishment and location dossiers,
 * their audit trail, and who may see them.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { z } from "zod";
import {
  AuditList,
  EstablishmentDossier,
  EstablishmentSearch,
  LocationDossier,
  type EstablishmentSummary,
} from "../../src/ground/contract/contract-dossier.ts";
import { login, startTestMonitor, type Login, type TestMonitor } from "../support/test-server.ts";

let monitor: TestMonitor;
let permit: Login;
let admin: Login;
const logLines: string[] = [];

beforeAll(async () => {
  monitor = await startTestMonitor(inject("demoDir"), { log: (line) => logLines.push(line) });
  [permit, admin] = await Promise.all([login(monitor.url, "permit"), login(monitor.url, "admin")]);
});
afterAll(() => monitor?.close());

const get = (path: string, auth: Login) => fetch(`${monitor.url}${path}`, { headers: { cookie: auth.cookie } });
async function json<S extends z.ZodType>(schema: S, path: string, auth: Login = permit): Promise<z.output<S>> {
  const response = await get(path, auth);
  expect(response.status, path).toBe(200);
  expect(response.headers.get("cache-control")).toBe("no-store");
  expect(response.headers.get("vary")).toContain("Cookie");
  return schema.parse(await response.json());
}
const search = (query: string) => json(EstablishmentSearch, `/api/v1/establishments?${query}`);

/** Great-circle distance in metres, computed here independently of the server's SQL. */
function metres(a: { lat: number; lon: number }, b: { lat: number; lon: number }) {
  const rad = Math.PI / 180;
  const h = Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
  return 12_742_000 * Math.asin(Math.sqrt(h));
}

async function anEstablishment(): Promise<EstablishmentSummary> {
  return (await search("pageSize=1&page=7")).items[0]!;
}

describe("search", () => {
  it("finds establishments by part of their name, sorted by name and paged", async () => {
    const first = await anEstablishment();
    const word = first.name.split(" ").at(-1)!;
    const page1 = await search(`q=${encodeURIComponent(word.toLowerCase())}&pageSize=5`);
    expect(page1.total).toBeGreaterThan(0);
    for (const item of page1.items) expect(`${item.name} ${item.address} ${item.postcode} ${item.activity}`.toLowerCase()).toContain(word.toLowerCase());
    expect(page1.items.map((i) => i.name)).toEqual([...page1.items.map((i) => i.name)].sort());
    if (page1.total > 5) {
      const page2 = await search(`q=${encodeURIComponent(word)}&pageSize=5&page=2`);
      expect(page2.items[0]!.id).not.toBe(page1.items[0]!.id);
    }
  });

  it("finds everything near a point within the radius, nearest first", async () => {
    const centre = await anEstablishment();
    const found = await search(`near=${centre.lat},${centre.lon}&radius=400&pageSize=100`);
    expect(found.sort).toBe("distance");
    expect(found.items[0]!.id).toBe(centre.id);
    const distances = found.items.map((i) => i.distanceM!);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    for (const item of found.items) expect(Math.abs(metres(centre, item) - item.distanceM!)).toBeLessThan(2);
    expect(Math.max(...distances)).toBeLessThanOrEqual(400);
    // Nothing within the radius is left out: everything on the register outside it is farther.
    const all = await search("pageSize=100&page=1");
    const missed = all.items.filter((i) => metres(centre, i) <= 399 && !found.items.some((f) => f.id === i.id));
    expect(missed).toEqual([]);
  });

  it("filters by wijk, SBI code prefix and category", async () => {
    const centre = await anEstablishment();
    const inWijk = await search(`area=${centre.wijkCode}&pageSize=100`);
    expect(inWijk.items.every((i) => i.wijkCode === centre.wijkCode)).toBe(true);
    const bySbi = await search(`sbi=${centre.sbiCode.slice(0, 2)}&category=${centre.category}&pageSize=100`);
    expect(bySbi.items.map((i) => i.id)).toContain(centre.id);
    expect(bySbi.items.every((i) => i.sbiCode.startsWith(centre.sbiCode.slice(0, 2)) && i.category === centre.category)).toBe(true);
  });

  it.each([
    ["near=52.1", "near"],
    ["radius=100", "radius"],
    ["sort=distance", "sort"],
    ["sort=name;DROP TABLE main.establishments", "sort"],
    ["pageSize=1000", "pageSize"],
    ["q=x…(10 kB)", "q"],
    ["category=9", "category"],
    ["area=WK1", "area"],
    ["colour=red", "colour"],
  ])("answers %s with 400 naming %s", async (query, parameter) => {
    const response = await get(`/api/v1/establishments?${query.replace("x…(10 kB)", "x".repeat(10_000))}`, permit);
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { invalidParams: { name: string }[] };
    expect(problem.invalidParams.map((p) => p.name)).toContain(parameter);
  });
});

describe("establishment dossier", () => {
  it("brings permits, inspections with their follow-up, complaints, air and noise and open items together", async () => {
    // An establishment with a violation, so follow-up and open items have something to say.
    const rows = await monitor.db.query("SELECT establishment_id FROM main.inspections WHERE result <> 'compliant' ORDER BY establishment_id LIMIT 1");
    const id = String(rows[0]!.establishment_id);
    const dossier = await json(EstablishmentDossier, `/api/v1/establishments/${id}`);
    expect(dossier.establishment.id).toBe(id);
    const counts = await monitor.db.query(
      "SELECT (SELECT count(*) FROM main.permits WHERE establishment_id = $id) AS permits, (SELECT count(*) FROM main.inspections WHERE establishment_id = $id) AS inspections, (SELECT count(*) FROM main.complaints WHERE establishment_id = $id) AS complaints",
      { id },
    );
    expect([dossier.permits.length, dossier.inspections.length, dossier.complaints.length]).toEqual([
      counts[0]!.permits,
      counts[0]!.inspections,
      counts[0]!.complaints,
    ]);

    // A violation's follow-up is the next inspection; without one it is an open item.
    const byDate = [...dossier.inspections].sort((a, b) => a.inspectedOn.localeCompare(b.inspectedOn) || a.id.localeCompare(b.id));
    byDate.forEach((inspection, i) => {
      if (inspection.result !== "compliant") expect(inspection.followUpOn).toBe(byDate[i + 1]?.inspectedOn ?? null);
    });
    for (const open of byDate.filter((i) => i.result !== "compliant" && i.followUpOn === null)) {
      expect(dossier.openItems).toContainEqual(expect.objectContaining({ kind: "violation-without-follow-up", subject: open.id }));
    }
    expect(dossier.complaintsByYear.reduce((s, c) => s + c.count, 0)).toBe(dossier.complaints.length);

    const stations = dossier.nearby.stations;
    expect(stations.length).toBeGreaterThan(0);
    expect(stations.map((s) => s.distanceM)).toEqual([...stations.map((s) => s.distanceM)].sort((a, b) => a - b));
    for (const station of stations) {
      expect(station.qualityTier).toBe("provisional");
      const annual = station.values.find((v) => v.formula === "NO2" && v.window === "365d")!;
      expect(annual.norms.map((n) => n.norm.id)).toEqual(["eu-2008", "eu-2030", "who-2021"]);
      for (const check of annual.norms) expect(check.above).toBe(annual.value! > check.norm.value);
    }
    expect(dossier.nearby.sensors.every((s) => s.kind === "sensor" && s.qualityTier === "indicative")).toBe(true);
    expect(dossier.noise!.buurtCode).toBe(dossier.establishment.buurtCode);
    expect(dossier.noise!.classes.reduce((s, c) => s + c.share, 0)).toBeCloseTo(1, 2);
    expect(dossier.sources.map((s) => s.pipeline)).toContain("permits");
  });

  it("answers an unknown or malformed id with the same 404", async () => {
    for (const id of ["IN-999999", "nope", "IN-1%27%3B%20DROP"]) {
      const response = await get(`/api/v1/establishments/${id}`, permit);
      expect(response.status, id).toBe(404);
    }
  });

  it("exports the dossier as CSV with its timeline, and audits views and exports", async () => {
    const { id } = await anEstablishment();
    await json(EstablishmentDossier, `/api/v1/establishments/${id}`);
    const csv = await get(`/api/v1/establishments/${id}?format=csv`, permit);
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(csv.headers.get("content-disposition")).toContain(`dossier-${id}.csv`);
    const text = await csv.text();
    expect(text.split("\r\n")[0]).toContain(`environmentally harmful activity ${id}`);
    expect(text).toContain("date,kind,id,status,detail");

    const audit = await json(AuditList, "/api/v1/audit?limit=10", admin);
    expect(audit.entries.slice(0, 2)).toEqual([
      expect.objectContaining({ username: "permit", role: "permit", action: "export-establishment", subject: id }),
      expect.objectContaining({ username: "permit", role: "permit", action: "view-establishment", subject: id }),
    ]);
  });
});

describe("location dossier", () => {
  it("gives the buurt, its figures, air, noise, heat and green, and the establishments around the point", async () => {
    const centre = await anEstablishment();
    const dossier = await json(LocationDossier, `/api/v1/locations/dossier?lat=${centre.lat}&lon=${centre.lon}&radius=300`);
    expect(dossier.buurt!.code).toBe(centre.buurtCode);
    expect(dossier.buurt!.wijkCode).toBe(centre.wijkCode);
    expect(dossier.keyFigures.map((k) => k.measure)).toContain("inhabitants");
    expect(dossier.greenHeat!.heatStressClass).toBeGreaterThanOrEqual(1);
    expect(dossier.noise!.buurtCode).toBe(centre.buurtCode);
    expect(dossier.establishments[0]!.id).toBe(centre.id);
    expect(dossier.establishments.every((e) => e.distanceM! <= 300)).toBe(true);
    const audit = await json(AuditList, "/api/v1/audit?limit=1", admin);
    expect(audit.entries[0]).toMatchObject({ action: "view-location", username: "permit" });
  });

  it("answers a point off the map with no buurt, and bad coordinates with 400", async () => {
    const far = await json(LocationDossier, "/api/v1/locations/dossier?lat=10&lon=10");
    expect(far).toMatchObject({ buurt: null, establishments: [], noise: null });
    expect((await get("/api/v1/locations/dossier?lat=95&lon=5", permit)).status).toBe(400);
    expect((await get("/api/v1/locations/dossier?lon=5", permit)).status).toBe(400);
  });
});

describe("access and privacy", () => {
  it("refuses policy and analyst every dossier route and the audit log, with problem+json", async () => {
    const { id } = await anEstablishment();
    for (const role of ["policy", "analyst"]) {
      const session = await login(monitor.url, role);
      for (const path of ["/api/v1/establishments?q=a", `/api/v1/establishments/${id}`, "/api/v1/locations/dossier?lat=52.1&lon=5.1", "/api/v1/audit"]) {
        const response = await get(path, session);
        expect(response.status, `${role} ${path}`).toBe(403);
        expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      }
    }
    expect((await get("/api/v1/audit", permit)).status).toBe(403);
  });

  it("writes nothing about establishments to the server log", async () => {
    const { id, name } = await anEstablishment();
    await get(`/api/v1/establishments/${id}`, permit);
    await get(`/api/v1/establishments?q=${encodeURIComponent(name)}`, permit);
    const log = logLines.join("\n");
    expect(log).not.toContain(id);
    expect(log).not.toContain(name);
  });
});
