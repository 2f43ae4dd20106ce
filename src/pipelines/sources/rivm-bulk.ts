/**
 * Air-quality history from RIVM's bulk files, in slices (a sliced source, framework/slices.ts):
 * validated years (`Vastgesteld-jaar/{year}/{year}_{component}.csv`), then provisional months
 * (`Voorlopig-jaar/…` for the last year while it awaits validation, `Actueel-jaar/…` for this year,
 * `{year}_{month}_{component}.csv`, with or without a year folder: both are tried), then the open API's
 * recent hours on every run. Each value carries its tier; the pipeline's precedence lets a validated
 * hour replace a provisional one and never the reverse.
 *
 * The plan probes only what may not be published yet: years before last are validated by now (their
 * slice fails, naming the URL, when the file is not there), last year's validated file is asked for
 * once, and the first month not yet published ends the probing of a year's months. A loaded slice
 * costs no request at all.
 */
import { dataNow, type ExtractContext, type RecordSource, type Slice, type SlicedSource, type SourcePage } from "../framework/source.ts";
import { fetchIfPresent } from "../framework/fetch-json.ts";
import { PipelineError } from "../framework/pipeline-error.ts";
import { msg } from "../../ground/i18n/message.ts";
import { offsetMinutes, parseBulkFile } from "./rivm-bulk-csv.ts";

export const tiers = ["unvalidated", "provisional", "validated"] as const;
export type Tier = (typeof tiers)[number];

/** The live bulk files' base. */
export const RIVM_UPSTREAM_BASE = "https://data.rivm.nl/data/luchtmeetnet";

const MONTHLY_FOLDERS = ["Voorlopig-jaar", "Actueel-jaar"] as const;
/** Records per page handed to the runner: progress moves within a file. */
const PAGE = 50_000;

type Fetched = Map<string, Buffer>;

const pad = (month: number) => String(month).padStart(2, "0");

/**
 * The hours a file period holds, as (from, to] of their end time in UTC: the file's months and years
 * are in its own (UTC+1) time, so 2019 runs from 2018-12-31 23:00 UTC.
 */
function covering(start: number, end: number, offset: string, tier: Tier): NonNullable<Slice["covers"]> {
  const shift = offsetMinutes(offset) * 60_000;
  const sql = (ms: number) => new Date(ms - shift).toISOString().slice(0, 19).replace("T", " ");
  return { from: sql(start), to: sql(end), tier };
}
const validatedUrl = (base: string, year: number, formula: string) => `${base}/Vastgesteld-jaar/${year}/${year}_${formula}.csv`;
/** Both layouts seen for monthly files: in a year folder, or directly in the tier's folder. */
const monthlyUrls = (base: string, year: number, month: number, formula: string) =>
  MONTHLY_FOLDERS.flatMap((folder) => [
    `${base}/${folder}/${year}/${year}_${pad(month)}_${formula}.csv`,
    `${base}/${folder}/${year}_${pad(month)}_${formula}.csv`,
  ]);

async function fetchFile(context: ExtractContext, url: string): Promise<Buffer | null> {
  return (await fetchIfPresent(context.fetchJson, url, { signal: context.signal, body: "bytes" })) as Buffer | null;
}

/** The stations kept: the configured ones, else those published by air-quality-stations, else all. */
async function stationsKept(context: ExtractContext): Promise<ReadonlySet<string> | undefined> {
  const configured = context.settings.luchtmeetnet.stations;
  if (configured?.length) return new Set(configured);
  const exists = await context.query("SELECT 1 FROM information_schema.tables WHERE table_schema = 'main' AND table_name = 'air_quality_stations'");
  if (!exists.length) return undefined;
  const rows = await context.query("SELECT number FROM main.air_quality_stations");
  return rows.length ? new Set(rows.map((r) => String(r.number))) : undefined;
}

/**
 * One slice's files, a component at a time: `urls(formula)` lists where each may be (the first found
 * is read). A component without a file is one the network did not measure then; `required` is the
 * error when the first component has none either.
 */
function sliceSource(
  describe: string,
  tier: Tier,
  formulas: readonly string[],
  urls: (formula: string) => string[],
  fetched: Fetched,
  required?: () => PipelineError,
): RecordSource {
  return {
    kind: "records",
    describe,
    async *extract(context): AsyncIterable<SourcePage> {
      const rivm = context.settings.rivm!;
      const keep = await stationsKept(context);
      for (const [i, formula] of formulas.entries()) {
        let found = false;
        for (const url of urls(formula)) {
          const bytes = fetched.get(url) ?? (await fetchFile(context, url));
          fetched.delete(url);
          if (!bytes) continue;
          found = true;
          let parsed;
          try {
            parsed = parseBulkFile(bytes, { formula, tier, offsetMinutes: offsetMinutes(rivm.timeOffset), keep });
          } catch (error) {
            throw new PipelineError(msg("rivm.unreadable", { url, detail: (error as Error).message }));
          }
          for (let at = 0; at < parsed.records.length || at === 0; at += PAGE) yield { origin: url, records: parsed.records.slice(at, at + PAGE) };
          break;
        }
        if (!found && i === 0 && required) throw required();
      }
    },
  };
}

