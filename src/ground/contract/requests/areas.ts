/** The query of GET /api/v1/areas (boundaries). */
import { z } from "zod";
import { areaLevels } from "../contract.ts";
import { choices } from "../../i18n/choices.ts";
import { reason } from "../../i18n/message.ts";
import { areaCode } from "../params.ts";

export const BoundariesQuery = z
  .object({ level: z.enum(areaLevels, { error: reason("param.oneOf", { choices: choices(areaLevels) }) }).default("buurt") })
  .strict();

/** The area of GET /api/v1/areas/{code}/profile: a wijk or buurt code (a gemeente has the overview). */
export const ProfilePath = z.object({ code: areaCode }).strict();
