/**
 * Snapshot tests of Plot charts, the way Plot's own suite does them (observablehq/plot, test/plot.js):
 * the chart is rendered in jsdom, serialized to text with generated ids renumbered, and compared with
 * a committed file in test/snapshots/charts/. A difference writes `<name>-changed.svg` (or `.html`
 * for a chart with a legend, which Plot wraps in a <figure>) next to it and fails; a missing snapshot
 * is written and passes, except under CI, where it fails. To accept a change, review the -changed
 * file and move it over the snapshot (CONTRIBUTING.md).
 */
import { existsSync } from "node:fs";
import { readFile, unlink, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

// A path, not a URL: under the jsdom environment the global URL is jsdom's, which node:fs refuses.
const snapshotDir = join(dirname(fileURLToPath(import.meta.url)), "../../../snapshots/charts");
const svgNs = "http://www.w3.org/2000/svg";
const xmlnsNs = "http://www.w3.org/2000/xmlns/";

/**
 * Ids such as Plot's `plot-clip-12` or the choropleth's `mm-hatch-3` come from module counters, so
 * they depend on what was drawn before. Renumber them per prefix in document order, and every
 * `url(#…)` and `href="#…"` that points at them.
 */
function renumberIds(root: Element): void {
  const renamed = new Map<string, string>();
  const counters = new Map<string, number>();
  for (const node of root.querySelectorAll("[id]")) {
    const match = /^(.*\D)\d+$/.exec(node.id);
    if (!match) continue;
    const prefix = match[1]!;
    const next = (counters.get(prefix) ?? 0) + 1;
    counters.set(prefix, next);
    renamed.set(node.id, `${prefix}${next}`);
    node.id = `${prefix}${next}`;
  }
  if (renamed.size === 0) return;
  for (const node of [root, ...root.querySelectorAll("*")]) {
    for (const attribute of [...node.attributes]) {
      const value = attribute.value
        .replace(/url\(#([^)]+)\)/g, (whole, id: string) => (renamed.has(id) ? `url(#${renamed.get(id)})` : whole))
        .replace(/^#(.+)$/, (whole, id: string) => (renamed.has(id) ? `#${renamed.get(id)}` : whole));
      if (value !== attribute.value) node.setAttribute(attribute.name, value);
    }
  }
}

const escapeText = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const escapeAttribute = (text: string) => escapeText(text).replace(/"/g, "&quot;");
// Path data and positions: three decimals, so a last-digit difference in floating point between
// platforms is not a change (Plot's suite does the same).
const roundNumbers = (text: string) => text.replace(/\d+\.\d{4,}/g, (number) => String(+Number(number).toFixed(3)));

/** One element per line, indented; an element holding only text keeps it on its line, so a diff shows what changed. */
function serialize(node: Element, depth = 0): string {
  const indent = "  ".repeat(depth);
  const attributes = [...node.attributes].map((a) => ` ${a.name}="${escapeAttribute(roundNumbers(a.value))}"`).join("");
  // jsdom upper-cases HTML tag names; SVG's keep their case (clipPath).
  const tag = node.namespaceURI === svgNs ? node.tagName : node.tagName.toLowerCase();
  const children = [...node.childNodes].filter((child) => child.nodeType === child.ELEMENT_NODE || (child.textContent ?? "") !== "");
  if (children.length === 0) return node.namespaceURI === svgNs ? `${indent}<${tag}${attributes}/>` : `${indent}<${tag}${attributes}></${tag}>`;
  // Only text (a label, a title, a stylesheet): kept as it is, spaces included.
  if (children.every((child) => child.nodeType === child.TEXT_NODE)) {
    // <style> is raw text in HTML: escaping its `>` selectors would break the file when opened.
    const text = tag === "style" ? (node.textContent ?? "") : escapeText(node.textContent ?? "");
    return `${indent}<${tag}${attributes}>${text}</${tag}>`;
  }
  // Text between elements (a legend swatch's name) gets a line of its own; whitespace alone is layout.
  const inner = children
    .filter((child) => child.nodeType === child.ELEMENT_NODE || (child.textContent ?? "").trim() !== "")
    .map((child) =>
      child.nodeType === child.ELEMENT_NODE ? serialize(child as Element, depth + 1) : `${indent}  ${escapeText((child.textContent ?? "").trim())}`,
    );
  return [`${indent}<${tag}${attributes}>`, ...inner, `${indent}</${tag}>`].join("\n");
}

/** The chart as the text kept in a snapshot: standalone SVG namespaces, stable ids, one element per line. */
export function serializeChart(chart: Element): string {
  const root = chart.cloneNode(true) as Element;
  for (const svg of root.tagName === "svg" ? [root] : root.querySelectorAll("svg")) {
    svg.setAttributeNS(xmlnsNs, "xmlns", svgNs);
    svg.setAttributeNS(xmlnsNs, "xmlns:xlink", "http://www.w3.org/1999/xlink");
  }
  renumberIds(root);
  return `${serialize(root)}\n`;
}

/** Compares a chart with test/snapshots/charts/<name>.svg (or .html), writing `<name>-changed.*` on a difference. */
export async function expectChartSnapshot(chart: Element, name: string): Promise<void> {
  const extension = chart.tagName === "svg" ? "svg" : "html";
  const file = join(snapshotDir, `${name}.${extension}`);
  const changedFile = join(snapshotDir, `${name}-changed.${extension}`);
  const shown = (path: string) => relative(process.cwd(), path);
  const actual = serializeChart(chart);
  if (!existsSync(file)) {
    if (process.env.CI === "true") throw new Error(`missing snapshot ${shown(file)}: run the test locally to write it, review it, and commit it`);
    console.warn(`! writing snapshot ${shown(file)}`);
    await writeFile(file, actual, "utf8");
    return;
  }
  const expected = await readFile(file, "utf8");
  if (actual === expected) {
    await unlink(changedFile).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOENT") throw error;
    });
    return;
  }
  await writeFile(changedFile, actual, "utf8");
  throw new Error(
    `${name}.${extension} differs from its snapshot, first ${firstDifference(expected, actual)}\nReview ${shown(changedFile)}; if the change is intended, move it over ${shown(file)}.`,
  );
}

/** Where the texts first differ, shown around the first differing character (a path's data is one long line). */
function firstDifference(expected: string, actual: string): string {
  const expectedLines = expected.split("\n");
  const actualLines = actual.split("\n");
  const found = expectedLines.findIndex((text, i) => text !== actualLines[i]);
  const line = found === -1 ? expectedLines.length : found;
  const [before = "", after = ""] = [expectedLines[line], actualLines[line]];
  let column = 0;
  while (column < before.length && before[column] === after[column]) column++;
  const start = Math.max(0, column - 60);
  const show = (text: string | undefined) => (text === undefined ? "(end of file)" : `${start > 0 ? "…" : ""}${text.slice(start, column + 80).trimStart()}`);
  return `at line ${line + 1}:\n- ${show(expectedLines[line])}\n+ ${show(actualLines[line])}`;
}
