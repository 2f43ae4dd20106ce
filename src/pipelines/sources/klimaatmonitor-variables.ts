/**
 * The one file that says which Klimaatmonitor variables feed which dataset (config/klimaatmonitor-variables.json,
 * or the file MM_KLIMAATMONITOR_VARIABLES names): per dataset, each variable id with the category it adds to
 * (a sector, a source, a sector and a carrier), its unit, the factor to our unit, and whether the id was seen
 * or guessed. Several variables may add to one category (commercial and public services). The file is read
 * and checked when a run starts, so correcting an id needs no restart; a mistake fails the run naming the
 * file and the place in it. docs/sources/klimaatmonitor.md explains how to edit it.
 */
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { msg } from "../../ground/i18n/message.ts";
import { PipelineError } from "../framework/pipeline-error.ts";

/** Ids go into a URL path, `/Variables('id')`: letters, digits, `_`, `.` and `-` only, so no quote can end the key. */
const VARIABLE_ID = /^[A-Za-z0-9_.-]{1,100}$/;

const VariablesFile = z.strictObject({
  $comment: z.union([z.string(), z.array(z.string())]).optional(),
  /** The first year loaded; earlier years the service has are left out. */
  fromYear: z.number().int().min(1990).max(2100),
  datasets: z.record(z.string(), z.record(z.string(), z.unknown())),
});

const EntryBase = {
  /** The variable's unit at the Klimaatmonitor, for people ("kton", "kWh", "TJ"). */
  unit: z.string().min(1),
  /** Multiplies the variable's value into the dataset's unit (kWh → TJ: 0.0000036). */
  factor: z.number().positive(),
  /** true: the id is a guess, not seen in documentation or a real response; a missing id is most likely one of these. */
  guessed: z.boolean(),
  /** Where the id comes from, or why it is guessed. */
  note: z.string().min(1),
};

/** The category fields of a dataset and their allowed values, e.g. `{ sector: ["industry", …] }`. */
export type Categories = Record<string, readonly [string, ...string[]]>;
export type CategoryOf<C extends Categories> = { [K in keyof C]: C[K][number] };

export interface VariableMapping<C extends Categories> {
  id: string;
  category: CategoryOf<C>;
  unit: string;
  factor: number;
  guessed: boolean;
}

export interface DatasetVariables<C extends Categories> {
  fromYear: number;
  variables: VariableMapping<C>[];
}

function fileError(file: string, detail: string): PipelineError {
  return new PipelineError(msg("klimaatmonitor.variablesFile", { file, detail }));
}

/** `datasets.co2-emissions.co2_woningen.sector: Invalid option: …`: where in the file, and what is wrong. */
function firstIssue(error: z.ZodError, prefix: (string | number)[] = []): string {
  const issue = error.issues[0]!;
  const where = [...prefix, ...issue.path.map(String)].join(".");
  return where ? `${where}: ${issue.message}` : issue.message;
}

/**
 * The variables of one dataset, each checked against the dataset's categories.
 * @example await loadDatasetVariables(file, "renewable-energy", { source: ["solar_pv", "wind"] })
 */
export async function loadDatasetVariables<const C extends Categories>(file: string, dataset: string, categories: C): Promise<DatasetVariables<C>> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw fileError(file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw fileError(file, `not valid JSON (${(error as Error).message})`);
  }
  const parsed = VariablesFile.safeParse(json);
  if (!parsed.success) throw fileError(file, firstIssue(parsed.error));
  const entries = parsed.data.datasets[dataset];
  if (!entries || Object.keys(entries).length === 0) throw fileError(file, `datasets has no variables for "${dataset}"`);
  const categoryShape = Object.fromEntries(Object.entries(categories).map(([field, values]) => [field, z.enum(values)]));
  const Entry = z.strictObject({ ...EntryBase, ...categoryShape });
  const variables = Object.entries(entries).map(([id, raw]) => {
    if (!VARIABLE_ID.test(id)) throw fileError(file, `datasets.${dataset}.${id}: a variable id has only letters, digits, _ . - (at most 100)`);
    const entry = Entry.safeParse(raw);
    if (!entry.success) throw fileError(file, firstIssue(entry.error, ["datasets", dataset, id]));
    const { unit, factor, guessed } = entry.data;
    const category = Object.fromEntries(Object.keys(categories).map((field) => [field, (entry.data as Record<string, unknown>)[field]])) as CategoryOf<C>;
    return { id, category, unit, factor, guessed };
  });
  return { fromYear: parsed.data.fromYear, variables };
}
