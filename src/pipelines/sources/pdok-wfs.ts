/**
 * PDOK's CBS boundaries (gebiedsindelingen) over WFS 2.0 as GeoJSON in WGS84. Each level is asked for
 * the configured municipality's features only (a FES filter on `statcode`), rather than paging through
 * every area of the country. That the service honours the filter is a guess (../shared/SOURCES.md §5),
 * so the connector survives every answer: a refused filter (a 400, an exception report, anything but
 * GeoJSON) is asked again without it, and a filter ignored is harmless, since only the municipality's
 * features are kept either way. The service returns at most 1000 features per request, so pages are
 * requested by startIndex until a short page.
 */
import { z } from "zod";
import type { ExtractContext, RecordSource } from "../framework/source.ts";
import { UpstreamError } from "../framework/upstream-error.ts";

export const PDOK_PAGE_SIZE = 1000;
export const pdokLevels = ["gemeente", "wijk", "buurt"] as const;

const FeatureCollection = z.object({
  type: z.literal("FeatureCollection"),
  features: z.array(z.object({ properties: z.record(z.string(), z.unknown()).nullable(), geometry: z.unknown() })),
});

type Level = (typeof pdokLevels)[number];

/**
 * A FES 2.0 filter keeping one municipality's features of a level: its own code for the gemeente,
 * codes starting with its four digits for wijken (WK0518…) and buurten (BU0518…).
 */
export function pdokFilter(level: Level, municipalityCode: string): string {
  const digits = municipalityCode.slice(2);
  const pattern = level === "gemeente" ? municipalityCode : `${level === "wijk" ? "WK" : "BU"}${digits}*`;
  return (
    '<fes:Filter xmlns:fes="http://www.opengis.net/fes/2.0"><fes:PropertyIsLike wildCard="*" singleChar="?" escapeChar="!">' +
    `<fes:ValueReference>statcode</fes:ValueReference><fes:Literal>${pattern}</fes:Literal></fes:PropertyIsLike></fes:Filter>`
  );
}

/** The query string of one page, in a fixed order so recorded responses are found again; filtered to a municipality when given. */
export function pdokQuery(level: Level, startIndex: number, municipalityCode?: string): string {
  return new URLSearchParams({
    service: "WFS",
    version: "2.0.0",
    request: "GetFeature",
    typeNames: `gebiedsindelingen:${level}_gegeneraliseerd`,
    outputFormat: "application/json",
    srsName: "EPSG:4326",
    count: String(PDOK_PAGE_SIZE),
    startIndex: String(startIndex),
    ...(municipalityCode ? { filter: pdokFilter(level, municipalityCode) } : {}),
  }).toString();
}

/** The boundary year of a feature, from `jrstatcode` ("2024WK051828"); null when the service leaves it out. */
function yearOf(properties: Record<string, unknown> | null): number | null {
  const match = /^(\d{4})(?:GM|WK|BU)/.exec(String(properties?.jrstatcode ?? ""));
  return match ? Number(match[1]) : null;
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
      let filter: string | undefined = pdok.municipalityCode;
      let startIndex = 0;
      for (;;) {
        const url = `${pdok.baseUrl}?${pdokQuery(level, startIndex, filter)}`;
        let body: unknown;
        try {
          body = await context.fetchJson(url, { signal: context.signal });
        } catch (error) {
          // A service that refuses the filter answers its first request with a lasting error: ask again without it.
          if (!(filter && startIndex === 0 && error instanceof UpstreamError && error.permanent)) throw error;
          filter = undefined;
          continue;
        }
        const parsed = FeatureCollection.safeParse(body);
        if (!parsed.success) throw new Error(`${url}: not a GeoJSON FeatureCollection: ${parsed.error.issues[0]?.message}`);
        const records = parsed.data.features
          .map((f) => ({
            code: String(f.properties?.statcode ?? "").trim(),
            name: f.properties?.statnaam,
            level,
            year: yearOf(f.properties),
            geometry: f.geometry,
          }))
          .filter((r) => belongsTo(r.code, pdok.municipalityCode))
          .map((r) => ({ ...r, parent: parentOf(r.code) }));
        yield { origin: url, records };
        if (parsed.data.features.length < PDOK_PAGE_SIZE) break;
        startIndex += PDOK_PAGE_SIZE;
      }
    }
  },
};
