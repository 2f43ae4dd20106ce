/**
 * The alert rules file (MM_ALERTS, default config/alerts.json): which conditions open an alert.
 * Validated at start like the rest of the configuration, so a typo in an indicator id fails at boot
 * with the rule and the field named, not silently never alerting.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { findPipeline, pipelines } from "../../pipelines/index.ts";
import { findIndicator, themes } from "../themes/index.ts";
import { dailyNorms } from "../themes/norms.ts";
import { alertKinds } from "../../ground/contract/contract-alerts.ts";

export type { AlertKind } from "../../ground/contract/contract-alerts.ts";

const ruleId = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'must be a short name in lower case with dashes, like "pm10-daily"' });

/** A list of names, or "*" for all of them; each name is checked against what exists. */
const selection = (what: string, exists: (name: string) => boolean, known: () => string[]) =>
  z.union(
    [
      z.literal("*"),
      z
        .array(z.string(), { error: `must be "*" or a list of ${what}` })
        .min(1, { error: `must name at least one ${what.replace(/s$/, "")}, or be "*"` })
        .superRefine((names, ctx) => {
          for (const name of names)
            if (!exists(name)) ctx.addIssue({ code: "custom", message: `unknown ${what.replace(/s$/, "")} "${name}"; known: ${known().join(", ")}` });
        }),
    ],
    { error: `must be "*" or a list of ${what}` },
  );

const components = Object.keys(dailyNorms);
const pipelineNames = () => pipelines.map((p) => p.name);

export const AlertRule = z.discriminatedUnion(
  "kind",
  [
    z.strictObject({
      id: ruleId,
      kind: z.literal("indicator-off-track"),
      indicators: selection(
        "indicator ids",
        (id) => Boolean(findIndicator(id)),
        () => themes.flatMap((t) => t.indicators.map((i) => i.id)),
      ),
    }),
    z.strictObject({
      id: ruleId,
      kind: z.literal("station-24h"),
      components: selection(
        "components",
        (c) => components.includes(c),
        () => components,
      ),
    }),
    z.strictObject({ id: ruleId, kind: z.literal("pipeline-failed"), pipelines: selection("pipelines", (p) => Boolean(findPipeline(p)), pipelineNames) }),
    z.strictObject({ id: ruleId, kind: z.literal("pipeline-stale"), pipelines: selection("pipelines", (p) => Boolean(findPipeline(p)), pipelineNames) }),
  ],
  { error: `kind must be one of ${alertKinds.join(", ")}` },
);
export type AlertRule = z.infer<typeof AlertRule>;

export const AlertRules = z.strictObject({
  rules: z.array(AlertRule).superRefine((rules, ctx) => {
    const seen = new Set<string>();
    rules.forEach((rule, index) => {
      if (seen.has(rule.id)) ctx.addIssue({ code: "custom", path: [index, "id"], message: `"${rule.id}" is used by an earlier rule; rule ids must be unique` });
      seen.add(rule.id);
    });
  }),
});
export type AlertRules = z.infer<typeof AlertRules>;

/** Whether `name` is selected by a rule's list ("*" selects everything). */
export const selects = (selection: "*" | string[], name: string) => selection === "*" || selection.includes(name);

/** Parses rules; throws one message naming each bad rule (by index and id) and field. */
export function parseAlertRules(input: unknown, source: string): AlertRules {
  const result = AlertRules.safeParse(input);
  if (result.success) return result.data;
  const rules = (input as { rules?: { id?: unknown }[] } | null)?.rules;
  const lines = result.error.issues.map((issue) => {
    const [top, index, ...field] = issue.path;
    if (top !== "rules" || typeof index !== "number") return `  ${issue.path.join(".") || "(file)"}: ${issue.message}`;
    const id = rules?.[index]?.id;
    const name = typeof id === "string" ? ` ("${id}")` : "";
    return `  rule ${index + 1}${name}, field ${field.join(".") || "(rule)"}: ${issue.message}`;
  });
  throw new Error(`invalid alert rules in ${source}:\n${lines.join("\n")}`);
}

export function loadAlertRules(file: string): AlertRules {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new Error(`cannot read the alert rules ${file} (MM_ALERTS): ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`the alert rules ${file} (MM_ALERTS) are not valid JSON: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return parseAlertRules(json, file);
}
