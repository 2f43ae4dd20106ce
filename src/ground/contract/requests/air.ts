/** The query of the air-quality compliance route: which calendar year (default: the latest that can be judged). */
import { z } from "zod";
import { year } from "../params.ts";

export const ComplianceQuery = z.object({ year: year.optional() }).strict();
