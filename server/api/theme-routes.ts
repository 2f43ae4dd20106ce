import { z } from "zod";
import type { ThemeList } from "./contract.ts";
import type { AppDeps } from "../app.ts";
import { requestSignal } from "../http/request-signal.ts";
import type { Route } from "../http/routes.ts";
import { parseInput } from "../http/validate.ts";
import type { IndicatorService } from "../themes/indicator-service.ts";
import { ARROW_STREAM, seriesToArrow, seriesToCsv } from "./series-format.ts";

const year = z.coerce
  .number({ error: "must be a year like 2024" })
  .int({ error: "must be a year like 2024" })
  .min(1900, { error: "must be a year like 2024" })
  .max(2100, { error: "must be a year like 2024" });

const seriesQuery = (areaCode: string) =>
  z
  .object({
    area: z.literal(areaCode, { error: `unknown area; this monitor covers ${areaCode}` }).optional(),
    by: z
      .enum(["area", "breakdown", "station"], { error: 'must be "area" (the municipality) or "breakdown" (its stations or buurten)' })
      .default("area")
      // "station" was the name while air quality was the only theme; kept so old links keep working.
      .transform((by) => (by === "station" ? "breakdown" : by)),
    from: year.optional(),
    to: year.optional(),
    format: z.enum(["json", "csv", "arrow"], { error: 'must be "json", "csv" or "arrow"' }).optional(),
  })
  .strict()
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { error: "from must not be after to", path: ["from"] });

export function themeRoutes(route: Route, { deps, indicators }: { deps: AppDeps; indicators: IndicatorService }): void {
  const SeriesQuery = seriesQuery(deps.municipality.code);

  route("GET /api/v1/themes", async (req, res) => {
    const body: ThemeList = { demo: deps.config.MM_DEMO, themes: await indicators.themes({ signal: requestSignal(req, res) }) };
    res.json(body);
  });

  route("GET /api/v1/themes/:themeId", async (req, res) => {
    res.json(await indicators.theme(String(req.params.themeId), { signal: requestSignal(req, res) }));
  });

  route("GET /api/v1/indicators/:id", async (req, res) => {
    res.json(await indicators.indicator(String(req.params.id), { signal: requestSignal(req, res) }));
  });

  route("GET /api/v1/indicators/:id/series", async (req, res) => {
    const query = parseInput(SeriesQuery, req.query, "query");
    const series = await indicators.series(String(req.params.id), query, { signal: requestSignal(req, res) });
    const format = query.format ?? (req.accepts(["application/json", "text/csv", ARROW_STREAM]) || "application/json");
    if (format === "csv" || format === "text/csv") {
      res.type("text/csv; charset=utf-8").attachment(`${series.indicatorId}.csv`).send(seriesToCsv(series));
    } else if (format === "arrow" || format === ARROW_STREAM) {
      res.type(ARROW_STREAM).send(Buffer.from(seriesToArrow(series)));
    } else {
      res.json(series);
    }
  });
}
