/**
 * The public API: what another site may show without anyone logging in (the <mm-indicator> widget).
 * It never reads the session: the answer is the same for everyone, so any cache may keep it for a
 * while. CORS comes from src/web/http/cors.ts, mounted in app.ts.
 */
import { z } from "zod";
import type { Database } from "../../store/database.ts";
import { NotFound } from "../../ground/domain-errors.ts";
import { buildFromOneVersion, versionTag } from "../http/data-version.ts";
import { msg } from "../../ground/i18n/message.ts";
import type { Route } from "../http/routes.ts";
import { parseInput } from "../http/validate.ts";
import { findIndicator } from "../../engine/themes/index.ts";
import { audienceOf, HIERARCHY_PIPELINES, type IndicatorService, type Municipality } from "../../engine/themes/indicator-service.ts";
import type { PolicyPlan } from "../../engine/themes/policy-plan.ts";
import type { PublicIndicator } from "../../ground/contract/contract-public.ts";

/** The public gets at most what the most restricted role gets: aggregates under disclosure control. */
const PUBLIC_AUDIENCE = audienceOf("policy");

/** Long enough to spare the server a visit per page view, short for data published hourly. */
const CACHE_CONTROL = "public, max-age=300";

const NoQuery = z.object({}).strict();

/** One answer for unknown and for non-public ids, so the public cannot tell which ids exist. */
const notPublic = () => new NotFound(msg("public.notFound"));

export interface PublicRouteDeps {
  db: Database;
  /** Which indicators are public. */
  plan: Pick<PolicyPlan, "isPublic">;
  municipality: Pick<Municipality, "code" | "name">;
  indicators: IndicatorService;
}

export function publicRoutes(route: Route, { db, plan, municipality, indicators }: PublicRouteDeps): void {
  route("GET /api/v1/public/indicators/:id", async (req, res) => {
    const id = String(req.params.id);
    const found = findIndicator(id);
    if (!found || !plan.isPublic(id)) throw notPublic();
    parseInput(NoQuery, req.query, "query");
    const pipelines = [...found.indicator.pipelines, ...HIERARCHY_PIPELINES];
    const { value: summary, version } = await buildFromOneVersion(db, () => indicators.indicator(id, { audience: PUBLIC_AUDIENCE }), pipelines);
    const dataVersion = versionTag(version);
    const { target } = summary;
    const body: PublicIndicator = {
      id: summary.id,
      name: summary.name,
      unit: summary.unit,
      direction: summary.direction,
      municipality: { code: municipality.code, name: municipality.name },
      latest: summary.latest,
      recent: summary.recent,
      target: target ? { value: target.value, deadline: target.deadline, label: target.label } : null,
      status: { code: summary.status.code, reason: summary.status.reason },
      source: summary.provenance.source,
      licence: summary.provenance.licence,
      qualityTier: summary.provenance.qualityTier,
      dataVersion,
    };
    // Replaces the API's default `no-store` and `Vary: Cookie`: this answer is the same for everyone.
    res.set("cache-control", CACHE_CONTROL).set("vary", "Origin").set("x-data-version", dataVersion).json(body);
  });
}
