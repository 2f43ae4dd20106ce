/**
 * The API's version, from package.json: `info.version` of the OpenAPI document and the `API-Version`
 * header on every /api answer (the Dutch API Design Rules, API-57).
 */
import { readFileSync } from "node:fs";

const packageJson = JSON.parse(readFileSync(new URL("../../../../package.json", import.meta.url), "utf8")) as { version: string };

export const apiVersion: string = packageJson.version;
