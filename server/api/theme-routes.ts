import type { Request, Response } from "express";
import { z } from "zod";
import { areaLevels, type ThemeList } from "./contract.ts";
import type { AppDeps } from "../app.ts";
import { fromOneVersion } from "../http/data-version.ts";
import { requestSignal } from "../http/request-signal.ts";
import { sessionOf, type Route } from "../http/routes.ts";
import { parseInput } from "../http/validate.ts";
import { areaCode, format, year } from "./params.ts";
import { findIndicator } from "../themes/index.ts";
import { audienceOf, HIERARCHY_PIPELINES, type IndicatorService } from "../themes/indicator-service.ts";
import { ARROW_STREAM, areasToArrow, areasToCsv, seriesToArrow, seriesToCsv } from "./series-format.ts";

const SeriesQuery = z
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

const AreasQuery = z
  .object({
    level: z.enum(areaLevels, { error: 'must be "gemeente", "wijk" or "buurt"' }).optional(),
    period: year.optional(),
    format,
  })
  .strict();

/** The format asked for by `?format=` or, failing that, by the Accept header. */
function formatOf(req: Request, asked: "json" | "csv" | "arrow" | undefined) {
  if (asked) return asked;
  const accepted = req.accepts(["application/json", "text/csv", ARROW_STREAM]);
  return accepted === "text/csv" ? "csv" : accepted === ARROW_STREAM ? "arrow" : "json";
}

/** The caller's audience (what disclosure control applies) and the request's abort signal. */
function contextOf(req: Request, res: Response) {
  return { audience: audienceOf(sessionOf(res)!.role), signal: requestSignal(req, res) };
}

export function themeRoutes(route: Route, { deps, indicators }: { deps: AppDeps; indicators: IndicatorService }): void {
  /** Built from one version of the published data, whatever is published meanwhile. */
  const consistent = <T>(req: Request, res: Response, build: (context: ReturnType<typeof contextOf>) => Promise<T>, pipelines?: readonly string[]) => {
    const context = contextOf(req, res);
    return fromOneVersion(deps.db, res, context, () => build(context), pipelines);
  };
  /** What an indicator's answers read: its own pipelines and the area tree. */
  const readBy = (id: string) => [...(findIndicator(id)?.indicator.pipelines ?? []), ...HIERARCHY_PIPELINES];

  route("GET /api/v1/themes", async (req, res) => {
    const body: ThemeList = { demo: deps.config.MM_DEMO, themes: await consistent(req, res, (context) => indicators.themes(context)) };
    res.json(body);
  });

  route("GET /api/v1/themes/:themeId", async (req, res) => {
    res.json(await consistent(req, res, (context) => indicators.theme(String(req.params.themeId), context)));
  });

  route("GET /api/v1/indicators/:id", async (req, res) => {
    res.json(await consistent(req, res, (context) => indicators.indicator(String(req.params.id), context), readBy(String(req.params.id))));
  });

  route("GET /api/v1/indicators/:id/series", async (req, res) => {
    const query = parseInput(SeriesQuery, req.query, "query");
    const series = await consistent(req, res, (context) => indicators.series(String(req.params.id), query, context), readBy(String(req.params.id)));
    const as = formatOf(req, query.format);
    if (as === "csv") res.type("text/csv; charset=utf-8").attachment(`${series.indicatorId}.csv`).send(seriesToCsv(series));
    else if (as === "arrow") res.type(ARROW_STREAM).send(Buffer.from(seriesToArrow(series)));
    else res.json(series);
  });

  route("GET /api/v1/indicators/:id/areas", async (req, res) => {
    const query = parseInput(AreasQuery, req.query, "query");
    const values = await consistent(req, res, (context) => indicators.areas(String(req.params.id), query, context), readBy(String(req.params.id)));
    const as = formatOf(req, query.format);
    const name = `${values.indicatorId}-${values.level}-${values.period ?? "none"}`;
    if (as === "csv") res.type("text/csv; charset=utf-8").attachment(`${name}.csv`).send(areasToCsv(values));
    else if (as === "arrow") res.type(ARROW_STREAM).send(Buffer.from(areasToArrow(values)));
    else res.json(values);
  });
}
