/** Query and path parameters shared by several routes, each with the message a user can act on. */
import { z } from "zod";

const YEAR = "must be a year like 2024";
export const year = z.coerce.number({ error: YEAR }).int({ error: YEAR }).min(1900, { error: YEAR }).max(2100, { error: YEAR });

export const areaCode = z.string().regex(/^(GM\d{4}|WK\d{6}|BU\d{8})$/, { error: "must be a CBS area code like GM0518, WK051801 or BU05180101" });

export const format = z.enum(["json", "csv", "arrow"], { error: 'must be "json", "csv" or "arrow"' }).optional();

/** A whole number in [min, max], from a query string. */
export const boundedInt = (min: number, max: number) =>
  z.coerce.number({ error: `must be a whole number from ${min} to ${max}` }).int({ error: `must be a whole number from ${min} to ${max}` }).min(min, { error: `must be at least ${min}` }).max(max, { error: `must be at most ${max}` });

export const latitude = z.coerce.number({ error: "must be a latitude in degrees (WGS84)" }).min(-90, { error: "must be a latitude from -90 to 90" }).max(90, { error: "must be a latitude from -90 to 90" });
export const longitude = z.coerce.number({ error: "must be a longitude in degrees (WGS84)" }).min(-180, { error: "must be a longitude from -180 to 180" }).max(180, { error: "must be a longitude from -180 to 180" });
