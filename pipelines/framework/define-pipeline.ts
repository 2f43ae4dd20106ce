/**
 * A pipeline is one file exporting `definePipeline({...})`. The definition is checked by zod when the
 * registry loads, so a bad cron string or table name fails at boot, not at 3 a.m.
 */
import cron from "node-cron";
import { z } from "zod";
import type { Source } from "./source.ts";

const identifier = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, { error: (i) => `must be a lower_snake_case SQL identifier, got "${String(i.input)}"` });

export const loadModes = ["replace", "append", "upsert"] as const;

const DefinitionSchema = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9-]*$/, { error: (i) => `name must be kebab-case like "air-quality-hourly", got "${String(i.input)}"` }),
    title: z.object({ nl: z.string().min(1), en: z.string().min(1) }),
    schedule: z.string().refine((s) => cron.validate(s), {
      error: (i) => `schedule must be a cron expression like "0 * * * *", got "${String(i.input)}"`,
    }),
    table: identifier,
    source: z.custom<Source>((s) => typeof (s as Source)?.extract === "function", { error: "source must have an extract() function" }),
    schema: z.instanceof(z.ZodObject, { error: "schema must be a zod object describing one record" }),
    mode: z.enum(loadModes),
    key: z.array(identifier).default([]),
    /** Upstream source and licence, shown with every number derived from this dataset. */
    attribution: z.object({ source: z.string().min(1), licence: z.string().min(1) }),
  })
  .refine((d) => d.mode !== "upsert" || d.key.length > 0, { error: "an upsert pipeline needs key columns" })
  .refine((d) => d.key.every((k) => k in d.schema.shape), { error: "every key column must be a field of the schema" });

export type PipelineDefinition<Shape extends z.ZodRawShape = z.ZodRawShape> = Omit<
  z.output<typeof DefinitionSchema>,
  "schema"
> & { schema: z.ZodObject<Shape> };

export function definePipeline<Shape extends z.ZodRawShape>(
  definition: z.input<typeof DefinitionSchema> & { schema: z.ZodObject<Shape> },
): PipelineDefinition<Shape> {
  const result = DefinitionSchema.safeParse(definition);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join(".") || "definition"}: ${i.message}`).join("; ");
    throw new Error(`invalid pipeline ${JSON.stringify(definition.name)}: ${problems}`);
  }
  return { ...result.data, schema: definition.schema };
}