/**
 * The slices from MM_HISTORY_FROM to now: a slice per validated year, and for last year (until its
 * validated file is out) and this year a slice per provisional month found. A validated year whose
 * file is missing fails its slice, naming what was asked and the settings (the base URL, or a later start).
 */
async function planHistory(context: ExtractContext, loaded: ReadonlySet<string>, formulas: readonly string[], fetched: Fetched): Promise<Slice[]> {
  const rivm = context.settings.rivm;
  if (!rivm) return [];
  const base = rivm.baseUrl.replace(/\/+$/, "");
  const now = dataNow(context.settings, () => context.now);
  const thisYear = now.getUTCFullYear();
  const fromYear = new Date(rivm.historyFrom).getUTCFullYear();
  const probe = formulas[0]!;
  const slices: Slice[] = [];
  for (let year = fromYear; year <= thisYear; year++) {
    const id = `validated:${year}`;
    const missing = () => new PipelineError(msg("rivm.yearMissing", { year, url: validatedUrl(base, year, probe) }));
    const yearSlice = (): Slice => ({
      id,
      label: `${year} validated`,
      repeat: "once",
      source: sliceSource(`RIVM ${year} validated`, "validated", formulas, (f) => [validatedUrl(base, year, f)], fetched, missing),
      covers: covering(Date.UTC(year, 0, 1), Date.UTC(year + 1, 0, 1), rivm.timeOffset, "validated"),
    });
    // Loaded, or validated by now (RIVM validates a year within months of its end).
    if (loaded.has(id) || year < thisYear - 1) {
      slices.push(yearSlice());
      continue;
    }
    if (year === thisYear - 1) {
      const url = validatedUrl(base, year, probe);
      const bytes = await fetchFile(context, url);
      if (bytes) {
        fetched.set(url, bytes);
        slices.push(yearSlice());
        continue;
      }
    }
    const lastMonth = year < thisYear ? 12 : now.getUTCMonth();
    slices.push(...(await planMonths(context, loaded, { base, year, lastMonth, formulas, fetched, timeOffset: rivm.timeOffset })));
  }
  return slices;
}

/** The provisional months of a year up to `lastMonth` (complete months only): loaded ones, then those found, until the first not published. */
async function planMonths(
  context: ExtractContext,
  loaded: ReadonlySet<string>,
  {
    base,
    year,
    lastMonth,
    formulas,
    fetched,
    timeOffset,
  }: { base: string; year: number; lastMonth: number; formulas: readonly string[]; fetched: Fetched; timeOffset: string },
): Promise<Slice[]> {
  const slices: Slice[] = [];
  for (let month = 1; month <= lastMonth; month++) {
    const id = `provisional:${year}-${pad(month)}`;
    const slice: Slice = {
      id,
      label: `${year}-${pad(month)} provisional`,
      repeat: "once",
      source: sliceSource(`RIVM ${year}-${pad(month)} provisional`, "provisional", formulas, (f) => monthlyUrls(base, year, month, f), fetched),
      covers: covering(Date.UTC(year, month - 1, 1), Date.UTC(year, month, 1), timeOffset, "provisional"),
    };
    if (loaded.has(id)) {
      slices.push(slice);
      continue;
    }
    let found = false;
    for (const url of monthlyUrls(base, year, month, formulas[0]!)) {
      const bytes = await fetchFile(context, url);
      if (!bytes) continue;
      fetched.set(url, bytes);
      found = true;
      break;
    }
    if (!found) break;
    slices.push(slice);
  }
  return slices;
}

/** The open API's recent hours, each marked unvalidated. */
function recentHours(api: RecordSource): RecordSource {
  return {
    kind: "records",
    describe: api.describe,
    async *extract(context) {
      for await (const page of api.extract(context)) {
        yield { origin: page.origin, records: page.records.map((r) => (typeof r === "object" && r !== null ? { ...r, tier: "unvalidated" } : r)) };
      }
    },
  };
}

/** History from the bulk files (when `settings.rivm` is set), then the API's recent hours. */
export function airQualityHistory(formulas: readonly string[], api: RecordSource): SlicedSource {
  const recent: Slice = { id: "recent", label: "recent hours (open API)", repeat: "always", source: recentHours(api) };
  return {
    kind: "sliced",
    describe: `RIVM bulk files (validated years, provisional months) from MM_HISTORY_FROM, then ${api.describe}`,
    async plan(context, loaded) {
      // Files fetched while probing are read from here by their slice, not fetched twice.
      const fetched: Fetched = new Map();
      return [...(await planHistory(context, loaded, formulas, fetched)), recent];
    },
  };
}
