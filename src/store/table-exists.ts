import type { DuckDBConnection } from "@duckdb/node-api";

/** Whether `main.{table}` exists (a pipeline that never published has no table yet). */
export async function tableExists(connection: DuckDBConnection, table: string): Promise<boolean> {
  const reader = await connection.runAndReadAll("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main' AND table_name = $1", [table]);
  return Number(reader.getRows()[0]![0]) > 0;
}
