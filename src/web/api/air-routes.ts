/**
 * Air quality per station against the EU limit values and the WHO guideline. Station data is not
 * personal, so every role gets the same answer, cached per data version.
 */
import type { AirCompliance } from "../../ground/contract/contract-air.ts";
import { ComplianceQuery } from "../../ground/contract/requests/air.ts";
import type { AirComplianceService } from "../../engine/stations/air-compliance.ts";
import type { Database } from "../../store/database.ts";
import { createAnswerCache, jsonAnswer } from "../http/answer-cache.ts";
import type { Route } from "../http/routes.ts";
import { parseInput } from "../http/validate.ts";

const READS = ["air-quality-measurements", "air-quality-stations"] as const;

export interface AirRouteDeps {
  db: Database;
  /** "Now" for the data: the day an answer is cached for. */
  dataClock: () => Date;
  compliance: AirComplianceService;
}

export function airRoutes(route: Route, { db, dataClock, compliance }: AirRouteDeps): void {
  const answers = createAnswerCache(db, { day: () => dataClock().toISOString().slice(0, 10) });

  route("GET /api/v1/air-quality/compliance", (req, res) => {
    const { year } = parseInput(ComplianceQuery, req.query, "query");
    return answers.send(req, res, {
      // The same for every role: no disclosure control applies to station measurements.
      audience: "all",
      variant: JSON.stringify({ year }),
      pipelines: READS,
      // No request's abort signal: one build serves every request for the same answer meanwhile.
      build: async () => jsonAnswer((await compliance.compliance(year, {})) satisfies AirCompliance),
    });
  });
}
