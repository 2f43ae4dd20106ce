/**
 * The address search and the location dossier by address on the demo monitor (its BAG-shaped town):
 * every form of query the address box takes, the errors, who may call them, and the audit trail.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { z } from "zod";
import { Address, AddressSearch } from "../../src/ground/contract/contract-addresses.ts";
import { AuditList, LocationDossier } from "../../src/ground/contract/contract-dossier.ts";
import { login, startTestMonitor, type Login, type TestMonitor } from "../support/test-server.ts";

let monitor: TestMonitor;
let permit: Login;
let policy: Login;
let admin: Login;
/** A plain address (no letter, no addition) on a street of at least seven letters, chosen the same way every run. */
let target: Address;

const get = (path: string, auth: Login = permit) => fetch(`${monitor.url}${path}`, { headers: { cookie: auth.cookie } });
async function json<S extends z.ZodType>(schema: S, path: string, auth: Login = permit): Promise<z.output<S>> {
  const response = await get(path, auth);
  expect(response.status, path).toBe(200);
  return schema.parse(await response.json());
}
const search = (q: string, limit = 10) => json(AddressSearch, `/api/v1/addresses?${new URLSearchParams({ q, limit: String(limit) })}`);
const ids = async (q: string, limit = 10) => (await search(q, limit)).items.map((a) => a.id);

beforeAll(async () => {
  monitor = await startTestMonitor(inject("demoDir"));
  [permit, policy, admin] = await Promise.all([login(monitor.url, "permit"), login(monitor.url, "policy"), login(monitor.url, "admin")]);
  const rows = await monitor.db.query(`SELECT address_id FROM main.bag_addresses a
    WHERE house_letter IS NULL AND addition IS NULL AND length(street) >= 9 AND house_number >= 10
      AND (SELECT count(*) FROM main.bag_addresses b WHERE b.postcode = a.postcode AND b.house_number = a.house_number) = 1
    ORDER BY address_id LIMIT 1`);
  target = await json(Address, `/api/v1/addresses/${rows[0]!.address_id}`);
});
afterAll(() => monitor?.close());

describe("GET /api/v1/addresses", () => {
  it("finds a postcode and house number written in every usual way", async () => {
    const [digits, letters] = target.postcode.split(" ") as [string, string];
    for (const q of [`${digits} ${letters} ${target.number}`, `${digits}${letters}${target.number}`, `${digits}${letters.toLowerCase()} ${target.number}`]) {
      expect((await ids(q))[0], q).toBe(target.id);
    }
  });

  it("finds street and number, with a place after it or not", async () => {
    expect((await ids(`${target.street} ${target.number}`))[0]).toBe(target.id);
    expect((await ids(`${target.street.toLowerCase()} ${target.number} ${target.place}`))[0]).toBe(target.id);
    expect((await ids(`${target.street} ${target.number} nergensdorp`))[0]).toBe(target.id);
  });

  it("tolerates a typo in the street", async () => {
    // One letter in the middle changed, one dropped: one and two edits on a name of nine letters or more.
    const middle = Math.floor(target.street.length / 2);
    const swapped = `${target.street.slice(0, middle)}${target.street[middle] === "x" ? "y" : "x"}${target.street.slice(middle + 1)}`;
    const dropped = `${target.street.slice(0, middle)}${target.street.slice(middle + 1)}`;
    for (const typo of [swapped, dropped]) {
      const found = await search(`${typo} ${target.number}`);
      expect(
        found.items.map((a) => a.id),
        typo,
      ).toContain(target.id);
    }
  });

  it("completes partial input: a street begun, a number begun, a postcode begun", async () => {
    const begun = await search(target.street.slice(0, 4), 20);
    expect(begun.items.length).toBeGreaterThan(0);
    const first = String(target.number)[0]!;
    const numbers = await search(`${target.street} ${first}`, 50);
    expect(numbers.items.length).toBeGreaterThan(0);
    for (const a of numbers.items.filter((i) => i.street === target.street)) expect(String(a.number).startsWith(first)).toBe(true);
    const postcode = await search(target.postcode.slice(0, 6), 10);
    expect(postcode.items.length).toBeGreaterThan(0);
    for (const a of postcode.items) expect(a.postcode.startsWith(target.postcode.slice(0, 6))).toBe(true);
    expect(postcode.total).toBeGreaterThanOrEqual(postcode.items.length);
  });

  it("answers 200 with nothing for what matches nothing", async () => {
    expect((await search("Qwxzvbnmstraat 1")).items).toEqual([]);
  });

  it.each([
    ["", "q"],
    ["q=", "q"],
    [`q=${"a".repeat(201)}`, "q"],
    ["q=spui&limit=0", "limit"],
    ["q=spui&limit=51", "limit"],
    ["q=spui&page=2", "page"],
  ])("refuses ?%s naming %s", async (query, name) => {
    const response = await get(`/api/v1/addresses?${query}`);
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    const body = (await response.json()) as { invalidParams: { name: string }[] };
    expect(body.invalidParams.map((p) => p.name)).toContain(name);
  });

  it("is the permit officer's: 403 for the policy role", async () => {
    expect((await get("/api/v1/addresses?q=a", policy)).status).toBe(403);
    expect((await get(`/api/v1/addresses/${target.id}`, policy)).status).toBe(403);
  });

  it("answers one address by id, 404 for an unknown or malformed id", async () => {
    expect(await json(Address, `/api/v1/addresses/${target.id}`)).toEqual(target);
    expect((await get("/api/v1/addresses/0000000000000000")).status).toBe(404);
    expect((await get("/api/v1/addresses/spui-70")).status).toBe(404);
  });
});

