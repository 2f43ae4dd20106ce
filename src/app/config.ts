/** Configuration from environment variables, validated once at start so a typo fails at boot. */
import path from "node:path";
import { z } from "zod";
import { checkOidcSettings, oidcSettings } from "../engine/auth/oidc-settings.ts";
import { LOG_LEVELS } from "../ground/logger.ts";
import { isPostgresUrl } from "../store/state/state-url.ts";
import { CBS_TABLES_EXAMPLE, parseCbsTables } from "../pipelines/sources/cbs-key-figure-tables.ts";

const repoRoot = path.resolve(import.meta.dirname, "../..");

const flag = z
  .enum(["true", "false", "1", "0", ""])
  .transform((v) => v === "true" || v === "1")
  .describe('use "true" or "false"');

export const ConfigSchema = z
  .object({
    PORT: z.coerce.number({ error: 'PORT must be a port number like "3000"' }).int().min(0).max(65535).default(3000),
    HOST: z.string().default("127.0.0.1"),
    MM_DB: z
      .string()
      .min(1)
      .default(path.join(repoRoot, "data", "milieumonitor.duckdb")),
    /** Demo mode: generated demo data, demo accounts, demo label on every screen. */
    MM_DEMO: flag.default(false),
    MM_DEMO_DIR: z.string().default(path.join(repoRoot, "data", "demo", "out")),
    /** Where pipelines read: the generated demo files, or the live sources. Defaults to demo in demo mode. */
    MM_SOURCES: z.enum(["demo", "live"], { error: 'MM_SOURCES must be "demo" or "live"' }).optional(),
    /** Luchtmeetnet station numbers of the municipality, comma-separated (live sources). */
    MM_LUCHTMEETNET_STATIONS: z
      .string()
      .regex(/^([A-Z]{2}\d{5})(,[A-Z]{2}\d{5})*$/, { error: 'MM_LUCHTMEETNET_STATIONS must be station numbers like "NL10404,NL10445"' })
      .optional(),
    MM_LUCHTMEETNET_URL: z
      .url({ error: "MM_LUCHTMEETNET_URL must be a URL like https://api.luchtmeetnet.nl/open_api" })
      .default("https://api.luchtmeetnet.nl/open_api"),
    /** RIVM's air-quality bulk files (validated years, provisional months): the history's source. */
    MM_RIVM_URL: z.url({ error: "MM_RIVM_URL must be a URL like https://data.rivm.nl/data/luchtmeetnet" }).default("https://data.rivm.nl/data/luchtmeetnet"),
    /** The first day of air-quality history to load from the bulk files (live sources). */
    MM_HISTORY_FROM: z.iso
      .date({ error: 'MM_HISTORY_FROM must be a date like "2015-01-01"' })
      .refine((d) => d >= "1990-01-01", { error: "MM_HISTORY_FROM must be 1990-01-01 or later" })
      .default("2015-01-01"),
    /** The UTC offset of the bulk files' zone-less times (RIVM's users read them as UTC+1 without summer time). */
    MM_RIVM_TIME_OFFSET: z
      .string()
      .regex(/^(Z|UTC|[+-]\d{2}:\d{2})$/, { error: 'MM_RIVM_TIME_OFFSET must be a UTC offset like "+01:00", or "UTC"' })
      .default("+01:00"),
    MM_POLICY_PLAN: z.string().default(path.join(repoRoot, "data", "policy-plan.json")),
    /** The municipality this monitor covers (CBS code and name); the demo sets its own. */
    MM_MUNICIPALITY_CODE: z
      .string()
      .regex(/^GM\d{4}$/, { error: 'MM_MUNICIPALITY_CODE must be a CBS code like "GM0518"' })
      .default("GM0518"),
    MM_MUNICIPALITY_NAME: z.string().min(1).default("'s-Gravenhage"),
    MM_PDOK_URL: z
      .url({ error: "MM_PDOK_URL must be a URL like https://service.pdok.nl/cbs/gebiedsindelingen/2024/wfs/v1_0" })
      .default("https://service.pdok.nl/cbs/gebiedsindelingen/2024/wfs/v1_0"),
    /** PDOK's BAG OGC API Features: the municipality's addresses and building footprints. */
    MM_BAG_URL: z.url({ error: "MM_BAG_URL must be a URL like https://api.pdok.nl/kadaster/bag/ogc/v2" }).default("https://api.pdok.nl/kadaster/bag/ogc/v2"),
    /** The extent the BAG is asked for, west,south,east,north (WGS84); unset: the published gemeente's bounding box. */
    MM_BAG_BBOX: z
      .string()
      .transform((s) => s.split(",").map(Number))
      .refine((b) => b.length === 4 && b.every(Number.isFinite) && b[0]! < b[2]! && b[1]! < b[3]!, {
        error: 'MM_BAG_BBOX must be "west,south,east,north" with west < east and south < north, e.g. "4.18,52.00,4.42,52.14"',
      })
      .optional(),
    MM_CBS_URL: z.url({ error: "MM_CBS_URL must be a URL like https://datasets.cbs.nl/odata/v1/CBS" }).default("https://datasets.cbs.nl/odata/v1/CBS"),
    /** The CBS StatLine table with the key figures per wijk and buurt, and its measure codes mapped in pipelines/sources/cbs-odata.ts. */
    MM_CBS_TABLE: z
      .string()
      .regex(/^\d{5}[A-Z]{3}$/, { error: 'MM_CBS_TABLE must be a CBS table id like "85618NED"' })
      .default("85618NED"),
    /**
     * The key-figure table of every year to load, "year:table:kind" comma-separated (kind v4, v3 or
     * csv[@file-or-URL]; docs/sources/cbs.md). When set, MM_CBS_TABLE is not read.
     */
    MM_CBS_TABLES: z
      .string()
      .optional()
      .transform((text, ctx) => {
        if (!text?.trim()) return undefined;
        try {
          return parseCbsTables(text);
        } catch (error) {
          const example = `"${CBS_TABLES_EXAMPLE}" (kind v4, v3, or csv with an optional @file under MM_FILES_DIR or @URL)`;
          ctx.addIssue({ code: "custom", message: `MM_CBS_TABLES must list year:table:kind like ${example}: ${(error as Error).message}` });
          return z.NEVER;
        }
      }),
    /** CBS StatLine's classic OData v3 API, for the tables of kind v3 in MM_CBS_TABLES. */
    MM_CBS_V3_URL: z
      .url({ error: "MM_CBS_V3_URL must be a URL like https://opendata.cbs.nl/ODataApi/odata" })
      .default("https://opendata.cbs.nl/ODataApi/odata"),
    MM_SENSORTHINGS_URL: z
      .url({ error: "MM_SENSORTHINGS_URL must be a URL like https://api-samenmeten.rivm.nl/v1.0" })
      .default("https://api-samenmeten.rivm.nl/v1.0"),
    /** The municipality's bounding box west,south,east,north (WGS84): which citizen sensors to read. */
    MM_SENSORTHINGS_BBOX: z
      .string()
      .transform((s) => s.split(",").map(Number))
      .refine((b) => b.length === 4 && b.every(Number.isFinite), {
        error: 'MM_SENSORTHINGS_BBOX must be "west,south,east,north", e.g. "4.19,52.01,4.42,52.13"',
      })
      .optional(),
    /**
     * The personal key of the Klimaatmonitor Open Data Service (sent as the `apikey` header). Set, CO2
     * emissions, renewable energy and energy use are imported from it; unset or empty, from their CSV
     * exports. A secret: never logged, and no message shows it.
     */
    MM_KLIMAATMONITOR_KEY: z
      .string()
      .transform((key) => key.trim())
      .refine((key) => /^[\x21-\x7e]*$/.test(key), {
        error: "MM_KLIMAATMONITOR_KEY must be the key as the Klimaatmonitor sent it: printable characters, no spaces (the value is not shown here)",
      })
      .transform((key) => key || undefined)
      .optional(),
    MM_KLIMAATMONITOR_URL: z
      .url({ error: "MM_KLIMAATMONITOR_URL must be a URL like https://klimaatmonitor.databank.nl/jiveservices/odata" })
      .default("https://klimaatmonitor.databank.nl/jiveservices/odata"),
    /** Which Klimaatmonitor variables feed which dataset and category (docs/sources/klimaatmonitor.md). */
    MM_KLIMAATMONITOR_VARIABLES: z
      .string()
      .min(1)
      .default(path.join(repoRoot, "config", "klimaatmonitor-variables.json")),
    /**
     * How long one pipeline run may wait in all between retries of its upstream requests (backoff and
     * Retry-After); a server asking for a longer wait than is left fails the run at once, naming the URL.
     */
    MM_UPSTREAM_MAX_WAIT_MINUTES: z.coerce
      .number({ error: 'MM_UPSTREAM_MAX_WAIT_MINUTES must be a number of minutes like "5"' })
      .min(0, { error: "MM_UPSTREAM_MAX_WAIT_MINUTES must be 0 (never wait) or more" })
      .max(360, { error: "MM_UPSTREAM_MAX_WAIT_MINUTES must be at most 360 (a run may take 6 hours in all)" })
      .default(5),
    /** An upstream request fails when no answer, or no byte of its body, came for this long (it is retried). */
    MM_UPSTREAM_IDLE_SECONDS: z.coerce
      .number({ error: 'MM_UPSTREAM_IDLE_SECONDS must be a number of seconds like "30"' })
      .positive({ error: "MM_UPSTREAM_IDLE_SECONDS must be more than 0 seconds" })
      .max(3600, { error: "MM_UPSTREAM_IDLE_SECONDS must be at most 3600" })
      .default(30),
    /** One upstream request, from asking to the body's last byte, fails after this long even while data trickles in. */
    MM_UPSTREAM_TIMEOUT_SECONDS: z.coerce
      .number({ error: 'MM_UPSTREAM_TIMEOUT_SECONDS must be a number of seconds like "120"' })
      .positive({ error: "MM_UPSTREAM_TIMEOUT_SECONDS must be more than 0 seconds" })
      .max(3600, { error: "MM_UPSTREAM_TIMEOUT_SECONDS must be at most 3600" })
      .default(120),
    /** Folder holding the municipality's own exports (exports/establishments.csv, …) for live sources. */
    MM_FILES_DIR: z.string().default(path.join(repoRoot, "data", "files")),
    /**
     * Folder of column mappings for register exports in a VTH system's own columns (`<pipeline>.json`,
     * docs/registers.md), checked at start; unset: the exports are in the monitor's columns.
     */
    MM_REGISTER_MAPPINGS: z.string().min(1, { error: "MM_REGISTER_MAPPINGS must be a folder like config/registers/gm0518, or unset" }).optional(),
    MM_CLIENT_DIR: z.string().default(path.join(repoRoot, "dist", "client")),
    MM_SESSION_IDLE_MINUTES: z.coerce.number().positive().default(30),
    MM_SESSION_MAX_HOURS: z.coerce.number().positive().default(10),
    /**
     * Where sessions, accounts, the login throttle, the audit log and the alerts are kept, shared by
     * every process (docs/decisions/0028-sessions-and-state-in-a-database.md); unset: in MM_DB.
     */
    MM_STATE_URL: z
      .string()
      .refine(isPostgresUrl, { error: "MM_STATE_URL must be a PostgreSQL URL like postgres://monitor:secret@db:5432/monitor, or unset" })
      .optional(),
    MM_QUERY_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
    /** API requests in progress beyond which new ones get 503 at once (health probes excepted). */
    MM_MAX_INFLIGHT: z.coerce.number().int().min(1).default(256),
    /** Days the audit log keeps an entry (logins, refusals, dossier views and exports). */
    MM_AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).default(365),
    /** Days a run's rejected rows (its sample of the first 1,000 and the counts per column and reason) are kept. */
    MM_REJECTS_RETENTION_DAYS: z.coerce
      .number({ error: 'MM_REJECTS_RETENTION_DAYS must be a number of days like "90"' })
      .int({ error: 'MM_REJECTS_RETENTION_DAYS must be a whole number of days like "90"' })
      .min(1, { error: "MM_REJECTS_RETENTION_DAYS must be at least 1 day" })
      .default(90),
    /** DuckDB's memory limit (e.g. "1GB"); beyond it, work spills to a capped temp directory. */
    MM_DB_MEMORY_LIMIT: z
      .string()
      .regex(/^\d+(\.\d+)?\s*(KB|MB|GB|KiB|MiB|GiB)$/i, { error: 'MM_DB_MEMORY_LIMIT must be a size like "1GB" or "512MiB"' })
      .default("1GB"),
    /** Where backups are written (`npm run backup`, POST /api/v1/backups); default: `backups` beside MM_DB. */
    MM_BACKUP_DIR: z.string().min(1).optional(),
    /** Where `npm run backup` finds the running server; default http://HOST:PORT. */
    MM_URL: z.url({ error: "MM_URL must be the server's URL, like http://127.0.0.1:3000" }).optional(),
    /** Lets `npm run backup` ask the running server for a backup (Authorization: Bearer); unset: only admins can. */
    MM_BACKUP_TOKEN: z.string().min(32, { error: "MM_BACKUP_TOKEN must be at least 32 characters, e.g. from `openssl rand -hex 32`" }).optional(),
    /** Lets Prometheus scrape GET /metrics with `Authorization: Bearer <token>` from any address. */
    MM_METRICS_TOKEN: z.string().min(32, { error: "MM_METRICS_TOKEN must be at least 32 characters, e.g. from `openssl rand -hex 32`" }).optional(),
    /** Addresses that may scrape GET /metrics without a token (comma-separated; as seen through MM_TRUST_PROXY). */
    MM_METRICS_ALLOW: z.string().default("127.0.0.1,::1"),
    /**
     * Which sites may embed the <mm-indicator> widget (read GET /api/v1/public/… from their pages):
     * comma-separated origins like "https://www.gemeente.nl", or "*" for any (the data is public).
     */
    MM_WIDGET_ORIGINS: z
      .string()
      .regex(/^(\*|https?:\/\/[^/,\s]+(,\s*https?:\/\/[^/,\s]+)*)$/, {
        error: 'MM_WIDGET_ORIGINS must be "*" or origins like "https://www.gemeente.nl,https://intranet.gemeente.nl"',
      })
      .default("*"),
    /** The alert rules (docs/alerts.md), checked at start. */
    MM_ALERTS: z
      .string()
      .min(1)
      .default(path.join(repoRoot, "config", "alerts.json")),
    /** Where alert events are POSTed; unset: alerts are only listed in the app. */
    MM_ALERT_WEBHOOK_URL: z.url({ error: "MM_ALERT_WEBHOOK_URL must be a URL like https://hooks.example.org/milieumonitor" }).optional(),
    /** Signs each event: X-Milieumonitor-Signature: sha256=<hex HMAC-SHA256 of the body>. */
    MM_ALERT_WEBHOOK_SECRET: z
      .string()
      .min(16, { error: "MM_ALERT_WEBHOOK_SECRET must be at least 16 characters, e.g. from `openssl rand -hex 32`" })
      .optional(),
    /** How often the alert rules are evaluated besides after every pipeline run (staleness grows with time alone). */
    MM_ALERT_INTERVAL_MINUTES: z.coerce
      .number({ error: 'MM_ALERT_INTERVAL_MINUTES must be a number of minutes like "15"' })
      .positive({ error: "MM_ALERT_INTERVAL_MINUTES must be more than 0 minutes" })
      // A timer longer than 2^31 ms (about 24.8 days) fires at once and then every millisecond.
      .max(1440, { error: "MM_ALERT_INTERVAL_MINUTES must be at most 1440 (one day); the rules are also evaluated after every pipeline run" })
      .default(15),
    /** On SIGTERM, how long /readyz answers 503 while requests are still served, so a load balancer can stop sending. */
    MM_SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).max(15_000).default(5_000),
    /** Space kept free beside the database (a reserve file), released when the disk fills so failures can still be recorded. */
    MM_DB_RESERVE_MB: z.coerce.number().int().min(0).default(32),
    /** Set when served over HTTPS (behind a TLS-terminating proxy): adds Secure and the __Host- prefix. */
    MM_SECURE_COOKIES: flag.default(false),
    /** How much the JSON log says: fatal, error, warn, info (default), debug (also health probes and scrapes), trace or silent. */
    MM_LOG_LEVEL: z.enum(LOG_LEVELS, { error: `MM_LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}` }).default("info"),
    /** Run every pipeline once at start, to catch up. */
    MM_RUN_AT_START: flag.default(true),
    /** Run the pipelines on their cron schedules. Off for a read-only replica, or a benchmark. */
    MM_SCHEDULE: flag.default(true),
    /**
     * "writer" (default): runs the pipelines and, with MM_SNAPSHOT_DIR, writes a snapshot after every
     * publish. "reader": serves the newest snapshot read-only and runs nothing (docs/decisions/0029-reader-snapshots.md).
     */
    MM_MODE: z.enum(["writer", "reader"], { error: 'MM_MODE must be "writer" or "reader"' }).default("writer"),
    /** The folder of read-only snapshots a writer writes and its readers serve. */
    MM_SNAPSHOT_DIR: z.string().min(1, { error: "MM_SNAPSHOT_DIR must be a folder like /var/lib/milieumonitor/snapshots, or unset" }).optional(),
    /** How long a reader keeps a snapshot after a newer one came, for readers slower to switch. */
    MM_SNAPSHOT_GRACE_SECONDS: z.coerce
      .number({ error: 'MM_SNAPSHOT_GRACE_SECONDS must be a number of seconds like "120"' })
      .min(0, { error: "MM_SNAPSHOT_GRACE_SECONDS must be 0 or more" })
      .default(120),
    /**
     * Which proxies may tell the client's address (X-Forwarded-For), as Express's "trust proxy": unset
     * trusts none, so the login throttle counts per socket address; e.g. "loopback" or "10.0.0.0/8".
     */
    MM_TRUST_PROXY: z
      .string()
      .regex(/^[\w.:/, -]+$/, { error: 'MM_TRUST_PROXY must be "loopback", an address, a subnet, or a comma-separated list of them' })
      .optional(),
    /** Single sign-on with OpenID Connect (MM_OIDC_*): off unless MM_OIDC_ISSUER is set. */
    ...oidcSettings,
  })
  .superRefine(checkOidcSettings)
  .superRefine(checkReaderSettings);
