/**
 * The municipal tree register: about 5,000 street and park trees, more in green buurten, of the
 * species Dutch cities plant most, with planting years from the post-war expansion to now.
 */
import type { BuurtProfile } from "./buurt-profile.ts";
import type { Row } from "./exports-city.ts";
import { randomPointIn } from "./geography.ts";
import type { Random } from "./random.ts";

const TREES = 5000;

/** Scientific names as bomenregisters write them (ASCII "x" for hybrids), with relative frequency. */
const SPECIES: [string, number][] = [
  ["Tilia x europaea", 18],
  ["Platanus x hispanica", 12],
  ["Quercus robur", 12],
  ["Acer pseudoplatanus", 10],
  ["Acer platanoides", 8],
  ["Fraxinus excelsior", 8],
  ["Betula pendula", 7],
  ["Carpinus betulus", 6],
  ["Ulmus x hollandica", 5],
  ["Alnus glutinosa", 4],
  ["Prunus avium", 4],
  ["Gleditsia triacanthos", 3],
  ["Aesculus hippocastanum", 3],
];

/** Planting waves: the 1970s–80s expansion planted most of today's stock. */
const ERAS: { from: number; to: number; weight: number }[] = [
  { from: 1950, to: 1969, weight: 15 },
  { from: 1970, to: 1989, weight: 35 },
  { from: 1990, to: 2009, weight: 30 },
  { from: 2010, to: 2025, weight: 20 },
];

function pick<T>(items: T[], weightOf: (item: T) => number, random: Random): T {
  let r = random.next() * items.reduce((s, i) => s + weightOf(i), 0);
  for (const item of items) {
    r -= weightOf(item);
    if (r < 0) return item;
  }
  return items[items.length - 1]!;
}

export function treeRows(profiles: BuurtProfile[], random: Random): Row[] {
  const weight = (p: BuurtProfile) => 0.3 + p.greenness;
  const total = profiles.reduce((s, p) => s + weight(p), 0);
  const rows: Row[] = [];
  for (const p of profiles) {
    const count = Math.round((TREES * weight(p)) / total);
    for (let i = 0; i < count; i++) {
      const species = pick(SPECIES, (s) => s[1], random)[0];
      const era = pick(ERAS, (e) => e.weight, random);
      const [lon, lat] = randomPointIn(p.area, random);
      rows.push([`B${String(rows.length + 1).padStart(6, "0")}`, species, random.int(era.from, era.to), lon, lat]);
    }
  }
  return rows;
}
