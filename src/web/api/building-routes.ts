/**
 * BAG building footprints for the map (<mm-building-map>): public data, not personal, so not
 * audited, and the same answer for every role that may see the map; cached serialised per data
 * version with an ETag (the map asks for boxes snapped to a grid, so panning back hits the cache).
 */
import { BuildingsQuery } from "../../ground/contract/requests/buildings.ts";
import { BUILDING_PIPELINE, buildingsInView } from "../../engine/dossiers/buildings-in-view.ts";
import type { Database } from "../../store/database.ts";
import { createAnswerCache, jsonAnswer } from "../http/answer-cache.ts";
import type { Route } from "../http/routes.ts";
import { parseInput } from "../http/validate.ts";

export function buildingRoutes(route: Route, { db, dataClock }: { db: Database; dataClock: () => Date }): void {
  const answers = createAnswerCache(db, { day: () => dataClock().toISOString().slice(0, 10) });

  route("GET /api/v1/buildings", (req, res) => {
    const { bbox } = parseInput(BuildingsQuery, req.query, "query");
    return answers.send(req, res, {
      audience: "all",
      variant: bbox.join(","),
      pipelines: [BUILDING_PIPELINE],
      // No request's abort signal: one build serves every request for the same box meanwhile.
      build: async () => jsonAnswer(await buildingsInView(db, bbox)),
    });
  });
}