export type Config = z.infer<typeof ConfigSchema>;

/** A reader serves snapshots and keeps sessions, accounts and the audit log with the others, in PostgreSQL. */
function checkReaderSettings(config: Record<string, unknown>, ctx: z.RefinementCtx): void {
  if (config.MM_MODE !== "reader") return;
  for (const name of ["MM_SNAPSHOT_DIR", "MM_STATE_URL"])
    if (!config[name])
      ctx.addIssue({
        code: "custom",
        path: [name],
        message: `${name} must be set when MM_MODE is "reader" (${name === "MM_SNAPSHOT_DIR" ? "the folder the writer writes its snapshots to" : "the PostgreSQL database the writer and readers share, like postgres://monitor@db/monitor"})`,
      });
}

export const backupDir = (config: Pick<Config, "MM_BACKUP_DIR" | "MM_DB">): string =>
  config.MM_BACKUP_DIR ?? path.join(path.dirname(path.resolve(config.MM_DB)), "backups");

/** Parses the environment; throws one readable message listing every bad variable. */
export function loadConfig(env: Record<string, string | undefined>, overrides: Partial<Config> = {}): Config {
  const result = ConfigSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`invalid configuration:\n${lines.join("\n")}`);
  }
  return { ...result.data, ...overrides };
}
