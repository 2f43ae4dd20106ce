import type { Database } from "../../store/database.ts";
import { requestSignal } from "../http/request-signal.ts";
import type { Route } from "../http/routes.ts";
import { parseInput } from "../http/validate.ts";
import { BoundariesQuery } from "../../ground/contract/requests/areas.ts";

/** Boundaries as a GeoJSON FeatureCollection (WGS84), for maps; empty until the areas pipeline ran. */
export function areaRoutes(route: Route, { db }: { db: Database }): void {
  route("GET /api/v1/areas", async (req, res) => {
    const { level } = parseInput(BoundariesQuery, req.query, "query");
    const options = { signal: requestSignal(req, res) };
    const rows = (await db.published.settled()).has("areas")
      ? await db.query("SELECT code, name, level, parent, geometry::VARCHAR AS geometry FROM main.areas WHERE level = $1 ORDER BY code", [level], options)
      : [];
    res.type("application/geo+json").send(
      JSON.stringify({
        type: "FeatureCollection",
        features: rows.map((r) => ({
          type: "Feature",
          id: r.code,
          properties: { code: r.code, name: r.name, level: r.level, parent: r.parent },
          geometry: JSON.parse(String(r.geometry)),
        })),
      }),
    );
  });
}