describe("the location dossier by address", () => {
  it("is the address's point, titled by it, with sensitive buildings and complaints, and audited", async () => {
    const dossier = await json(LocationDossier, `/api/v1/locations/dossier?address=${target.id}&radius=1000`);
    expect(dossier.address).toEqual(target);
    expect([dossier.lat, dossier.lon]).toEqual([target.lat, target.lon]);
    expect(dossier.sensitive).not.toBeNull();
    expect(dossier.sensitive!.counts.map((c) => c.class)).toEqual(["school", "care", "dwelling"]);
    expect(dossier.sensitive!.counts.find((c) => c.class === "dwelling")!.addresses).toBeGreaterThan(0);
    const distances = dossier.sensitive!.nearest.map((n) => n.distanceM);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(distances.every((d) => d <= 1000)).toBe(true);
    for (const c of dossier.complaints) expect(c.distanceM).toBeLessThanOrEqual(1000);
    expect(JSON.stringify(dossier.complaints)).not.toMatch(/complainant|melder|name/i);
    const audit = await json(AuditList, "/api/v1/audit?limit=5", admin);
    expect(audit.entries[0]).toMatchObject({ username: "permit", action: "view-location", subject: target.id });
  });

  it("titles a dossier opened on coordinates by the nearest address within 50 m", async () => {
    const dossier = await json(LocationDossier, `/api/v1/locations/dossier?lat=${target.lat}&lon=${target.lon}`);
    expect(dossier.address).toBeNull();
    expect(dossier.nearestAddress).not.toBeNull();
    const far = await json(LocationDossier, "/api/v1/locations/dossier?lat=10&lon=10");
    expect(far.nearestAddress).toBeNull();
  });

  it.each([
    ["lat=52.08", "address"],
    ["", "address"],
    ["address=0518200000000001&lat=52.08&lon=4.3", "address"],
    ["address=0518200000000001&radius=10", "radius"],
  ])("refuses ?%s naming %s", async (query, name) => {
    const response = await get(`/api/v1/locations/dossier?${query}`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { invalidParams: { name: string }[] };
    expect(body.invalidParams.map((p) => p.name)).toContain(name);
  });

  it("answers 404 for an unknown address and 403 to the policy role", async () => {
    expect((await get("/api/v1/locations/dossier?address=0000000000000000")).status).toBe(404);
    expect((await get("/api/v1/locations/dossier?address=nope")).status).toBe(404);
    expect((await get(`/api/v1/locations/dossier?address=${target.id}`, policy)).status).toBe(403);
  });

  it("exports as CSV in words, not codes, audited as an export", async () => {
    const response = await get(`/api/v1/locations/dossier?address=${target.id}&radius=2000&format=csv&lang=nl&sep=semicolon`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
    expect(response.headers.get("content-disposition")).toContain(`omgeving-${target.id}.csv`);
    const text = await response.text();
    expect(text).toContain(`${target.street} ${target.number}, ${target.postcode} ${target.place}`);
    expect(text).toContain("soort;id;omschrijving;datum;status;afstand_m");
    expect(text).not.toMatch(/in_progress|;noise;|;odour;|onderwijsfunctie/);
    const audit = await json(AuditList, "/api/v1/audit?limit=5", admin);
    expect(audit.entries[0]).toMatchObject({ username: "permit", action: "export-location", subject: target.id });
  });
});
