/** The address box's queries: a search as one types, and one address by its BAG id. */
import { z } from "zod";
import { reason } from "../../i18n/message.ts";
import { boundedInt } from "../params.ts";

/** A BAG nummeraanduiding id: 16 digits. Anything else is as unknown as a missing one (404). */
export const ADDRESS_ID = /^\d{16}$/;

export const AddressesQuery = z
  .object({
    q: z
      .string({ error: reason("param.notEmpty") })
      .trim()
      .min(1, { error: reason("param.notEmpty") })
      .max(200, { error: reason("param.maxChars", { max: 200 }) }),
    limit: boundedInt(1, 50).default(10),
  })
  .strict();

export const AddressPath = z.object({ id: z.string() });
