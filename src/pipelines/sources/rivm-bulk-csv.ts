/**
 * The layout of RIVM's air-quality bulk files (data.rivm.nl/data/luchtmeetnet/…/{year}_{component}.csv):
 * latin-1 text, `;`-separated, metadata rows (export date, period, station names and places), then a
 * header `Component;Bep.periode;Eenheid;Begindatumtijd;Einddatumtijd;NL01485;NL01487;…` and one row
 * per hour, a station per column, an empty cell where nothing was measured. Times carry no zone: the
 * offset they are in is configuration (MM_RIVM_TIME_OFFSET; RIVM's own users read UTC+1, no DST).
 */

/** One hourly value as a record of the air-quality-measurements schema (a cell it cannot read is passed on as found, to be quarantined). */
export interface BulkRecord {
  station_number: string;
  formula: string;
  value: number | string;
  timestamp_measured: string;
  tier: string;
}

export interface BulkFile {
  /** Station numbers of the file's columns, in order. */
  stations: string[];
  /** The unit the file states (µg/m³), when it states one. */
  unit: string | null;
  records: BulkRecord[];
}

const STATION = /^[A-Z]{2}\d{5}$/;
const STAMP = /^(\d{4})-?(\d{2})-?(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;
const NUMBER = /^-?\d+([.,]\d+)?$/;
const OFFSET = /^([+-])(\d{2}):(\d{2})$/;

/** "+01:00" → 60; "Z" or "UTC" → 0. Throws on anything else (the setting is checked at start). */
export function offsetMinutes(offset: string): number {
  if (offset === "Z" || offset.toUpperCase() === "UTC") return 0;
  const match = OFFSET.exec(offset);
  if (!match) throw new Error(`not a UTC offset like "+01:00": ${JSON.stringify(offset)}`);
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === "-" ? -minutes : minutes;
}

/** A zone-less file time in the given offset, as UTC ISO 8601 with seconds; null when unreadable. */
export function toUtc(stamp: string, offset: number): string | null {
  const match = STAMP.exec(stamp.trim());
  if (!match) return null;
  const [y, mo, d, h, mi, s] = match.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s) - offset * 60_000;
  return Number.isFinite(ms) ? new Date(ms).toISOString().replace(".000Z", "Z") : null;
}

/**
 * Parses one bulk file. `keep`: the stations wanted (others' columns are skipped); `formula` and
 * `tier` are the file's (from its name and folder). The header is found by its first cell, not by
 * counting metadata rows, so a file with one row more or less reads the same.
 */
export function parseBulkFile(bytes: Uint8Array, options: { formula: string; tier: string; offsetMinutes: number; keep?: ReadonlySet<string> }): BulkFile {
  const text = new TextDecoder("latin1").decode(bytes);
  const lines = text.split(/\r?\n/);
  const headerAt = lines.findIndex((line) => /^"?component"?;/i.test(line.trim()));
  if (headerAt < 0) throw new Error('no header row starting with "Component;" (not an RIVM bulk file)');
  const header = lines[headerAt]!.split(";").map(unquote);
  const begin = header.findIndex((h) => /^begindatumtijd$/i.test(h));
  const end = header.findIndex((h) => /^einddatumtijd$/i.test(h));
  if (end < 0) throw new Error('the header has no "Einddatumtijd" column');
  const unitAt = header.findIndex((h) => /^eenheid$/i.test(h));
  const first = Math.max(begin, end, unitAt) + 1;
  const stations = header.slice(first);
  const columns = stations.flatMap((station, i) => (STATION.test(station) && (!options.keep || options.keep.has(station)) ? [{ station, at: first + i }] : []));
  const records: BulkRecord[] = [];
  let unit: string | null = null;
  for (let i = headerAt + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.trim()) continue;
    const cells = line.split(";");
    if (unitAt >= 0 && unit === null) unit = unquote(cells[unitAt] ?? "") || null;
    const stamp = unquote(cells[end] ?? "");
    const timestamp = toUtc(stamp, options.offsetMinutes) ?? stamp;
    for (const { station, at } of columns) {
      const cell = unquote(cells[at] ?? "");
      if (cell === "") continue;
      const value = NUMBER.test(cell) ? Number(cell.replace(",", ".")) : cell;
      records.push({ station_number: station, formula: options.formula, value, timestamp_measured: timestamp, tier: options.tier });
    }
  }
  return { stations: stations.filter((s) => STATION.test(s)), unit, records };
}

const unquote = (cell: string) => {
  const trimmed = cell.trim();
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1).trim() : trimmed;
};
