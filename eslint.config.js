import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "data/demo/out/**", "data/demo/out-scale*/**", "data/*.duckdb*"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      "no-console": ["error", { allow: ["warn", "error", "info"] }],
    },
  },
  {
    // Request-time SQL: values always bound. (The pipeline framework builds DDL from identifiers, which
    // cannot be bound; it interpolates only through ident() and literal() in src/ground/sql-text.ts.)
    files: ["src/{ground,store,engine,web,app}/**/*.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          // SQL text is fixed or assembled from allow-listed pieces before the call; values are bound.
          selector:
            "CallExpression[callee.property.name=/^(query|run|runAndReadAll|prepare|stream)$/] > TemplateLiteral.arguments:first-child[expressions.length>0]",
          message: "Do not interpolate into SQL passed to a query function: bind values as parameters ($1, $name), take identifiers from an allow-list.",
        },
      ],
    },
  },
  {
    files: ["client/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["lit/directives/unsafe-*"],
              message: "Data is rendered as text: unsafeHTML/unsafeSVG/unsafeMathML would let a name from a register run script.",
            },
          ],
        },
      ],
      "no-restricted-properties": [
        "error",
        { property: "innerHTML", message: "Render with Lit templates (text is escaped) instead of innerHTML." },
        { property: "outerHTML", message: "Render with Lit templates (text is escaped) instead of outerHTML." },
        { property: "insertAdjacentHTML", message: "Render with Lit templates (text is escaped)." },
      ],
    },
  },
);
