/**
 * Request parameters and bodies for the OpenAPI document, from the zod schemas the routes validate
 * with. `io: "input"`: what a caller sends, before defaults and transforms (`by=station` is accepted
 * and becomes `breakdown`; a parameter with a default is optional).
 */
import { z } from "zod";
import { asSubschema, type JsonSchema } from "../../../ground/contract/openapi/components.ts";
import { parameterDescriptions } from "./parameter-descriptions.ts";

interface ObjectSchema extends JsonSchema {
  properties?: Record<string, JsonSchema>;
  required?: string[];
}

/** A schema as a subschema of the document: no `$schema` of its own; refinements cannot be expressed. */
export function inputSchema(schema: z.ZodType): ObjectSchema {
  return asSubschema(z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema) as ObjectSchema;
}

export function parametersOf(schema: z.ZodType | undefined, where: "path" | "query") {
  if (!schema) return [];
  const object = inputSchema(schema);
  if (object.type !== "object") throw new Error(`${where} parameters must be described by an object schema, got ${JSON.stringify(object.type)}`);
  const required = new Set(object.required ?? []);
  return Object.entries(object.properties ?? {}).map(([name, parameterSchema]) => {
    const description = parameterDescriptions[name];
    return {
      name,
      in: where,
      required: where === "path" || required.has(name),
      schema: parameterSchema,
      ...(description ? { description: description.en, "x-description-nl": description.nl } : {}),
    };
  });
}

export function requestBodyOf(schema: z.ZodType | undefined) {
  if (!schema) return undefined;
  const body = inputSchema(schema);
  // NewBackup has only optional members: an empty body (or none) is a valid request.
  return { required: (body.required ?? []).length > 0, content: { "application/json": { schema: body } } };
}
