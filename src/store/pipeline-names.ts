/**
 * The registered pipelines' names as a type, for the store, which stands below the pipelines and so
 * cannot import their registry. The registry (src/pipelines/index.ts) fills this interface in by
 * declaration merging — the "register" pattern of typed routers — so `PublishedRuns.get("areas")`
 * is checked by the compiler here too, while the store imports nothing above it.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the registry
export interface RegisteredPipelines {}

/** A registered pipeline's name (`src/pipelines/index.ts` exports the same union as `PipelineName`). */
export type RegisteredPipelineName = keyof RegisteredPipelines & string;
