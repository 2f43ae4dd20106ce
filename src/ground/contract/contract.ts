/**
 * The API v1 response shapes, as zod schemas. The server builds these objects, the tests parse every
 * response with them, and the client imports the inferred types (type-only, so no zod in the bundle).
 */
import { z } from "zod";
import { PublishChanges } from "./contract-publish-changes.ts";
import { ProvenanceNote } from "./contract-annotations.ts";

export const roles = ["policy", "permit", "analyst", "admin"] as const;
export const Role = z.enum(roles);
export type Role = z.infer<typeof Role>;

export const Localized = z.object({ nl: z.string(), en: z.string() });
export type Localized = z.infer<typeof Localized>;

export const SessionInfo = z.object({
  username: z.string(),
  role: Role,
  /** Send back as the `X-CSRF-Token` header on every state-changing request. */
  csrfToken: z.string(),
  demo: z.boolean(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

/** What the login page may offer: `sso` when single sign-on (OpenID Connect) is configured. */
export const SessionOptions = z.object({ sso: z.boolean() });
export type SessionOptions = z.infer<typeof SessionOptions>;
/** Why a single sign-on login ended without a session: the callback redirects to `/#/login?sso=<reason>`. */
export const SsoRefusal = z.enum(["unavailable", "expired", "failed", "no-role", "disabled"]);
export type SsoRefusal = z.infer<typeof SsoRefusal>;

export const statusCodes = ["achieved", "on-track", "at-risk", "off-track", "no-data"] as const;
export const StatusCode = z.enum(statusCodes);
export type StatusCode = z.infer<typeof StatusCode>;

/** A trend forecast for one year with its 80 % prediction interval. */
export const ForecastPoint = z.object({ year: z.number(), value: z.number(), low: z.number(), high: z.number() });
export type ForecastPoint = z.infer<typeof ForecastPoint>;

export const Status = z.object({
  code: StatusCode,
  /** One sentence saying why this status, in both languages. */
  reason: Localized,
  /** The published rule, the same text for every indicator. */
  rule: Localized,
  forecast: ForecastPoint.nullable(),
  /** The trend forecast for every year from the latest value to the deadline, for drawing the band. */
  forecastPath: z.array(ForecastPoint),
  /** Change per year needed from the latest value to reach the target, against the trend's change per year. */
  pace: z.object({ needed: z.number(), achieved: z.number() }).nullable(),
  trajectoryValue: z.number().nullable(),
  /** The periods of the municipality's series that rest partly on provisional or unvalidated data (the reason says so). */
  provisionalPeriods: z.array(z.string()),
});
export type Status = z.infer<typeof Status>;

export const Norm = z.object({ id: z.string(), label: Localized, value: z.number() });
export type Norm = z.infer<typeof Norm>;

export const Target = z.object({
  value: z.number(),
  deadline: z.number(),
  baselineYear: z.number(),
  baselineValue: z.number(),
  label: Localized,
});
export type Target = z.infer<typeof Target>;

export const areaLevels = ["gemeente", "wijk", "buurt"] as const;
export const AreaLevel = z.enum(areaLevels);
export type AreaLevel = z.infer<typeof AreaLevel>;

export const qualityTiers = ["validated", "provisional", "modelled", "indicative"] as const;

/** How far measured values have been checked at the source: RIVM validates a year after it ends. */
export const dataTiers = ["unvalidated", "provisional", "validated"] as const;
export type DataTier = (typeof dataTiers)[number];

/** How current the data is against the source's release schedule. */
export const DataFreshness = z.object({
  /** "overdue": the next period's release date has passed without it being loaded. */
  status: z.enum(["current", "overdue", "unknown"]),
  latestPeriod: z.string().nullable(),
  nextPeriod: z.string().nullable(),
  /** When the next period is expected (ISO date), from the source's release schedule. */
  nextExpected: z.string().nullable(),
  /** E.g. "data t/m 2024; volgende publicatie verwacht Q3 2025". */
  label: Localized,
});
export type DataFreshness = z.infer<typeof DataFreshness>;

export const ProvenanceInput = z.object({ pipeline: z.string(), runId: z.number().nullable(), runFinishedAt: z.string().nullable() });

export const Provenance = z.object({
  source: z.string(),
  licence: z.string(),
  /** The pipeline cited as the source, with the run whose data is published. */
  pipeline: z.string(),
  runId: z.number().nullable(),
  runFinishedAt: z.string().nullable(),
  /** Every pipeline the number is computed from. */
  inputs: z.array(ProvenanceInput),
  period: z.string().nullable(),
  /** The latest period's tier for measured data (provisional until the source validates it), else the indicator's. */
  qualityTier: z.enum(qualityTiers),
  /** Periods resting partly on provisional or unvalidated data; empty when all are validated or tiers do not apply. */
  provisionalPeriods: z.array(z.string()),
  freshness: DataFreshness,
  /** Notes on the data of the indicator (contract-annotations.ts), oldest first; on series and values per area. */
  annotations: z.array(ProvenanceNote).optional(),
});
export type Provenance = z.infer<typeof Provenance>;

export const IndicatorSummary = z.object({
  id: z.string(),
  themeId: z.string(),
  name: Localized,
  description: Localized,
  unit: z.string(),
  direction: z.enum(["lower", "higher"]),
  latest: z.object({ period: z.string(), value: z.number() }).nullable(),
  /** The municipality's values of the latest (at most 10) periods, for a sparkline. */
  recent: z.array(z.object({ period: z.string(), value: z.number().nullable(), suppressed: z.boolean() })),
  target: Target.nullable(),
  status: Status,
  /** How far the latest value still is from the target in the indicator's direction; 0 once met, null without a target or value. */
  gapToTarget: z.number().nullable(),
  norms: z.array(Norm),
  /** The finest area level the indicator is published at. */
  lowestLevel: AreaLevel,
  /** What `series?by=breakdown` gives: the stations, the areas of the lowest level, or nothing. */
  breakdown: z.enum(["stations", "wijk", "buurt"]).nullable(),
  /** What the values count (cells of fewer than 5 are suppressed for the policy role), or null. */
  disclosure: z.enum(["establishments", "complaints", "persons"]).nullable(),
  provenance: Provenance,
});
export type IndicatorSummary = z.infer<typeof IndicatorSummary>;

/** A wijk off track or at risk on one indicator, for "where" on the overview. */
export const OffTrackArea = z.object({
  areaCode: z.string(),
  areaName: z.string(),
  indicatorId: z.string(),
  status: z.enum(["off-track", "at-risk"]),
  /** In the unit the area is held to: the rate's for counts (`rateUnit`), else the indicator's. */
  gapToTarget: z.number(),
  rateUnit: z.string().nullable(),
  /** The gap as a share of the target (0.25: a quarter of the target still to go), to compare indicators. */
  relativeGap: z.number(),
});
export type OffTrackArea = z.infer<typeof OffTrackArea>;

export const Theme = z.object({
  id: z.string(),
  name: Localized,
  indicators: z.array(IndicatorSummary),
  /** The wijken furthest off track on the theme's indicators: off track before at risk, then by relative gap; at most 5. */
  offTrackAreas: z.array(OffTrackArea),
});
export type Theme = z.infer<typeof Theme>;

export const ThemeList = z.object({ demo: z.boolean(), themes: z.array(Theme) });
export type ThemeList = z.infer<typeof ThemeList>;

export const SeriesPoint = z.object({
  period: z.string(),
  areaCode: z.string(),
  areaName: z.string(),
  level: z.enum([...areaLevels, "station"]),
  /** Null when there is no valid value, or when it is suppressed. */
  value: z.number().nullable(),
  /** True when disclosure control withheld the value (fewer than 5 units, or complementary). */
  suppressed: z.boolean(),
  /** Share of the hours in the period that had a valid measurement, 0..1. */
  coverage: z.number(),
  /** The least checked tier among the values behind this point (measured data), or null where tiers do not apply. */
  tier: z.enum(dataTiers).nullable(),
});
export type SeriesPoint = z.infer<typeof SeriesPoint>;

export const Series = z.object({
  indicatorId: z.string(),
  unit: z.string(),
  /** "area": one area (the municipality unless asked); "breakdown": its stations or finest areas. */
  by: z.enum(["area", "breakdown"]),
  points: z.array(SeriesPoint),
  provenance: Provenance,
});
export type Series = z.infer<typeof Series>;

/** One area's value in one period, compared with the city and with areas of the same urbanity. */

export const Station = z.object({
  number: z.string(),
  name: z.string(),
  type: z.string(),
  lat: z.number(),
  lon: z.number(),
  components: z.array(z.string()),
  /** The buurt the station stands in (point-in-polygon at ingest), or null outside every buurt. */
  buurtCode: z.string().nullable(),
});
export type Station = z.infer<typeof Station>;

export const StationList = z.object({ stations: z.array(Station) });
export type StationList = z.infer<typeof StationList>;

export const StationDetail = z.object({
  station: Station,
  from: z.string(),
  to: z.string(),
  hourly: z.array(z.object({ time: z.string(), formula: z.string(), value: z.number() })),
  /** Days per year whose daily mean was above an EU 24-hour value. */
  exceedances: z.array(
    z.object({
      formula: z.string(),
      year: z.number(),
      norm: Norm,
      days: z.number(),
      allowedDays: z.number().nullable(),
    }),
  ),
});
export type StationDetail = z.infer<typeof StationDetail>;

/**
 * GET /healthz. `degraded` with 200: alive and serving, but the data went back to the last checkpoint
 * after a damaged write-ahead log was set aside (until `npm run rebuild`); with 503: the database
 * does not answer. `reason` says which, and is absent when all is well.
 */
export const Health = z.object({ status: z.enum(["ok", "degraded"]), database: z.boolean(), reason: z.string().optional() });

/** Readiness (GET /readyz): false while the monitor shuts down, its database is not open, or a pipeline's data is stale beyond its error threshold. */
export const Readiness = z.object({ ready: z.boolean(), reason: z.string().optional() });
export type Readiness = z.infer<typeof Readiness>;

/** A backup written by POST /api/v1/backups into MM_BACKUP_DIR. */
export const BackupCreated = z.object({ file: z.string(), bytes: z.number(), createdAt: z.string() });
export type BackupCreated = z.infer<typeof BackupCreated>;

/** `interrupted`: the server shut down during the run, which rolled back; `abandoned`: the process died. */
export const runStatuses = ["running", "succeeded", "failed", "interrupted", "abandoned"] as const;

export const CheckResult = z.object({
  name: z.string(),
  level: z.enum(["error", "warn"]),
  passed: z.boolean(),
  /** Rows (or, for table-level checks, the measured quantity) that broke the rule. */
  count: z.number(),
  /** Up to five keys of failing rows, as text. */
  sample: z.array(z.string()),
  /** What the check found, in Dutch and English. */
  message: Localized,
});
export type CheckResult = z.infer<typeof CheckResult>;

export const RunSummary = z.object({
  runId: z.number(),
  pipeline: z.string(),
  trigger: z.enum(["schedule", "manual", "startup", "cli"]),
  status: z.enum(runStatuses),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  rowsRead: z.number().nullable(),
  rowsLoaded: z.number().nullable(),
  rowsRejected: z.number().nullable(),
  /**
   * Identical copies of a record that arrived more than once (on two pages, in two request windows):
   * kept once, so read = loaded + rejected + duplicate. Null for runs recorded before it was counted.
   */
  rowsDuplicate: z.number().nullable(),
  /**
   * Published rows this run replaced by the same key in a better tier (a validated hour where a
   * provisional one was). Null for runs recorded before it was counted.
   */
  rowsReplaced: z.number().nullable(),
  /**
   * Warn-level checks that failed, plus one when the run rejected rows: the data was published with
   * this many flags. A `succeeded` run with warnings above 0 succeeded with warnings (`status` keeps
   * its values). Runs recorded before rejects counted here may have rejected rows and 0.
   */
  warnings: z.number(),
  /** Why the run failed or stopped, in Dutch and English (text from a source or DuckDB stays as it came). */
  error: Localized.nullable(),
  /** rowsRejected as a share of rowsRead (0–1); null while nothing was read or the counts are unknown. */
  rowsRejectedShare: z.number().nullable(),
  /** Who started the run by hand (the user's username); null for scheduled, start-up and command-line runs. */
  startedBy: z.string().nullable(),
});
export type RunSummary = z.infer<typeof RunSummary>;

export const QuarantinedRow = z.object({
  origin: z.string(),
  line: z.number().nullable(),
  column: z.string().nullable(),
  /** Why the row was quarantined, in Dutch and English. */
  reason: Localized,
  raw: z.string(),
});
export type QuarantinedRow = z.infer<typeof QuarantinedRow>;

/** How many of a run's rejected rows broke one rule: all of them, also those not in the sample. */
export const RejectCount = z.object({
  column: z.string().nullable(),
  /** The rule or kind of problem, without any row's own values, in Dutch and English. */
  reason: Localized,
  rows: z.number(),
});
export type RejectCount = z.infer<typeof RejectCount>;

export const RunDetail = RunSummary.extend({
  checks: z.array(CheckResult),
  /** A sample of the rejected rows: the first 1,000 a run read (with the first few of every reason), kept for MM_REJECTS_RETENTION_DAYS. */
  rejects: z.array(QuarantinedRow),
  /** All rejected rows of the run, in the sample or not. */
  rejectsTotal: z.number(),
  /** True when the sample holds fewer rows than rejectsTotal. */
  rejectsSampleCut: z.boolean(),
  /** Rejected rows per column and reason, most first. */
  rejectCounts: z.array(RejectCount),
  /** What the run's publish changed against the previous published version; null when it published nothing. */
  changes: PublishChanges.nullable(),
});
export type RunDetail = z.infer<typeof RunDetail>;

export const Freshness = z.object({
  status: z.enum(["fresh", "warn", "stale", "unknown"]),
  /** Newest timestamp in the published data (ISO, UTC), from the data itself. */
  latest: z.string().nullable(),
  warnAfterHours: z.number().nullable(),
  errorAfterHours: z.number().nullable(),
  /** What `latest` is: the data's newest timestamp, day or year, or (records without a period) the time of the last publish. */
  basis: z.enum(["timestamp", "date", "year", "publish"]).nullable(),
  /** How often newer data is expected: every hour, day or n years, or on each scheduled run. */
  cadence: z.object({ every: z.number(), unit: z.enum(["hour", "day", "year", "run"]) }),
  /** When newer data is expected (ISO 8601 UTC): the next hour or day, the next period's release date, the next run. */
  expectedBy: z.string().nullable(),
  /** Hours since the end of the newest period (or the publish), by the wall clock; warnAfterHours and errorAfterHours count from the same start. */
  ageHours: z.number().nullable(),
  /** The demo only: its data is a frozen snapshot up to this moment (ISO), judged by the wall clock all the same. */
  snapshotUntil: z.string().nullable(),
});
export type Freshness = z.infer<typeof Freshness>;

/** A history loaded in slices (a year, a month), each published as it completes; a restart resumes. */
export const BackfillProgress = z.object({
  slicesDone: z.number(),
  slicesTotal: z.number(),
  /** Rows published by the slices loaded so far. */
  rowsLoaded: z.number(),
  /** The next slice to load (e.g. "2019 validated"); null when every slice is loaded. */
  next: z.string().nullable(),
  /** At the pace of the slices loaded so far; null before the first is done. */
  secondsLeft: z.number().nullable(),
});
export type BackfillProgress = z.infer<typeof BackfillProgress>;

export const PipelineSummary = z.object({
  name: z.string(),
  title: Localized,
  schedule: z.string(),
  source: z.string(),
  table: z.string(),
  mode: z.enum(["replace", "append", "upsert"]),
  running: z.boolean(),
  lastRun: RunSummary.nullable(),
  /** The run whose data is published now. */
  publishedRunId: z.number().nullable(),
  freshness: Freshness,
  /** The next time the scheduler starts this pipeline (ISO 8601 UTC), from its cron in Dutch time. */
  nextRunAt: z.string().nullable(),
  /**
   * Demo mode only: the demo has no data for this pipeline's source (e.g. the demo generator writes
   * no file for it), so it is not run at start or on its schedule; a manual run is tried and fails.
   * Always false with live sources, where a missing file fails the run.
   */
  noDemoData: z.boolean(),
  /** The backfill's progress, for a pipeline that loads its history in slices; null for the others. */
  backfill: BackfillProgress.nullable(),
});
export type PipelineSummary = z.infer<typeof PipelineSummary>;

export const PipelineList = z.object({ pipelines: z.array(PipelineSummary) });
export type PipelineList = z.infer<typeof PipelineList>;
export const RunList = z.object({ runs: z.array(RunSummary) });
export type RunList = z.infer<typeof RunList>;
export const RunStarted = z.object({ runId: z.number(), pipeline: z.string() });
export type RunStarted = z.infer<typeof RunStarted>;
