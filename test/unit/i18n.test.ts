/**
 * Every text for people exists in Dutch and English: the UI catalogue (and the widget's), the server's
 * catalogue of error messages, every key the client uses (also keys built from API enums), and no
 * server error written as a bare English string instead of a catalogue key.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  CheckResult,
  DataFreshness,
  Freshness,
  PipelineSummary,
  RunSummary,
  areaLevels,
  qualityTiers,
  roles,
  runStatuses,
  statusCodes,
} from "../../src/ground/contract/contract.ts";
import {
  AuditEntry,
  Complaint,
  Inspection,
  NearbyMeasurement,
  OpenItem,
  Permit,
  RecentValue,
  establishmentSorts,
} from "../../src/ground/contract/contract-dossier.ts";
import { alertKinds } from "../../src/ground/contract/contract-alerts.ts";
import { catalogueParts, serverMessages } from "../../src/ground/i18n/catalogue.ts";

type Part = { nl: Record<string, string>; en: Record<string, string> };
const root = path.resolve(import.meta.dirname, "../..");

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}
const read = (file: string) => readFileSync(path.join(root, file), "utf8");

/** Every `defineMessages` table under client/src: each catalogue part and the widget's own table. */
async function clientParts(): Promise<Record<string, Part>> {
  const files = sourceFiles("client/src").filter((file) => /defineMessages\(/.test(read(file)) && !file.endsWith("define.ts"));
  const parts: Record<string, Part> = {};
  for (const file of files) {
    const module = (await import(path.join(root, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(module)) {
      if (value && typeof value === "object" && "nl" in value && "en" in value) parts[`${file} ${name}`] = value as Part;
    }
  }
  return parts;
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

function expectComplete(name: string, part: Part): void {
  expect(Object.keys(part.en).sort(), `${name}: the same keys in nl and en`).toEqual(Object.keys(part.nl).sort());
  for (const key of Object.keys(part.nl)) {
    expect(part.nl[key]?.trim(), `${name} ${key} (nl)`).toBeTruthy();
    expect(part.en[key]?.trim(), `${name} ${key} (en)`).toBeTruthy();
    expect(placeholders(part.en[key]!), `${name} ${key}: the same {placeholders}`).toEqual(placeholders(part.nl[key]!));
  }
}

describe("the UI catalogue", () => {
  it("has, in every part and the widget's table, a Dutch and an English text for every key with the same placeholders", async () => {
    const parts = await clientParts();
    expect(Object.keys(parts).length).toBeGreaterThanOrEqual(7);
    for (const [name, part] of Object.entries(parts)) expectComplete(name, part);
  });

  it("has every key the client asks for, also the keys built from the API's enums", async () => {
    const keys = new Set(Object.values(await clientParts()).flatMap((part) => Object.keys(part.nl)));
    const used = sourceFiles("client/src").flatMap((file) => {
      const text = read(file);
      const literal = [...text.matchAll(/\bt\(\s*"([^"]+)"/g), ...text.matchAll(/\btranslate\(\s*[\w.]+\s*,\s*"([^"]+)"/g)].map((m) => m[1]!);
      const prefixes = [...text.matchAll(/\bt\(\s*`([\w.-]+\.)\$\{/g)].map((m) => m[1]!);
      return [...literal.map((key) => ({ file, key, prefix: false })), ...prefixes.map((key) => ({ file, key, prefix: true }))];
    });
    expect(used.length).toBeGreaterThan(100);
    for (const { file, key, prefix } of used) {
      expect(prefix ? [...keys].some((k) => k.startsWith(key)) : keys.has(key), `${file}: ${key}${prefix ? "…" : ""}`).toBe(true);
    }
    const options = (schema: unknown): readonly string[] => {
      const s = schema as { options?: readonly string[]; unwrap?: () => unknown };
      return s.options ?? options(s.unwrap!());
    };
    const derived: Record<string, readonly string[]> = {
      "status.": statusCodes,
      "tier.": qualityTiers,
      "role.": roles,
      "runStatus.": runStatuses,
      "trigger.": options(RunSummary.shape.trigger),
      "freshness.": options(Freshness.shape.status),
      "indicator.freshness.": options(DataFreshness.shape.status),
      "mode.": options(PipelineSummary.shape.mode),
      "check.level.": options(CheckResult.shape.level),
      "map.level.": areaLevels,
      "map.levels.": areaLevels,
      "search.sort.": establishmentSorts,
      "dossier.permitType.": options(Permit.shape.type),
      "dossier.permitStatus.": options(Permit.shape.status),
      "dossier.result.": options(Inspection.shape.result),
      "dossier.complaintKind.": options(Complaint.shape.kind),
      "dossier.complaintStatus.": options(Complaint.shape.status),
      "dossier.window.": options(RecentValue.shape.window),
      "dossier.windowShort.": options(RecentValue.shape.window),
      "dossier.measurementKind.": options(NearbyMeasurement.shape.kind),
      "dossier.openKind.": options(OpenItem.shape.kind),
      "audit.action.": options(AuditEntry.shape.action),
      "alerts.kind.": alertKinds,
    };
    for (const [prefix, values] of Object.entries(derived)) {
      for (const value of values) expect(keys.has(prefix + value), `${prefix}${value}`).toBe(true);
    }
  });
});

describe("the server's catalogue", () => {
  it("has a Dutch and an English text for every key with the same placeholders", () => {
    for (const [name, part] of Object.entries(catalogueParts)) expectComplete(name, part);
    // The pipeline framework's check messages, run errors and reject reasons are a part like the others.
    expect(Object.keys(catalogueParts)).toContain("pipelines");
  });

  it("has each key in one part only, so no part's text silently replaces another's", () => {
    const keys = Object.values(catalogueParts).flatMap((part) => Object.keys(part.nl));
    expect(keys.filter((key, i) => keys.indexOf(key) !== i)).toEqual([]);
  });

  it("has every key the server code and the pipelines name", () => {
    const used = sourceFiles("src").flatMap((file) => [...read(file).matchAll(/\b(?:msg|reason)\(\s*"([^"]+)"/g)].map((m) => ({ file, key: m[1]! })));
    expect(used.length).toBeGreaterThan(50);
    for (const { file, key } of used) expect(key in serverMessages.en, `${file}: ${key}`).toBe(true);
  });
});

/** A string or template literal where a catalogue message belongs. */
const bareText = String.raw`\s*["'\x60]`;
const englishOnly: [string, RegExp][] = [
  ["HttpError with a text", new RegExp(String.raw`new HttpError\(\s*\d+\s*,` + bareText, "g")],
  ["HttpError detail as a text", new RegExp(String.raw`\bdetail:` + bareText, "g")],
  ["badParameter with a text", new RegExp(String.raw`badParameter\(\s*[^,()]+,` + bareText, "g")],
  ["zod error as a text", new RegExp(String.raw`\berror:` + bareText, "g")],
  ["domain error with a text", new RegExp(String.raw`new (?:NotFound|Conflict|Unavailable|QueryTimeout)\(` + bareText, "g")],
  ["BadParameter with a text", new RegExp(String.raw`new BadParameter\(\s*[^,()]+,` + bareText, "g")],
];
/**
 * Configuration read at start-up (environment, OIDC settings, the policy plan, alert rules): its errors
 * are for the operator in the log, not for a user in the UI, and stay English.
 */
const operatorConfig = new Set([
  "src/app/config.ts",
  "src/engine/auth/oidc-settings.ts",
  "src/engine/themes/policy-plan.ts",
  "src/engine/alerts/alert-rules.ts",
]);

describe("server error messages", () => {
  it("recognise the English-only forms this scan looks for", () => {
    const samples = [
      'new HttpError(404, "Not Found", {})',
      "{ detail: `unknown ${id}` }",
      'badParameter("area", `no ${x}`)',
      "z.string({ error: 'must be' })",
      "new NotFound(`no ${id}`)",
      'new BadParameter("area", "no such area")',
    ];
    samples.forEach((sample, i) => expect(sample.match(englishOnly[i]![1]), sample).not.toBeNull());
    expect('new HttpError(404, msg("unknown.theme", { id }))'.match(englishOnly[0]![1])).toBeNull();
  });

  it("go through the catalogue everywhere in src/ but the pipelines, so a new English-only error fails here", () => {
    // The pipelines have their own scan below (developer-facing definition errors stay English).
    const files = sourceFiles("src").filter((file) => !file.startsWith("src/ground/i18n/") && !file.startsWith("src/pipelines/"));
    expect(files.length).toBeGreaterThan(50);
    const found = files.flatMap((file) => {
      const text = read(file);
      return englishOnly.flatMap(([what, pattern]) =>
        what.startsWith("zod") && operatorConfig.has(file)
          ? []
          : [...text.matchAll(pattern)].map((m) => `${file}:${text.slice(0, m.index).split("\n").length} ${what}`),
      );
    });
    expect(found).toEqual([]);
  });
});

/**
 * The framework's own texts for the analyst (check messages, reject reasons, run errors) are catalogue
 * messages. define-pipeline.ts (a pipeline author's mistakes, at boot) and recorded-server.ts (test and
 * demo upstream) speak to developers and stay English.
 */
const pipelineTexts: [string, RegExp][] = [
  ["check message or reject reason as a text", new RegExp(String.raw`\b(?:message|reason):` + bareText, "g")],
  ["PipelineError with a text", new RegExp(String.raw`new (?:PipelineError|StructuralError|SchemaDriftError)\(` + bareText, "g")],
  ["run failure as a plain Error", /throw new Error\(/g],
];
const developerFacing = new Set([
  "src/pipelines/framework/define-pipeline.ts",
  "src/pipelines/framework/recorded-server.ts",
  "src/pipelines/framework/compile-schema.ts",
  "src/ground/sql-text.ts",
]);

describe("pipeline framework messages", () => {
  it("recognise the English-only forms this scan looks for", () => {
    const samples = ["{ message: `${count} rows` }", 'new PipelineError("failed")', "throw new Error(`too many`)"];
    samples.forEach((sample, i) => expect(sample.match(pipelineTexts[i]![1]), sample).not.toBeNull());
    expect('{ message: msg("check.unique", { columns }) }'.match(pipelineTexts[0]![1])).toBeNull();
  });

  it("go through the catalogue in src/pipelines/framework, so a new English-only check message or run error fails here", () => {
    const files = sourceFiles("src/pipelines/framework").filter((file) => !developerFacing.has(file));
    expect(files.length).toBeGreaterThan(10);
    const found = files.flatMap((file) => {
      const text = read(file);
      return pipelineTexts.flatMap(([what, pattern]) => [...text.matchAll(pattern)].map((m) => `${file}:${text.slice(0, m.index).split("\n").length} ${what}`));
    });
    expect(found).toEqual([]);
  });

  it("go through the catalogue in the pipelines' record schemas, so a reject reason written in one language fails here", () => {
    const files = sourceFiles("src/pipelines").filter((file) => path.dirname(file) === "src/pipelines");
    expect(files.length).toBeGreaterThan(10);
    const zodError = englishOnly.find(([what]) => what.startsWith("zod"))![1];
    const found = files.flatMap((file) => [...read(file).matchAll(zodError)].map((m) => `${file}: ${m[0]}`));
    expect(found).toEqual([]);
  });

  it("go through the catalogue in src/engine/alerts, so an alert message written inline in one language fails here", () => {
    // alert-rules.ts speaks to the operator who wrote the rules file: English, like the other configuration errors.
    const files = sourceFiles("src/engine/alerts").filter((file) => !file.endsWith("alert-rules.ts"));
    expect(files.length).toBeGreaterThan(5);
    const inline = [pipelineTexts[0]![1], new RegExp(String.raw`\b(?:nl|en):` + bareText, "g")];
    expect("{ nl: `${name} is niet op koers` }".match(inline[1]!)).not.toBeNull();
    const found = files.flatMap((file) => inline.flatMap((pattern) => [...read(file).matchAll(pattern)].map((m) => `${file}: ${m[0]}`)));
    expect(found).toEqual([]);
  });
});
