/**
 * The exports agree in type, so pandas (or anyone) can concatenate them: every time column is an
 * instant in UTC in milliseconds in Arrow (Timestamp(MILLISECOND, "UTC")) and in Parquet
 * (TIMESTAMP, isAdjustedToUTC, MILLIS), ISO 8601 with a Z in CSV. And where disclosure control hid
 * values, the files say by which rule, beside the provenance: Arrow's schema metadata, Parquet's
 * key-value metadata, a CSV comment line. Each file is read back by an independent reader
 * (apache-arrow, hyparquet).
 */
import { DataType, TimeUnit, tableFromIPC, type Timestamp } from "apache-arrow";
import { parquetMetadata, parquetReadObjects, parquetSchema } from "hyparquet";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { AreaValues } from "../../src/ground/contract/contract-areas.ts";
import { login, startTestMonitor, type Login, type TestMonitor } from "../support/test-server.ts";

let monitor: TestMonitor;
let policy: Login;
let permit: Login;

beforeAll(async () => {
  monitor = await startTestMonitor(inject("demoDir"));
  [policy, permit] = await Promise.all([login(monitor.url, "policy"), login(monitor.url, "permit")]);
});
afterAll(() => monitor?.close());

async function download(url: string, auth: Login): Promise<Uint8Array> {
  const response = await fetch(`${monitor.url}${url}`, { headers: { cookie: auth.cookie } });
  expect(response.status, url).toBe(200);
  return new Uint8Array(await response.arrayBuffer());
}

const ODOUR_BUURT = "/api/v1/indicators/odour-complaints/areas?level=buurt";
const ODOUR_BREAKDOWN = "/api/v1/indicators/odour-complaints/series?by=breakdown";
const NO2_SERIES = "/api/v1/indicators/no2-annual-mean/series?by=area";

/** Parquet's time units, by Arrow's name for the same unit. */
const parquetUnit = { [TimeUnit.SECOND]: null, [TimeUnit.MILLISECOND]: "MILLIS", [TimeUnit.MICROSECOND]: "MICROS", [TimeUnit.NANOSECOND]: "NANOS" };

async function readArrow(url: string, auth: Login) {
  const table = tableFromIPC(await download(`${url}&format=arrow`, auth));
  const field = table.schema.fields.find((f) => f.name === "periodStart")!;
  return { field, starts: table.getChild("periodStart")!.toArray() as ArrayLike<number | bigint | null>, metadata: Object.fromEntries(table.schema.metadata) };
}

async function readParquet(url: string, auth: Login) {
  const file = (await download(`${url}&format=parquet`, auth)).slice().buffer;
  const metadata = parquetMetadata(file);
  const element = parquetSchema(metadata).children.find((c) => c.element.name === "periodStart")!.element;
  const rows = await parquetReadObjects({ file, columns: ["periodStart"] });
  return {
    element,
    starts: rows.map((r) => (r.periodStart === null ? null : (r.periodStart as Date).getTime())),
    metadata: Object.fromEntries((metadata.key_value_metadata ?? []).map((kv) => [kv.key, kv.value])),
  };
}

describe.each([
  ["values per buurt", ODOUR_BUURT],
  ["a series per buurt", ODOUR_BREAKDOWN],
  ["a series of the municipality", NO2_SERIES],
])("the period start of %s", (_name, url) => {
  it("is a UTC millisecond timestamp in Arrow and in Parquet alike, with the same instants", async () => {
    const arrow = await readArrow(url, policy);
    const parquet = await readParquet(url, policy);

    expect(DataType.isTimestamp(arrow.field.type)).toBe(true);
    const arrowType = arrow.field.type as Timestamp;
    expect({ unit: arrowType.unit, timezone: arrowType.timezone }).toEqual({ unit: TimeUnit.MILLISECOND, timezone: "UTC" });
    expect(parquet.element.type).toBe("INT64");
    expect(parquet.element.logical_type).toEqual({ type: "TIMESTAMP", isAdjustedToUTC: true, unit: "MILLIS" });
    // The same unit, said each format's way.
    expect(parquet.element.logical_type).toMatchObject({ unit: parquetUnit[arrowType.unit] });

    const arrowStarts = Array.from(arrow.starts, (v) => (v === null ? null : Number(v)));
    expect(arrowStarts.length).toBeGreaterThan(0);
    expect(arrowStarts.some((v) => v !== null)).toBe(true);
    expect(arrowStarts).toEqual(parquet.starts);
    for (const start of arrowStarts) if (start !== null) expect(new Date(start).toISOString()).toMatch(/^\d{4}-01-01T00:00:00\.000Z$/);
  });
});

describe("the disclosure rule", () => {
  it("is in the Arrow schema, the Parquet metadata and a CSV comment line of values the policy role gets suppressed", async () => {
    const json = AreaValues.parse(await (await fetch(`${monitor.url}${ODOUR_BUURT}`, { headers: { cookie: policy.cookie } })).json());
    const rule = json.suppressionRule!;
    expect(rule.en).toContain("fewer than 5");
    const expected = { "suppressionRule.nl": rule.nl, "suppressionRule.en": rule.en };

    const arrow = await readArrow(ODOUR_BUURT, policy);
    const parquet = await readParquet(ODOUR_BUURT, policy);
    for (const metadata of [arrow.metadata, parquet.metadata]) {
      expect(metadata).toMatchObject(expected);
      // Beside the provenance, not instead of it.
      expect(JSON.parse(metadata.provenance!)).toEqual(json.provenance);
    }

    for (const lang of ["nl", "en"] as const) {
      const text = new TextDecoder().decode(await download(`${ODOUR_BUURT}&format=csv&lang=${lang}`, policy));
      const comments = text.split("\r\n").filter((l) => l.startsWith("# "));
      expect(comments[0]).toMatch(lang === "nl" ? /^# bron: / : /^# source: /);
      expect(comments[1]).toBe(`# ${rule[lang]}`);
    }
  });

  it("is in the files of a series where it hid values", async () => {
    const arrow = await readArrow(ODOUR_BREAKDOWN, policy);
    const parquet = await readParquet(ODOUR_BREAKDOWN, policy);
    for (const metadata of [arrow.metadata, parquet.metadata]) expect(metadata["suppressionRule.en"]).toContain("fewer than 5");
  });

  it("is absent where no value is subject to it: the permit officer's values, an indicator without disclosure control", async () => {
    for (const [url, auth] of [
      [ODOUR_BUURT, permit],
      [NO2_SERIES, policy],
    ] as const) {
      const arrow = await readArrow(url, auth);
      const parquet = await readParquet(url, auth);
      for (const metadata of [arrow.metadata, parquet.metadata]) {
        expect(metadata.provenance, url).toBeDefined();
        expect(
          Object.keys(metadata).filter((k) => k.startsWith("suppressionRule")),
          url,
        ).toEqual([]);
      }
      const text = new TextDecoder().decode(await download(`${url}&format=csv&lang=en`, auth));
      expect(text.split("\r\n").filter((l) => l.startsWith("# ")).length, url).toBe(1);
    }
  });
});

describe("the time column of the measurement CSV", () => {
  it("is ISO 8601 in UTC with a Z", async () => {
    const text = new TextDecoder().decode(await download("/api/v1/stations/NL99001/measurements?from=2024-01-01&to=2024-01-02", permit));
    const rows = text.split("\r\n").filter((l) => l !== "" && !l.startsWith("\uFEFF#") && !l.startsWith("#"));
    expect(rows[0]).toBe("time,station,formula,value");
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows.slice(1)) expect(row.split(",")[0]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });
});
