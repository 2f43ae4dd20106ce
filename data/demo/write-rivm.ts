/**
 * Writes the demo's air-quality history as RIVM publishes its bulk files (src/pipelines/sources/
 * rivm-bulk-csv.ts): a file per period and component, latin-1, `;`, seven metadata rows, a station per
 * column, times without zone in UTC+1. Validated years go to Vastgesteld-jaar/{year}/, the months of
 * the last year (awaiting validation) to Voorlopig-jaar/{year}/. Series are added one station at a
 * time (memory holds one number per hour, station and component); the files are written at the end.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Measurement } from "./air-quality.ts";
import type { DemoStation, Formula } from "./stations.ts";

const HOUR = 3_600_000;
const OFFSET_MS = HOUR; // the files' times are UTC+1

/** One file's period: a validated year or a provisional month, [start, end) in file (UTC+1) time as UTC digits. */
interface Period {
  folder: string;
  name: string;
  start: number;
  end: number;
}

export interface RivmHistory {
  /** Adds one station's series (sorted or not); values outside every period are ignored. */
  add(station: DemoStation, series: Measurement[]): void;
  /** Writes every file; returns how many values they hold. */
  write(): number;
}

/** Validated years [fromYear, lastValidated], then the months of `provisionalYear` up to and including `lastMonth`. */
export function rivmHistory(
  dir: string,
  all: DemoStation[],
  { fromYear, lastValidated, provisionalYear, lastMonth }: { fromYear: number; lastValidated: number; provisionalYear: number; lastMonth: number },
): RivmHistory {
  const periods: Period[] = [];
  for (let year = fromYear; year <= lastValidated; year++) {
    periods.push({ folder: `Vastgesteld-jaar/${year}`, name: `${year}`, start: Date.UTC(year, 0, 1), end: Date.UTC(year + 1, 0, 1) });
  }
  for (let month = 1; month <= lastMonth; month++) {
    const mm = String(month).padStart(2, "0");
    periods.push({
      folder: `Voorlopig-jaar/${provisionalYear}`,
      name: `${provisionalYear}_${mm}`,
      start: Date.UTC(provisionalYear, month - 1, 1),
      end: Date.UTC(provisionalYear, month, 1),
    });
  }
  // A column per station that measures the component, in the stations' order.
  const stations = new Map<Formula, DemoStation[]>();
  for (const station of all) for (const formula of Object.keys(station.base) as Formula[]) stations.set(formula, [...(stations.get(formula) ?? []), station]);
  /** Values per period and formula: hour × station, NaN where nothing was measured. */
  const grids = new Map<string, Float64Array>();
  const grid = (period: Period, formula: Formula) => {
    const key = `${period.name}/${formula}`;
    let values = grids.get(key);
    if (!values) {
      values = new Float64Array(((period.end - period.start) / HOUR) * stations.get(formula)!.length).fill(Number.NaN);
      grids.set(key, values);
    }
    return values;
  };
  return {
    add(station, series) {
      for (const m of series) {
        const list = stations.get(m.formula)!;
        const column = list.indexOf(station);
        // The row's begin time in file time: the hour's end (UTC) plus one hour for UTC+1, less the hour.
        const begin = Date.parse(m.timestamp_measured) + OFFSET_MS - HOUR;
        const period = periods.find((p) => begin >= p.start && begin < p.end);
        if (!period) continue;
        grid(period, m.formula)[((begin - period.start) / HOUR) * list.length + column] = m.value;
      }
    },
    write() {
      let values = 0;
      for (const period of periods) {
        for (const [formula, list] of stations) {
          const data = grids.get(`${period.name}/${formula}`);
          if (!data) continue;
          const folder = path.join(dir, period.folder);
          mkdirSync(folder, { recursive: true });
          const { text, count } = fileText(period, formula, list, data);
          values += count;
          writeFileSync(path.join(folder, `${period.name}_${formula}.csv`), Buffer.from(text, "latin1"));
        }
      }
      return values;
    },
  };
}

const stamp = (ms: number) => {
  const d = new Date(ms).toISOString();
  return `${d.slice(0, 4)}${d.slice(5, 7)}${d.slice(8, 10)} ${d.slice(11, 16)}`;
};

function fileText(period: Period, formula: Formula, stations: DemoStation[], data: Float64Array): { text: string; count: number } {
  const cells = (label: string, value: string, row: string, of: (s: DemoStation) => string) => [label, value, "", "", row, ...stations.map(of)].join(";");
  const lines = [
    cells("Exportdatum", "20260101 08:00", "StationsCode", (s) => s.number),
    cells("Periode", `${stamp(period.start)} - ${stamp(period.end)}`, "Stationsnaam", (s) => s.location),
    cells("Bron", "https://data.rivm.nl/data/luchtmeetnet/ (demodata)", "Latitude,Longitude", (s) => `(${s.lat},${s.lon})`),
    cells("Omschrijving", "Demodata Milieumonitor, synthetisch", "Stationsgebied", (s) => (s.type === "background" ? "Stedelijk achtergrond" : "Stedelijk")),
    cells("", "", "Meetprincipe", () => (formula === "NO2" ? "Chemiluminescentie" : formula === "O3" ? "UV-absorptie" : "Bèta-absorptie")),
    cells("", "", "Meetopstelling", (s) => (s.type === "traffic" ? "Straat" : "Achtergrond")),
    cells("", "", "Stationstype", (s) => s.type),
    ["Component", "Bep.periode", "Eenheid", "Begindatumtijd", "Einddatumtijd", ...stations.map((s) => s.number)].join(";"),
  ];
  let count = 0;
  const hours = (period.end - period.start) / HOUR;
  for (let h = 0; h < hours; h++) {
    const begin = period.start + h * HOUR;
    const row = [formula, "uur", "µg/m³", stamp(begin), stamp(begin + HOUR)];
    for (let c = 0; c < stations.length; c++) {
      const value = data[h * stations.length + c]!;
      if (Number.isNaN(value)) row.push("");
      else {
        row.push(String(value));
        count++;
      }
    }
    lines.push(row.join(";"));
  }
  return { text: `${lines.join("\r\n")}\r\n`, count };
}
