/**
 * PDOK's CBS boundaries (gebiedsindelingen) over WFS 2.0 as GeoJSON in WGS84. The service returns at
 * most 1000 features per request, so pages are requested by startIndex until a short page. Only the
 * configured municipality's gemeente, wijken and buurten are kept.
 */
import { z } from "zod";
import type { ExtractContext, RecordSource } from "../framework/source.ts";

export const PDOK_PAGE_SIZE = 1000;
export const pdokLevels = ["gemeente", "wijk", "buurt"] as const;

const FeatureCollection = z.object({
  type: z.literal("FeatureCollection"),
  features: z.array(z.object({ properties: z.record(z.string(), z.unknown()).nullable(), geometry: z.unknown() })),
});

/** The query string of one page, in a fixed order so recorded responses are found again. */
export function pdokQuery(level: (typeof pdokLevels)[number], startIndex: number): string {
  return new URLSearchParams({
    service: "WFS",
    version: "2.0.0",
    request: "GetFeature",
    typeNames: `gebiedsindelingen:${level}_gegeneraliseerd`,
    outputFormat: "application/json",
    srsName: "EPSG:4326",
    count: String(PDOK_PAGE_SIZE),
    startIndex: String(startIndex),
  }).toString();
}

/** WK/BU codes carry the municipality's four digits: BU05180101 belongs to GM0518, WK051801 too. */
function belongsTo(code: string, municipality: string): boolean {
  return code === municipality || code.slice(2, 6) === municipality.slice(2);
}

function parentOf(code: string): string | null {
  if (code.startsWith("BU")) return `WK${code.slice(2, 8)}`;
  if (code.startsWith("WK")) return `GM${code.slice(2, 6)}`;
  return null;
}

export const pdokAreas: RecordSource = {
  kind: "records",
  describe: "PDOK WFS gebiedsindelingen (gemeente, wijk, buurt), WGS84",
  async *extract(context: ExtractContext) {
    const pdok = context.settings.pdok;
    if (!pdok) throw new Error("the areas pipeline needs settings.pdok (base URL and municipality code)");
    for (const level of pdokLevels) {
      for (let startIndex = 0; ; startIndex += PDOK_PAGE_SIZE) {
        const url = `${pdok.baseUrl}?${pdokQuery(level, startIndex)}`;
        const parsed = FeatureCollection.safeParse(await context.fetchJson(url, { signal: context.signal }));
        if (!parsed.success) throw new Error(`${url}: not a GeoJSON FeatureCollection: ${parsed.error.issues[0]?.message}`);
        const records = parsed.data.features
          .map((f) => ({ code: String(f.properties?.statcode ?? "").trim(), name: f.properties?.statnaam, level, geometry: f.geometry }))
          .filter((r) => belongsTo(r.code, pdok.municipalityCode))
          .map((r) => ({ ...r, parent: parentOf(r.code) }));
        yield { origin: url, records };
        if (parsed.data.features.length < PDOK_PAGE_SIZE) break;
      }
    }
  },
};
