import type { Request, Response } from "express";
import { z } from "zod";
import type { Provenance, ThemeList } from "../../ground/contract/contract.ts";
import { withNotes, type AnnotationStore } from "../../engine/annotations/annotation-store.ts";
import type { Database } from "../../store/database.ts";
import { createAnswerCache, jsonAnswer, type Answer } from "../http/answer-cache.ts";
import { sessionOf, type Route } from "../http/routes.ts";
import { parseInput } from "../http/validate.ts";
import type { format } from "../../ground/contract/params.ts";
import { AreasQuery, SeriesQuery } from "../../ground/contract/requests/themes.ts";
import { ProfilePath } from "../../ground/contract/requests/areas.ts";
import { findIndicator } from "../../engine/themes/index.ts";
import { audienceOf, HIERARCHY_PIPELINES, type IndicatorService } from "../../engine/themes/indicator-service.ts";
import { createContributions } from "../../engine/themes/indicator-contributions.ts";
import { ContributionsQuery, PartsQuery } from "../../ground/contract/requests/contributions.ts";
import { ARROW_STREAM, PARQUET, areasExport, seriesExport } from "./series-format.ts";
import { tableToArrow } from "./table-arrow.ts";
import { tableToCsv, type CsvOptions } from "./table-csv.ts";
import type { TableExport } from "./table-export.ts";
import { tableToParquet } from "./table-parquet.ts";

type TableFormat = NonNullable<z.infer<typeof format>>;

/** The format asked for by `?format=` or, failing that, by the Accept header. */
function formatOf(req: Request, asked: TableFormat | undefined): TableFormat {
  if (asked) return asked;
  const accepted = req.accepts(["application/json", "text/csv", ARROW_STREAM, PARQUET]);
  return accepted === "text/csv" ? "csv" : accepted === ARROW_STREAM ? "arrow" : accepted === PARQUET ? "parquet" : "json";
}

/** A table export in a file format, with the file name it is downloaded as. */
function fileAnswer<Row>(format: Exclude<TableFormat, "json">, table: TableExport<Row>, name: string, csv: CsvOptions): Answer {
  if (format === "csv") return { type: "text/csv; charset=utf-8", filename: `${name}.csv`, body: Buffer.from(tableToCsv(table, csv)) };
  if (format === "arrow") return { type: ARROW_STREAM, filename: `${name}.arrows`, body: Buffer.from(tableToArrow(table)) };
  return { type: PARQUET, filename: `${name}.parquet`, body: Buffer.from(tableToParquet(table)) };
}

/**
 * The caller's audience: what disclosure control applies. No request's abort signal: one build
 * serves every request for the same answer that comes in meanwhile (see answer-cache.ts).
 */
function contextOf(res: Response) {
  return { audience: audienceOf(sessionOf(res)!.role) };
}

export interface ThemeRouteDeps {
  db: Database;
  /** "Now" for the data: the day an answer is cached for. */
  dataClock: () => Date;
  /** Whether this is the demo (the theme list says so). */
  config: { MM_DEMO: boolean };
  indicators: IndicatorService;
  /** Notes on the data: an indicator's go into the provenance of its tables and their exports. */
  annotations?: AnnotationStore;
}

