/**
 * address-search: the officer's address box as one types (issue 20.2), against the demo
 * municipality's BAG addresses and against ten times as many. The monitor runs in-process on the
 * demo (scale 1); its published `bag_addresses` is searched with typed inputs taken from the data
 * itself (street and number, postcode and number with and without the space, a typo, a partial
 * street, a place after the number), then nine renamed copies of every address are added (Oude …,
 * Nieuwe …, Korte … with their own postcodes, as a larger municipality's streets are) and the same
 * inputs are searched again by a fresh search service (so the street list is read anew). The
 * baseline is a lookup by id in the same database: the p95s are reported as ratios to it.
 */
import { createAddressSearch } from "../src/engine/dossiers/address-search.ts";
import { startTestMonitor } from "../test/support/test-server.ts";
import { demoAtScale } from "./api.ts";

const ROUNDS = Number(process.env.MM_BENCH_ROUNDS ?? 5);
const SAMPLE = 60;
/** Constants of this file (no input), so they are written into the SQL. */
const PREFIXES = ["", "Oude ", "Nieuwe ", "Korte ", "Lange ", "Noord ", "Zuid ", "Oost ", "West ", "Achter "];

const p95 = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  return Number(sorted[Math.min(sorted.length - 1, Math.floor(0.95 * sorted.length))]!.toFixed(2));
};

/** A one-letter typo in the street's longest word (a letter swapped for a neighbour on the keyboard row). */
function typo(street: string): string {
  const words = street.split(" ");
  const longest = words.reduce((a, b) => (b.length > a.length ? b : a));
  const at = Math.max(1, Math.floor(longest.length / 2));
  const swapped = longest.slice(0, at) + (longest[at] === "e" ? "r" : "e") + longest.slice(at + 1);
  return words.map((w) => (w === longest ? swapped : w)).join(" ");
}

/** What officers type for an address, from partial to complete. */
function inputsFor(a: { street: string; number: number; postcode: string; place: string }): string[] {
  return [
    `${a.street} ${a.number}`,
    `${a.postcode} ${a.number}`,
    `${a.postcode.replace(" ", "")}${a.number}`,
    `${typo(a.street)} ${a.number}`,
    a.street.slice(0, 3),
    `${a.street.toLowerCase()} ${a.number} ${a.place.toLowerCase()}`,
  ];
}

export async function benchAddressSearch() {
  const monitor = await startTestMonitor(demoAtScale(1), { logLevel: "warn" });
  try {
    const { db } = monitor;
    const options = { timeoutMs: 10_000 };
    const sample = (
      await db.query(`SELECT address_id, street, house_number, postcode, place FROM main.bag_addresses USING SAMPLE ${SAMPLE} ROWS (reservoir, 7)`)
    ).map((r) => ({
      id: String(r.address_id),
      street: String(r.street),
      number: Number(r.house_number),
      postcode: String(r.postcode),
      place: String(r.place),
    }));
    const inputs = sample.flatMap(inputsFor);

    const measure = async () => {
      const search = createAddressSearch(db);
      const found: number[] = [];
      const searchMs: number[] = [];
      const byIdMs: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        for (const q of inputs) {
          const started = performance.now();
          const answer = await search.search(q, 10, options);
          searchMs.push(performance.now() - started);
          if (round === 0) found.push(answer.items.length);
        }
        for (const a of sample) {
          const started = performance.now();
          await search.byId(a.id, options);
          byIdMs.push(performance.now() - started);
        }
      }
      return { searchP95: p95(searchMs), byIdP95: p95(byIdMs), emptyAnswers: found.filter((n) => n === 0).length };
    };

    const count = async () => Number((await db.query("SELECT count(*) AS n FROM main.bag_addresses"))[0]!.n);
    const x1Addresses = await count();
    const x1 = await measure();
    await db.query(
      `INSERT INTO main.bag_addresses BY NAME
       SELECT a.* REPLACE (
         '9' || CAST(k AS VARCHAR) || substr(a.address_id, 3) AS address_id,
         p.prefix || a.street AS street,
         lpad(CAST((CAST(substr(a.postcode, 1, 4) AS INTEGER) + k * 300) % 9000 + 1000 AS VARCHAR), 4, '0') || substr(a.postcode, 5) AS postcode)
       FROM main.bag_addresses a,
         (VALUES ${PREFIXES.map((prefix, k) => `(${k}, '${prefix}')`).join(", ")}) p(k, prefix)
       WHERE k > 0`,
    );
    const x10Addresses = await count();
    const x10 = await measure();
    return {
      bench: "address-search",
      rounds: ROUNDS,
      inputs: inputs.length,
      addresses: { x1: x1Addresses, x10: x10Addresses },
      p95Ms: { x1: x1.searchP95, x10: x10.searchP95 },
      baselineByIdP95Ms: { x1: x1.byIdP95, x10: x10.byIdP95 },
      ratioToBaseline: { x1: Number((x1.searchP95 / x1.byIdP95).toFixed(1)), x10: Number((x10.searchP95 / x10.byIdP95).toFixed(1)) },
      ratio10to1: Number((x10.searchP95 / x1.searchP95).toFixed(2)),
      emptyAnswers: { x1: x1.emptyAnswers, x10: x10.emptyAnswers },
      targets: { p95Ms: 50 },
    };
  } finally {
    await monitor.close();
  }
}
