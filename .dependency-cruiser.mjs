/**
 * The floors of the code (docs/decisions/0019-floors-in-folder-names.md), checked by `npm run lint`:
 *
 *   src/ground ← src/store ← src/pipelines ← src/engine ← src/web ← src/app
 *
 * A floor imports its own files and the floors below it, never one above; the client stands on the
 * ground floor alone, the demo generator (data/demo) on the ground floor and the pipelines. Type-only imports count too (a type import is how the
 * layers decayed before), and so do they in the cycle check.
 */
const floors = ["ground", "store", "pipelines", "engine", "web", "app"];

/** One rule per floor: nothing in it may import a floor above it. */
const upward = floors.slice(0, -1).map((floor, i) => ({
  name: `${floor}-imports-upward`,
  comment: `src/${floor} may import only src/{${floors.slice(0, i + 1).join(",")}} (the floors below it and itself).`,
  severity: "error",
  from: { path: `^src/${floor}/` },
  to: { path: `^src/(${floors.slice(i + 1).join("|")})/` },
}));

/** @type {import("dependency-cruiser").IConfiguration} */
export default {
  forbidden: [
    ...upward,
    {
      name: "src-imports-outside",
      comment: "The server imports nothing of the client, the tests or the benchmarks; only the app (start-up) may import the demo generator.",
      severity: "error",
      from: { path: "^src/", pathNot: "^src/app/" },
      to: { path: "^(client|test|bench|data)/" },
    },
    {
      name: "app-imports-outside",
      comment: "The app floor may import the demo generator (data/demo) but not the client, the tests or the benchmarks.",
      severity: "error",
      from: { path: "^src/app/" },
      to: { path: "^(client|test|bench)/" },
    },
    {
      name: "client-beyond-ground",
      comment: "The client depends on the ground floor only (the API contract, the message machinery).",
      severity: "error",
      from: { path: "^client/" },
      to: { path: "^(src/(?!ground/)|data/|test/|bench/)" },
    },
    {
      name: "demo-generator-beyond-pipelines",
      comment:
        "The demo generator writes recordings in the sources' own formats, as the pipelines read them: it may use the ground floor and the pipelines, nothing above.",
      severity: "error",
      from: { path: "^data/demo/" },
      to: { path: "^(src/(store|engine|web|app)/|client/|test/|bench/)" },
    },
    {
      name: "no-circular",
      comment: "No import cycle anywhere, type-only imports included: a cycle is two files that can only be understood together.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "not-to-unresolvable",
      comment: "An import that resolves to nothing is a typo or a missing package.",
      severity: "error",
      from: {},
      to: { couldNotResolve: true, pathNot: "^@duckdb/node-bindings-" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(node_modules|dist|data/demo/out)" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default"],
      extensions: [".ts", ".js", ".mjs", ".json"],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
