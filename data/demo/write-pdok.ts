/** Writes the demo geography as PDOK's WFS would answer the areas pipeline's requests, filtered to the demo municipality. */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { recordedPath } from "../../src/pipelines/framework/recorded-server.ts";
import { PDOK_PAGE_SIZE, pdokLevels, pdokQuery } from "../../src/pipelines/sources/pdok-wfs.ts";
import type { DemoArea, DemoGeography } from "./geography.ts";

export function writePdok(dir: string, geography: DemoGeography): void {
  const byLevel: Record<(typeof pdokLevels)[number], DemoArea[]> = { gemeente: [geography.gemeente], wijk: geography.wijken, buurt: geography.buurten };
  for (const level of pdokLevels) {
    const areas = byLevel[level];
    for (let start = 0; start === 0 || start < areas.length; start += PDOK_PAGE_SIZE) {
      const page = areas.slice(start, start + PDOK_PAGE_SIZE);
      const body = {
        type: "FeatureCollection",
        numberMatched: areas.length,
        numberReturned: page.length,
        features: page.map((area, i) => ({
          type: "Feature",
          id: `${level}_gegeneraliseerd.${start + i + 1}`,
          properties: { id: start + i + 1, statcode: area.code, statnaam: area.name, jrstatcode: `2025${area.code}`, rubriek: level },
          geometry: { type: "MultiPolygon", coordinates: [[area.ring]] },
        })),
      };
      const file = path.join(dir, recordedPath(new URL(`/?${pdokQuery(level, start, geography.gemeente.code)}`, "http://recorded")));
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify(body));
    }
  }
}
