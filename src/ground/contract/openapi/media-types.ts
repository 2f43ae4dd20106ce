/**
 * What a table answer (series, values per area) can be sent as: one media type per value of the
 * shared `format` parameter, so a format added there shows up in the document, or fails at start-up
 * here until it is given its media type.
 */
import { format } from "../params.ts";

const mediaTypeOfFormat: Record<string, string> = {
  json: "application/json",
  csv: "text/csv",
  arrow: "application/vnd.apache.arrow.stream",
  parquet: "application/vnd.apache.parquet",
};

export function mediaTypeOf(name: string): string {
  const type = mediaTypeOfFormat[name];
  if (!type) throw new Error(`format ${name} has no media type: add it to src/ground/contract/openapi/media-types.ts`);
  return type;
}

/** The media types of `?format=` (and of the Accept header), in the order of the enum. */
export const tableMediaTypes: readonly string[] = format.unwrap().options.map(mediaTypeOf);
