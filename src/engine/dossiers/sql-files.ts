/** The dossiers' SQL, read once from ./sql. */
import { readFileSync } from "node:fs";
import path from "node:path";

const read = (name: string) => readFileSync(path.join(import.meta.dirname, "sql", `${name}.sql`), "utf8");

export const dossierSql = {
  establishments: read("establishments"),
  stationRecentMeans: read("station-recent-means"),
  sensorRecentMeans: read("sensor-recent-means"),
  noiseAtBuurt: read("noise-at-buurt"),
  addressSearch: read("address-search"),
};
