/**
 * What a start after a damaged write-ahead log says and remembers: the loud log lines naming what
 * may be lost, a row in meta.recoveries, and the reason health stays degraded until
 * `npm run rebuild` has run every pipeline again.
 */
import type { Database, QueryOptions } from "./database.ts";
import type { WalSetAside } from "./open-instance.ts";

/**
 * Records the recovery and returns the lines to log. Call it before abandoned runs are marked: a run
 * still `running` at the checkpoint is one the damaged WAL would have finished or failed.
 */
export async function recordWalRecovery(db: Database, setAside: WalSetAside, now: Date): Promise<string[]> {
  const cutOff = await db.query(
    `SELECT r.pipeline, r.run_id, p.table_name
       FROM meta.pipeline_runs r LEFT JOIN meta.published p USING (pipeline)
      WHERE r.status = 'running' AND r.run_id = (SELECT max(run_id) FROM meta.pipeline_runs l WHERE l.pipeline = r.pipeline)
      ORDER BY r.run_id`,
  );
  const [last] = await db.query("SELECT strftime(max(started_at), '%Y-%m-%d %H:%M:%S') AS at FROM meta.pipeline_runs");
  const described = cutOff.map((r) => `${r.pipeline} (run ${r.run_id}${r.table_name ? `, table ${r.table_name}` : ""})`);
  await db.query("INSERT INTO meta.recoveries VALUES ($1::TIMESTAMP, $2, $3, $4, $5, CAST($6::JSON AS VARCHAR[]), NULL)", [
    now.toISOString(),
    setAside.keptAs,
    setAside.bytes,
    setAside.replayedBytes,
    setAside.why,
    JSON.stringify(cutOff.map((r) => String(r.pipeline))),
  ]);
  const since = setAside.replayedBytes ? `the damaged entry at byte ${setAside.replayedBytes} of the WAL` : "the last checkpoint";
  return [
    `the write-ahead log of ${db.path} could not be replayed: ${setAside.why}`,
    `its ${setAside.bytes} bytes are kept in ${setAside.keptAs}; ${setAside.replayedBytes ? `the transactions in its first ${setAside.replayedBytes} bytes were replayed` : "none of it was replayed, the database is back at its last checkpoint"}`,
    `lost: whatever was committed after ${since} (pipeline runs and their published data, rejects, audit entries, account changes); the newest run on record started ${last?.at ? `at ${last.at} UTC` : "never"}`,
    `pipelines cut off during a run: ${described.length ? described.join(", ") : "none on record"}`,
    'rebuild the published data from the sources with `npm run rebuild` (with the server stopped); health reports "degraded" until then',
  ].map((line) => `WARNING: database recovery: ${line}`);
}

/** Why health is degraded: the newest recovery that no rebuild has followed yet, or null. */
export async function pendingRecovery(db: Database, options?: QueryOptions): Promise<string | null> {
  const [pending] = await db.query(
    "SELECT strftime(recovered_at, '%Y-%m-%d %H:%M:%S') AS at, cut_off FROM meta.recoveries WHERE rebuilt_at IS NULL ORDER BY recovered_at DESC LIMIT 1",
    [],
    options,
  );
  if (!pending) return null;
  const cutOff = pending.cut_off as string[];
  return `the write-ahead log was damaged and set aside at ${pending.at} UTC: data committed after the damage may be lost${cutOff.length ? ` (runs cut off: ${cutOff.join(", ")})` : ""}; rebuild with npm run rebuild`;
}

/** After a rebuild in which every pipeline succeeded: the recoveries are resolved. */
export async function markRebuilt(db: Database, now: Date): Promise<void> {
  await db.query("UPDATE meta.recoveries SET rebuilt_at = $1::TIMESTAMP WHERE rebuilt_at IS NULL", [now.toISOString()]);
}
