import type { Request, Response } from "express";
import { z } from "zod";
import { areaLevels, type ThemeList } from "./contract.ts";
import type { AppDeps } from "../app.ts";
import { createAnswerCache, jsonAnswer, type Answer } from "../http/answer-cache.ts";
import { sessionOf, type Route } from "../http/routes.ts";
import { parseInput } from "../http/validate.ts";
import { areaCode, format, year } from "./params.ts";
import { findIndicator } from "../themes/index.ts";
import { audienceOf, HIERARCHY_PIPELINES, type IndicatorService } from "../themes/indicator-service.ts";
import { ARROW_STREAM, areasToArrow, areasToCsv, seriesToArrow, seriesToCsv } from "./series-format.ts";

export const SeriesQuery = z
  .object({
    area: areaCode.optional(),
    by: z
      .enum(["area", "breakdown", "station"], { error: 'must be "area" (one area, the municipality unless asked) or "breakdown" (its stations or finest areas)' })
      .default("area")
      // "station" was the name while air quality was the only theme; kept so old links keep working.
      .transform((by) => (by === "station" ? "breakdown" : by)),
    from: year.optional(),
    to: year.optional(),
    format,
  })
  .strict()
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { error: "from must not be after to", path: ["from"] })
  .refine((q) => q.by === "area" || q.area === undefined, { error: "area applies to by=area only", path: ["area"] });

export const AreasQuery = z
  .object({
    level: z.enum(areaLevels, { error: 'must be "gemeente", "wijk" or "buurt"' }).optional(),
    period: year.optional(),
    format,
  })
  .strict();

/** How a table answer is named and written as CSV and Arrow. */
interface Formats<T> {
  name: (value: T) => string;
  csv: (value: T) => string;
  arrow: (value: T) => Uint8Array;
}

/** The format asked for by `?format=` or, failing that, by the Accept header. */
function formatOf(req: Request, asked: "json" | "csv" | "arrow" | undefined) {
  if (asked) return asked;
  const accepted = req.accepts(["application/json", "text/csv", ARROW_STREAM]);
  return accepted === "text/csv" ? "csv" : accepted === ARROW_STREAM ? "arrow" : "json";
}

/**
 * The caller's audience: what disclosure control applies. No request's abort signal: one build
 * serves every request for the same answer that comes in meanwhile (see answer-cache.ts).
 */
function contextOf(res: Response) {
  return { audience: audienceOf(sessionOf(res)!.role) };
}

export function themeRoutes(route: Route, { deps, indicators }: { deps: AppDeps; indicators: IndicatorService }): void {
  const answers = createAnswerCache(deps.db, { day: () => deps.dataClock().toISOString().slice(0, 10) });
  /** What an indicator's answers read: its own pipelines and the area tree. */
  const readBy = (id: string) => [...(findIndicator(id)?.indicator.pipelines ?? []), ...HIERARCHY_PIPELINES];
  /** Sends the answer from one version of the data, from cache while that version is current. */
  const answer = (req: Request, res: Response, variant: string, build: (context: ReturnType<typeof contextOf>) => Promise<Answer>, pipelines?: readonly string[]) => {
    const context = contextOf(res);
    return answers.send(req, res, { audience: context.audience, variant, pipelines, build: () => build(context) });
  };

  route("GET /api/v1/themes", (req, res) =>
    answer(req, res, "json", async (context) => jsonAnswer({ demo: deps.config.MM_DEMO, themes: await indicators.themes(context) } satisfies ThemeList)),
  );

  route("GET /api/v1/themes/:themeId", (req, res) => answer(req, res, "json", async (context) => jsonAnswer(await indicators.theme(String(req.params.themeId), context))));

  route("GET /api/v1/indicators/:id", (req, res) => {
    const id = String(req.params.id);
    return answer(req, res, "json", async (context) => jsonAnswer(await indicators.indicator(id, context)), readBy(id));
  });

  /** A table (series or values per area) as JSON, CSV or Arrow, as asked, cached like every answer here. */
  function table<T>(req: Request, res: Response, id: string, query: { format?: Parameters<typeof formatOf>[1] }, build: (context: ReturnType<typeof contextOf>) => Promise<T>, as: Formats<T>) {
    const format = formatOf(req, query.format);
    return answer(
      req,
      res,
      `${format}|${JSON.stringify({ ...query, format: undefined })}`,
      async (context): Promise<Answer> => {
        const value = await build(context);
        if (format === "csv") return { type: "text/csv; charset=utf-8", filename: `${as.name(value)}.csv`, body: Buffer.from(as.csv(value)) };
        if (format === "arrow") return { type: ARROW_STREAM, body: Buffer.from(as.arrow(value)) };
        return jsonAnswer(value);
      },
      readBy(id),
    );
  }

  route("GET /api/v1/indicators/:id/series", (req, res) => {
    const id = String(req.params.id);
    const query = parseInput(SeriesQuery, req.query, "query");
    return table(req, res, id, query, (context) => indicators.series(id, query, context), { name: (s) => s.indicatorId, csv: seriesToCsv, arrow: seriesToArrow });
  });

  route("GET /api/v1/indicators/:id/areas", (req, res) => {
    const id = String(req.params.id);
    const query = parseInput(AreasQuery, req.query, "query");
    return table(req, res, id, query, (context) => indicators.areas(id, query, context), {
      name: (v) => `${v.indicatorId}-${v.level}-${v.period ?? "none"}`,
      csv: areasToCsv,
      arrow: areasToArrow,
    });
  });
}
