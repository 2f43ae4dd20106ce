/**
 * Which members a JSON value lacks that a JSON Schema requires: `required` walked through
 * properties, items, $refs into the document and anyOf/oneOf branches. Not a validator (none is
 * installed): it checks presence, and the type only where it picks an anyOf branch (null or not).
 */
type Schema = Record<string, unknown>;

function resolve(schema: Schema, root: Schema): Schema {
  let current = schema;
  for (let depth = 0; typeof current.$ref === "string" && depth < 50; depth++) {
    const ref = current.$ref as string;
    if (!ref.startsWith("#/")) throw new Error(`cannot follow $ref ${ref}`);
    const target = ref
      .slice(2)
      .split("/")
      .reduce<unknown>((node, key) => (node as Schema | undefined)?.[key], root);
    if (!target || typeof target !== "object") throw new Error(`$ref ${ref} points nowhere`);
    current = target as Schema;
  }
  return current;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

function allowsNull(schema: Schema): boolean {
  const type = schema.type;
  return type === "null" || (Array.isArray(type) && type.includes("null"));
}

/** Paths (like `themes[0].indicators[2].status.code`) of required members that are missing. */
export function missingRequired(value: unknown, schema: Schema, root: Schema = schema, at = "$"): string[] {
  const resolved = resolve(schema, root);
  const branches = (resolved.anyOf ?? resolved.oneOf) as Schema[] | undefined;
  if (branches) {
    if (value === null && branches.some((branch) => allowsNull(resolve(branch, root)))) return [];
    const candidates = branches.filter((branch) => !allowsNull(resolve(branch, root)));
    const results = candidates.map((branch) => missingRequired(value, branch, root, at));
    // The value fits the branch with the fewest gaps; report those.
    return results.reduce((best, result) => (result.length < best.length ? result : best), results[0] ?? []);
  }
  if (value === null) return allowsNull(resolved) || resolved.type === undefined ? [] : [`${at} (null where ${JSON.stringify(resolved.type)} is required)`];
  const missing: string[] = [];
  if (isObject(value)) {
    for (const name of (resolved.required as string[] | undefined) ?? []) {
      if (!(name in value)) missing.push(`${at}.${name}`);
    }
    const properties = (resolved.properties as Record<string, Schema> | undefined) ?? {};
    for (const [name, property] of Object.entries(properties)) {
      if (name in value) missing.push(...missingRequired(value[name], property, root, `${at}.${name}`));
    }
  }
  if (Array.isArray(value) && isObject(resolved.items)) {
    value.forEach((item, index) => missing.push(...missingRequired(item, resolved.items as Schema, root, `${at}[${index}]`)));
  }
  return missing;
}
