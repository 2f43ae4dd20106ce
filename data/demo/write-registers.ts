/**
 * The municipality's own registers as the nightly CSV exports a permit system produces:
 * establishments (milieubelastende activiteiten, formerly "inrichtingen"), their permits, inspections
 * with their findings, and complaints. Fictional, seeded.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { DemoGeography } from "./geography.ts";
import { randomPointIn } from "./geography.ts";
import type { Random } from "./random.ts";
import type { NearestAddress } from "./write-bag.ts";
import { findingsOf } from "./write-findings.ts";

/** SBI activity, its description and the VNG environmental category (1 light … 5 heavy). */
const ACTIVITIES: [string, string, number][] = [
  ["5610", "Restaurant", 1],
  ["5630", "Café", 1],
  ["4711", "Supermarkt", 2],
  ["4520", "Autoreparatiebedrijf", 2],
  ["1071", "Bakkerij", 2],
  ["9601", "Wasserij", 2],
  ["4120", "Bouwbedrijf", 3],
  ["2562", "Metaalbewerking", 3],
  ["3832", "Afvalverwerking", 4],
  ["1011", "Vleesverwerking", 4],
  ["2011", "Chemische industrie", 5],
  ["3511", "Energiecentrale", 5],
];
const STREETS = ["Dorpsstraat", "Kerkstraat", "Molenweg", "Havenkade", "Industrieweg", "Stationsplein", "Lindelaan", "Parkweg", "Noordsingel", "Ambachtsweg"];
const SURNAMES = ["de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "Bos", "Vos"];
const COMPANY = ["Groenmeer", "Noord", "Rijn", "Polder", "Delta", "Centraal", "Haven", "Molen"];

const csv = (rows: (string | number | boolean | null)[][]) =>
  rows.map((r) => r.map((v) => (v === null ? "" : /[",\n]/.test(String(v)) ? `"${String(v).replaceAll('"', '""')}"` : String(v))).join(",")).join("\n") + "\n";
const day = (date: Date) => date.toISOString().slice(0, 10);
const pick = <T>(items: T[], random: Random) => items[Math.floor(random.next() * items.length)]!;

/**
 * `enforcement` draws what came later (findings, where complaints were made, complaints linked to no
 * establishment, handling deadlines) from a stream of its own, so the older registers stay as they were.
 */
export function writeRegisters(
  dir: string,
  geography: DemoGeography,
  random: Random,
  {
    establishments = 1500,
    asOf = new Date("2026-01-01"),
    enforcement = undefined as Random | undefined,
    addressAt = undefined as ((lon: number, lat: number, buurtCode: string) => NearestAddress | null) | undefined,
  } = {},
): void {
  mkdirSync(dir, { recursive: true });
  const est: (string | number | boolean)[][] = [
    ["establishment_id", "name", "street", "house_number", "postcode", "city", "lon", "lat", "sbi_code", "activity", "category", "natural_person"],
  ];
  const permits: (string | number | null)[][] = [
    ["permit_id", "establishment_id", "type", "status", "applied_on", "decided_on", "valid_until", "noise_limit_dba", "dust_limit_mg_m3"],
  ];
  const inspections: (string | number | null)[][] = [["inspection_id", "establishment_id", "inspected_on", "result", "violations"]];
  const complaints: (string | number | null)[][] = [["complaint_id", "establishment_id", "received_on", "kind", "status", "lon", "lat"]];
  const industrial = new Set(geography.buurten.filter((_, i) => i % 7 === 3).map((b) => b.code));

  for (let i = 1; i <= establishments; i++) {
    const heavy = random.next() < 0.15;
    const buurt = heavy
      ? pick(
          geography.buurten.filter((b) => industrial.has(b.code)),
          random,
        )
      : pick(geography.buurten, random);
    const [sbi, activity, category] = pick(
      ACTIVITIES.filter(([, , c]) => (heavy ? c >= 3 : c <= 3)),
      random,
    );
    const drawn = randomPointIn(buurt, random);
    // With the BAG, an establishment sits at the address nearest to where it was drawn (in its buurt),
    // and the street, number and postcode drawn below give way to that address's.
    const address = addressAt?.(drawn[0], drawn[1], buurt.code) ?? null;
    const [lon, lat] = address ? [address.lon, address.lat] : drawn;
    const naturalPerson = category <= 2 && random.next() < 0.3;
    const name = naturalPerson
      ? `${"ABCDEFGHJKLMNPRSTVW"[Math.floor(random.next() * 19)]}. ${pick(SURNAMES, random)} ${activity}`
      : `${activity} ${pick(COMPANY, random)} B.V.`;
    const id = `IN-${String(i).padStart(6, "0")}`;
    // Drawn even when the BAG address replaces them, so every later draw of the stream stays the same.
    const street = pick(STREETS, random);
    const number = 1 + Math.floor(random.next() * 180);
    const postcode = `${3500 + Math.floor(random.next() * 90)} ${"ABCDEFGHJK"[Math.floor(random.next() * 10)]}${"LMNPRSTVWX"[Math.floor(random.next() * 10)]}`;
    est.push([
      id,
      name,
      address?.street ?? street,
      address?.house_number ?? number,
      address?.postcode ?? postcode,
      address?.place ?? "Groenmeer",
      lon,
      lat,
      sbi,
      activity,
      category,
      naturalPerson,
    ]);

    // Heavier categories need a permit; lighter ones are notified (melding) under general rules.
    const applied = new Date(Date.UTC(2008 + Math.floor(random.next() * 17), Math.floor(random.next() * 12), 1 + Math.floor(random.next() * 28)));
    const decided = new Date(applied.getTime() + (20 + random.next() * 160) * 86_400_000);
    const refused = random.next() < 0.04;
    const validUntil = category >= 3 ? new Date(decided.getTime() + (3 + Math.floor(random.next() * 12)) * 365 * 86_400_000) : null;
    const status = refused ? "refused" : decided > asOf ? "requested" : validUntil && validUntil < asOf ? "expired" : "granted";
    permits.push([
      `VG-${String(i).padStart(6, "0")}`,
      id,
      category >= 3 ? "environmental_permit" : "notification",
      status,
      day(applied),
      status === "requested" ? null : day(decided),
      validUntil ? day(validUntil) : null,
      category >= 2 ? 40 + category * 5 : null,
      category >= 4 ? Math.round((5 + random.next() * 15) * 10) / 10 : null,
    ]);

    // Inspections: more often for heavier categories; violations cluster at some establishments.
    const prone = random.next() < 0.12;
    const visits = Math.round((category / 2) * (1 + random.next() * 2));
    for (let v = 0; v < visits; v++) {
      const when = new Date(Date.UTC(2016 + Math.floor(random.next() * 10), Math.floor(random.next() * 12), 1 + Math.floor(random.next() * 28)));
      if (when > asOf) continue;
      const violations = random.next() < (prone ? 0.5 : 0.08) ? 1 + Math.floor(random.next() * 3) : 0;
      const result = violations === 0 ? "compliant" : violations >= 3 ? "serious_violation" : "violation";
      inspections.push([`CT-${String(inspections.length).padStart(6, "0")}`, id, day(when), result, violations]);
    }

    // Complaints: mostly about bars, workshops and industry; noise dominates.
    const expected = category >= 4 ? 3 : sbi === "5630" ? 4 : category * 0.4;
    const count = Math.floor(expected * random.next() * 2);
    for (let c = 0; c < count; c++) {
      const when = new Date(Date.UTC(2019 + Math.floor(random.next() * 7), Math.floor(random.next() * 12), 1 + Math.floor(random.next() * 28)));
      if (when > asOf) continue;
      const kind = category >= 4 ? pick(["odour", "dust", "noise", "odour"], random) : pick(["noise", "noise", "noise", "light", "other"], random);
      const status = when.getUTCFullYear() >= 2025 && random.next() < 0.4 ? pick(["open", "in_progress"], random) : "closed";
      complaints.push([`KL-${String(complaints.length).padStart(6, "0")}`, id, day(when), kind, status, lon, lat]);
    }
  }
  writeFileSync(path.join(dir, "establishments.csv"), csv(est));
  writeFileSync(path.join(dir, "permits.csv"), csv(permits));
  writeFileSync(path.join(dir, "inspections.csv"), csv(inspections));
  if (enforcement) {
    writeFileSync(path.join(dir, "inspection-findings.csv"), csv(findingsOf(inspections.slice(1), enforcement)));
    placeComplaints(complaints, est.slice(1), enforcement, asOf);
  }
  writeFileSync(path.join(dir, "complaints.csv"), csv(complaints));
}

/** About 40 m per 0.0004° of latitude (and a bit less in longitude here). */
const jitter = (random: Random, degrees: number) => Math.round((random.next() - 0.5) * 2 * degrees * 1e6) / 1e6;

/**
 * Complaints are made from where the nuisance is noticed, not at the establishment's door: each point
 * moves up to ~60 m. Some complaints could not be linked to an establishment: about one per five
 * establishments, within ~250 m of one. From 2025 on the case system records a handling deadline
 * (`handle_by`, 6 weeks); older complaints leave it empty and the monitor applies the 8-week term.
 */
function placeComplaints(complaints: (string | number | null)[][], establishments: (string | number | boolean)[][], random: Random, asOf: Date): void {
  complaints[0]!.push("handle_by");
  const handleBy = (received: string) => (received >= "2025-01-01" ? day(new Date(Date.parse(received) + 42 * 86_400_000)) : null);
  for (const row of complaints.slice(1)) {
    row[5] = Math.round((Number(row[5]) + jitter(random, 0.0008)) * 1e6) / 1e6;
    row[6] = Math.round((Number(row[6]) + jitter(random, 0.0005)) * 1e6) / 1e6;
    row.push(handleBy(String(row[2])));
  }
  for (const e of establishments) {
    if (random.next() >= 0.2) continue;
    const count = 1 + Math.floor(random.next() * 2);
    for (let c = 0; c < count; c++) {
      const when = new Date(Date.UTC(2021 + Math.floor(random.next() * 5), Math.floor(random.next() * 12), 1 + Math.floor(random.next() * 28)));
      if (when > asOf) continue;
      const received = day(when);
      const status = when.getUTCFullYear() >= 2025 && random.next() < 0.4 ? pick(["open", "in_progress"], random) : "closed";
      complaints.push([
        `KL-${String(complaints.length).padStart(6, "0")}`,
        null,
        received,
        pick(["noise", "noise", "odour", "light", "other"], random),
        status,
        Math.round((Number(e[6]) + jitter(random, 0.003)) * 1e6) / 1e6,
        Math.round((Number(e[7]) + jitter(random, 0.0018)) * 1e6) / 1e6,
        handleBy(received),
      ]);
    }
  }
}
