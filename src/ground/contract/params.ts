/** Query and path parameters shared by several routes, each with the message a user can act on. */
import { z } from "zod";
import { reason } from "../i18n/message.ts";
import { choices } from "../i18n/choices.ts";

/** The two CSV dialects (src/web/api/csv.ts): comma and decimal point, or semicolon and decimal comma for Dutch Excel. */
export const csvSeparators = ["comma", "semicolon"] as const;
export type CsvSeparator = (typeof csvSeparators)[number];

/** The languages of an exported file's comment line and CSV header (src/web/api/export-labels.ts). */
export const exportLangs = ["nl", "en"] as const;
export type ExportLang = (typeof exportLangs)[number];

const YEAR = reason("param.year");
export const year = z.coerce.number({ error: YEAR }).int({ error: YEAR }).min(1900, { error: YEAR }).max(2100, { error: YEAR });

export const areaCode = z.string().regex(/^(GM\d{4}|WK\d{6}|BU\d{8})$/, { error: reason("param.areaCode") });

const formats = ["json", "csv", "arrow", "parquet"] as const;
export const format = z.enum(formats, { error: reason("param.oneOf", { choices: choices(formats) }) }).optional();

/** How a CSV is written: `sep=semicolon` for Excel with Dutch settings (semicolons and decimal commas). */
export const separator = z.enum(csvSeparators, { error: reason("param.separator") }).default("comma");

/** The language of a CSV's header row and comment line. */
export const exportLang = z.enum(exportLangs, { error: reason("param.oneOf", { choices: choices(exportLangs) }) }).default("en");

/** The CSV options every CSV export takes. */
export const csvOptions = { sep: separator, lang: exportLang };

/** A whole number in [min, max], from a query string. */
export const boundedInt = (min: number, max: number) =>
  z.coerce
    .number({ error: reason("param.wholeNumber", { min, max }) })
    .int({ error: reason("param.wholeNumber", { min, max }) })
    .min(min, { error: reason("param.atLeast", { min }) })
    .max(max, { error: reason("param.atMost", { max }) });

export const latitude = z.coerce
  .number({ error: reason("param.latitude") })
  .min(-90, { error: reason("param.latitudeRange") })
  .max(90, { error: reason("param.latitudeRange") });
export const longitude = z.coerce
  .number({ error: reason("param.longitude") })
  .min(-180, { error: reason("param.longitudeRange") })
  .max(180, { error: reason("param.longitudeRange") });
