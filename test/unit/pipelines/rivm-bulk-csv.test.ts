/**
 * The parser of RIVM's wide bulk CSV layout (src/pipelines/sources/rivm-bulk-csv.ts), on bytes as the
 * files are published: latin-1, `;`, metadata rows before the header, one column per station, times
 * without zone. Where /work/shared/SOURCES.md §1b marks a claim as a guess (the zone of the times,
 * the number of metadata rows) both answers are tested.
 */
import { describe, expect, it } from "vitest";
import { offsetMinutes, parseBulkFile, toUtc } from "../../../src/pipelines/sources/rivm-bulk-csv.ts";

const HEADER = "Component;Bep.periode;Eenheid;Begindatumtijd;Einddatumtijd;NL10404;NL10445;NL10450";

/** Metadata rows as in the files: export date, period, source, description, then station rows in column 5. */
function metadata(rows: number): string[] {
  const lines = [
    "Exportdatum;20240115 08:00;;;StationsCode;NL10404;NL10445;NL10450",
    "Periode;20231231 00:00 - 20240101 00:00;;;Stationsnaam;Den Haag-Rebecquestraat;Den Haag-Amsterdamse Veerkade;Den Haag-Neherkade",
    "Bron;https://data.rivm.nl/data/luchtmeetnet/;;;Latitude,Longitude;(52.077,4.289);(52.075,4.316);(52.063,4.319)",
    "Omschrijving;https://data.rivm.nl/;;;Stationsgebied;Stedelijk;Stedelijk;Stedelijk",
    ";;;;Meetprincipe;Bèta-absorptie;Bèta-absorptie;Bèta-absorptie",
    ";;;;Meetopstelling;Achtergrond;Straat;Straat",
    ";;;;Stationstype;Achtergrond;Verkeer;Verkeer",
    ";;;;Opmerking;;;",
  ];
  return lines.slice(0, rows);
}

/** Three hours of PM2.5 (real values of NL10404 and NL10450 around New Year 2023/24) with one gap each. */
const DATA = [
  "PM25;uur;µg/m³;20231231 22:00;20231231 23:00;41.05;;54.58",
  "PM25;uur;µg/m³;20231231 23:00;20240101 00:00;60.78;12.1;",
  "PM25;uur;µg/m³;20240101 00:00;20240101 01:00;456.46;;350.72",
];

function file(lines: string[], newline = "\r\n"): Uint8Array {
  return Buffer.from(`${lines.join(newline)}${newline}`, "latin1");
}

const options = { formula: "PM25", tier: "provisional", offsetMinutes: 60 };
const stamps = (records: { timestamp_measured: string }[]) => [...new Set(records.map((r) => r.timestamp_measured))];

