/**
 * The go-live check as the terminal shows it (`npm run pipelines -- check`, bench/go-live-example.ts):
 * one block per pipeline in plain English, and a summary line.
 */
import type { PipelineCheck } from "../../ground/contract/contract-go-live.ts";

const LABEL = 10;

/** A label and its lines, the lines after the first indented under the first. */
function field(label: string, lines: string[]): string[] {
  return lines.map((line, i) => `  ${(i === 0 ? label : "").padEnd(LABEL)}${line}`);
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
const outcomeText = { passed: "passed", warned: "passed with warnings", failed: "FAILED", skipped: "skipped" } as const;

/** A long URL (a WFS filter, an OData query) cut in the middle of its query; the error states it whole. */
const MAX_URL = 120;
const shorten = (text: string) => (text.length <= MAX_URL ? text : `${text.slice(0, MAX_URL - 1)}…`);

function sourceLines(result: PipelineCheck): string[] {
  const lines = [result.source];
  if (result.skipped) return [...lines, result.skipped.en];
  const requests = result.requests ? ` (${plural(result.requests, "request")})` : "";
  if (result.reached) {
    if (result.location) lines.push(`read ${shorten(result.location)}${requests}`);
  } else {
    const where = result.failedUrl ?? result.location;
    lines.push(`not read${where ? `: ${shorten(where)}` : ""}${requests}`);
  }
  return lines;
}

function rowLines(result: PipelineCheck): string[] {
  const duplicates = result.rowsDuplicate ? `, ${plural(result.rowsDuplicate, "duplicate")} dropped` : "";
  return [
    `${result.rowsRead.toLocaleString("en")} read, ${result.rowsLoaded.toLocaleString("en")} valid, ${result.rowsRejected.toLocaleString("en")} rejected${duplicates}`,
  ];
}

function rejectLines(result: PipelineCheck): string[] {
  return result.rejects.map((r) => {
    const examples = r.examples.length ? `, e.g. ${r.examples.map((e) => JSON.stringify(e.length > 80 ? `${e.slice(0, 79)}…` : e)).join(", ")}` : "";
    return `${r.column ? `${r.column}: ` : ""}${r.reason.en} (${plural(r.rows, "row")})${examples}`;
  });
}

function checkLines(result: PipelineCheck): string[] {
  const passed = result.checks.filter((c) => c.passed);
  const failed = result.checks.filter((c) => !c.passed);
  const lines = passed.length ? [`${passed.length} passed: ${passed.map((c) => c.name).join(", ")}`] : [];
  for (const c of failed)
    lines.push(`${c.level === "error" ? "FAILED" : "warning"} ${c.name}: ${c.message.en}${c.sample.length ? ` (e.g. ${c.sample.join("; ")})` : ""}`);
  return lines.length ? lines : ["none ran"];
}

/** One pipeline's block: what was read or what failed and what to change, rows, rejects, checks, period. */
export function formatPipelineCheck(result: PipelineCheck): string {
  const lines = [`${result.pipeline} (${result.title.en}): ${outcomeText[result.outcome]}`, ...field("source", sourceLines(result))];
  if (result.outcome !== "skipped") {
    if (result.error) lines.push(...field("error", [result.error.en]));
    if (result.settings.length) lines.push(...field("change", [result.settings.join(", or else ")]));
    lines.push(...field("rows", rowLines(result)));
    if (result.rejects.length) lines.push(...field("rejects", rejectLines(result)));
    lines.push(...field("checks", checkLines(result)));
    lines.push(...field("period", [result.period ? `${result.period.from} .. ${result.period.to} (${result.period.column})` : "-"]));
  }
  return lines.join("\n");
}

export function formatCheckSummary(results: readonly PipelineCheck[]): string {
  const count = (outcome: PipelineCheck["outcome"]) => results.filter((r) => r.outcome === outcome).length;
  return `${plural(results.length, "pipeline")} checked: ${count("passed")} passed, ${count("warned")} with warnings, ${count("failed")} failed, ${count("skipped")} skipped; nothing was published`;
}
