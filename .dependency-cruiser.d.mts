/** The layer rules' type, for test/unit/layers.test.ts, which runs them on a tree that breaks each. */
import type { IConfiguration } from "dependency-cruiser";

declare const config: Required<Pick<IConfiguration, "forbidden" | "options">>;
export default config;