describe("parseBulkFile", () => {
  it("reads latin-1 bytes: the unit is µg/m³, not mojibake", () => {
    const bytes = file([...metadata(7), HEADER, ...DATA]);
    // µ and ³ are single bytes (0xB5, 0xB3): the file is not UTF-8.
    expect(bytes.includes(0xb5)).toBe(true);
    expect(Buffer.from(bytes).toString("utf8")).not.toContain("µg/m³");
    const parsed = parseBulkFile(bytes, options);
    expect(parsed.unit).toBe("µg/m³");
    expect(parsed.stations).toEqual(["NL10404", "NL10445", "NL10450"]);
  });

  it("finds the header after 6 or 8 metadata rows alike", () => {
    const seven = parseBulkFile(file([...metadata(7), HEADER, ...DATA]), options);
    const six = parseBulkFile(file([...metadata(6), HEADER, ...DATA]), options);
    const eight = parseBulkFile(file([...metadata(8), HEADER, ...DATA]), options);
    expect(seven.records).toHaveLength(6);
    expect(six.records).toEqual(seven.records);
    expect(eight.records).toEqual(seven.records);
  });

  it("skips empty cells and keeps one record per measured hour and station", () => {
    const { records } = parseBulkFile(file([...metadata(7), HEADER, ...DATA]), options);
    expect(records).toEqual([
      { station_number: "NL10404", formula: "PM25", value: 41.05, timestamp_measured: "2023-12-31T22:00:00Z", tier: "provisional" },
      { station_number: "NL10450", formula: "PM25", value: 54.58, timestamp_measured: "2023-12-31T22:00:00Z", tier: "provisional" },
      { station_number: "NL10404", formula: "PM25", value: 60.78, timestamp_measured: "2023-12-31T23:00:00Z", tier: "provisional" },
      { station_number: "NL10445", formula: "PM25", value: 12.1, timestamp_measured: "2023-12-31T23:00:00Z", tier: "provisional" },
      { station_number: "NL10404", formula: "PM25", value: 456.46, timestamp_measured: "2024-01-01T00:00:00Z", tier: "provisional" },
      { station_number: "NL10450", formula: "PM25", value: 350.72, timestamp_measured: "2024-01-01T00:00:00Z", tier: "provisional" },
    ]);
  });

  it("skips the columns of stations not kept, and still lists every station of the file", () => {
    const parsed = parseBulkFile(file([...metadata(7), HEADER, ...DATA]), { ...options, keep: new Set(["NL10450"]) });
    expect(parsed.records.map((r) => [r.station_number, r.value])).toEqual([
      ["NL10450", 54.58],
      ["NL10450", 350.72],
    ]);
    expect(parsed.stations).toEqual(["NL10404", "NL10445", "NL10450"]);
  });

  it("reads a decimal comma and a negative value near the detection limit as numbers", () => {
    const { records } = parseBulkFile(file([HEADER, "PM25;uur;µg/m³;20231231 13:00;20231231 14:00;-0,06;3,5;-5.25"]), options);
    expect(records.map((r) => r.value)).toEqual([-0.06, 3.5, -5.25]);
  });

  it("passes an unreadable cell on as text, for the runner to quarantine with its reason", () => {
    const { records } = parseBulkFile(file([HEADER, "PM25;uur;µg/m³;20231231 13:00;20231231 14:00;n.b.;<0.5;7"]), options);
    expect(records.map((r) => r.value)).toEqual(["n.b.", "<0.5", 7]);
  });

  it("passes an unreadable time on as text, so the record is quarantined rather than misdated", () => {
    const { records } = parseBulkFile(file([HEADER, "PM25;uur;µg/m³;31-12-2023 13:00;31-12-2023 14:00;7;;"]), options);
    expect(records).toEqual([{ station_number: "NL10404", formula: "PM25", value: 7, timestamp_measured: "31-12-2023 14:00", tier: "provisional" }]);
  });

  it("reads the zone-less times in the configured offset: +01:00 and UTC give the same hours one hour apart", () => {
    // SOURCES.md §1b: UTC+1 is one R user's reading [3rd: verify]; UTC is the other plausible answer.
    const bytes = file([...metadata(7), HEADER, ...DATA]);
    const plusOne = parseBulkFile(bytes, { ...options, offsetMinutes: offsetMinutes("+01:00") });
    const utc = parseBulkFile(bytes, { ...options, offsetMinutes: offsetMinutes("UTC") });
    expect(stamps(plusOne.records)).toEqual(["2023-12-31T22:00:00Z", "2023-12-31T23:00:00Z", "2024-01-01T00:00:00Z"]);
    expect(stamps(utc.records)).toEqual(["2023-12-31T23:00:00Z", "2024-01-01T00:00:00Z", "2024-01-01T01:00:00Z"]);
    for (const [i, record] of plusOne.records.entries()) {
      expect(Date.parse(utc.records[i]!.timestamp_measured) - Date.parse(record.timestamp_measured)).toBe(3_600_000);
      expect(utc.records[i]!.value).toBe(record.value);
    }
  });

  it('reads an end time written "24:00" as midnight of the next day', () => {
    const midnight = parseBulkFile(file([HEADER, "PM25;uur;µg/m³;20231231 23:00;20240101 00:00;60.78;;"]), options);
    const twentyFour = parseBulkFile(file([HEADER, "PM25;uur;µg/m³;20231231 23:00;20231231 24:00;60.78;;"]), options);
    expect(twentyFour.records).toEqual(midnight.records);
    expect(twentyFour.records[0]!.timestamp_measured).toBe("2023-12-31T23:00:00Z");
  });

  it("reads CRLF and LF line ends alike, and quoted cells", () => {
    const lines = [...metadata(7), HEADER, ...DATA];
    const crlf = parseBulkFile(file(lines, "\r\n"), options);
    const lf = parseBulkFile(file(lines, "\n"), options);
    const quoted = parseBulkFile(
      file(
        lines.map((line) =>
          line
            .split(";")
            .map((cell) => (cell ? `"${cell}"` : cell))
            .join(";"),
        ),
        "\n",
      ),
      options,
    );
    expect(crlf.records).toHaveLength(6);
    expect(lf).toEqual(crlf);
    expect(quoted).toEqual(crlf);
  });

  it("fails on a file without the header row (an HTML error page, another export)", () => {
    const html = Buffer.from("<html><body><h1>404 Not Found</h1></body></html>", "latin1");
    expect(() => parseBulkFile(html, options)).toThrow(/no header row starting with "Component;"/);
    const noEnd = file(["Component;Bep.periode;Eenheid;Begindatumtijd;NL10404", "PM25;uur;µg/m³;20231231 23:00;7"]);
    expect(() => parseBulkFile(noEnd, options)).toThrow(/Einddatumtijd/);
  });
});

describe("offsetMinutes and toUtc", () => {
  it("reads the offsets MM_RIVM_TIME_OFFSET accepts and refuses others", () => {
    expect(offsetMinutes("+01:00")).toBe(60);
    expect(offsetMinutes("-02:30")).toBe(-150);
    expect(offsetMinutes("Z")).toBe(0);
    expect(offsetMinutes("UTC")).toBe(0);
    expect(() => offsetMinutes("CET")).toThrow(/not a UTC offset/);
  });

  it("reads compact and dashed dates, with or without seconds, and nothing else", () => {
    expect(toUtc("20200101 01:00", 60)).toBe("2020-01-01T00:00:00Z");
    expect(toUtc("2020-01-01 01:00:30", 0)).toBe("2020-01-01T01:00:30Z");
    expect(toUtc(" 2020-01-01T01:00 ", 0)).toBe("2020-01-01T01:00:00Z");
    expect(toUtc("01-01-2020 01:00", 0)).toBeNull();
    expect(toUtc("", 0)).toBeNull();
  });
});