export function themeRoutes(route: Route, { db, dataClock, config, indicators, annotations }: ThemeRouteDeps): void {
  const answers = createAnswerCache(db, { day: () => dataClock().toISOString().slice(0, 10) });
  /** What an indicator's answers read: its own pipelines and the area tree. */
  const readBy = (id: string) => [...(findIndicator(id)?.indicator.pipelines ?? []), ...HIERARCHY_PIPELINES];
  /** Sends the answer from one version of the data, from cache while that version is current. */
  const answer = (
    req: Request,
    res: Response,
    variant: string,
    build: (context: ReturnType<typeof contextOf>) => Promise<Answer>,
    pipelines?: readonly string[],
  ) => {
    const context = contextOf(res);
    return answers.send(req, res, { audience: context.audience, variant, pipelines, build: () => build(context) });
  };

  route("GET /api/v1/themes", (req, res) =>
    answer(req, res, "json", async (context) => jsonAnswer({ demo: config.MM_DEMO, themes: await indicators.themes(context) } satisfies ThemeList)),
  );

  route("GET /api/v1/themes/:themeId", (req, res) =>
    answer(req, res, "json", async (context) => jsonAnswer(await indicators.theme(String(req.params.themeId), context))),
  );

  route("GET /api/v1/indicators/:id", (req, res) => {
    const id = String(req.params.id);
    return answer(req, res, "json", async (context) => jsonAnswer(await indicators.indicator(id, context)), readBy(id));
  });

  /**
   * A table (series or values per area) as JSON, CSV, Arrow or Parquet, as asked, cached like every
   * answer here. Every format is written from the JSON answer's own object, so disclosure control
   * applies to each alike.
   */
  async function table<T extends { provenance: Provenance }, Row>(
    req: Request,
    res: Response,
    id: string,
    query: { format?: TableFormat } & CsvOptions,
    build: (context: ReturnType<typeof contextOf>) => Promise<T>,
    as: { name: (value: T) => string; table: (value: T) => TableExport<Row> },
  ) {
    const format = formatOf(req, query.format);
    // What describes the numbers (name, unit, target, provenance): RFC 8288 link, for every format.
    if (findIndicator(id)) res.set("Link", `</api/v1/indicators/${encodeURIComponent(id)}>; rel="describedby"`);
    // The notes are read for every request (a small query) and are part of the key: notes are only
    // added or deleted, so their ids say which are in a cached answer.
    const notes = (await annotations?.provenanceNotes(id)) ?? [];
    // sep and lang change CSV only: other formats share one cache entry whatever they say.
    const variant = { ...query, format: undefined, ...(format === "csv" ? {} : { sep: undefined, lang: undefined }), notes: notes.map((n) => n.id) };
    return answer(
      req,
      res,
      `${format}|${JSON.stringify(variant)}`,
      async (context): Promise<Answer> => {
        const value = withNotes(await build(context), notes);
        return format === "json" ? jsonAnswer(value) : fileAnswer(format, as.table(value), as.name(value), query);
      },
      readBy(id),
    );
  }

  route("GET /api/v1/indicators/:id/series", (req, res) => {
    const id = String(req.params.id);
    const query = parseInput(SeriesQuery, req.query, "query");
    return table(req, res, id, query, (context) => indicators.series(id, query, context), { name: (s) => s.indicatorId, table: seriesExport });
  });

  route("GET /api/v1/areas/:code/profile", (req, res) => {
    const { code } = parseInput(ProfilePath, req.params, "path");
    return answer(req, res, "json", async (context) => jsonAnswer(await indicators.profile(code, context)));
  });

  route("GET /api/v1/indicators/:id/areas", (req, res) => {
    const id = String(req.params.id);
    const query = parseInput(AreasQuery, req.query, "query");
    return table(req, res, id, query, (context) => indicators.areas(id, query, context), {
      name: (v) => `${v.indicatorId}-${v.level}-${v.period ?? "none"}`,
      table: areasExport,
    });
  });

  const why = createContributions({ db, indicators });

  route("GET /api/v1/indicators/:id/contributions", (req, res) => {
    const id = String(req.params.id);
    const query = parseInput(ContributionsQuery, req.query, "query");
    return answer(req, res, `json|${JSON.stringify(query)}`, async (context) => jsonAnswer(await why.contributions(id, query, context)), readBy(id));
  });

  route("GET /api/v1/indicators/:id/parts", (req, res) => {
    const id = String(req.params.id);
    const query = parseInput(PartsQuery, req.query, "query");
    return answer(req, res, `json|${JSON.stringify(query)}`, async (context) => jsonAnswer(await why.parts(id, query, context)), readBy(id));
  });
}
