/**
 * The go-live check (POST /api/v1/pipelines/checks, GET /api/v1/pipelines/checks/latest, and
 * `npm run pipelines -- check`): every pipeline's extract and validation run into a scratch database
 * that is thrown away, so nothing is published. Built by src/engine/pipelines/go-live-check.ts.
 */
import { z } from "zod";
import { CheckResult, Localized } from "./contract.ts";

/** Rows rejected for one reason, with a few of their raw values (or lines) to recognise them by. */
export const RejectReason = z.object({
  column: z.string().nullable(),
  /** The rule or kind of problem, without any row's own values, in Dutch and English. */
  reason: Localized,
  rows: z.number(),
  /** Up to three raw values (or CSV lines) rejected for this reason. */
  examples: z.array(z.string()),
});
export type RejectReason = z.infer<typeof RejectReason>;

export const checkOutcomes = ["passed", "warned", "failed", "skipped"] as const;

/** One pipeline's part of a go-live check. */
export const PipelineCheck = z.object({
  pipeline: z.string(),
  title: Localized,
  /**
   * passed: read, validated and every check passed; warned: the same with a failed warn-level check;
   * failed: the source could not be read, or the run would not publish; skipped: not tried (see `skipped`).
   */
  outcome: z.enum(checkOutcomes),
  /** What the pipeline reads, e.g. "Luchtmeetnet /stations and /stations/{number}". */
  source: z.string(),
  /** The file read, or the first URL that answered (secrets redacted); null when neither is known. */
  location: z.string().nullable(),
  /** HTTP requests made to the source. */
  requests: z.number().int(),
  /** The source was read to its end (a run can still fail afterwards, on its rows or checks). */
  reached: z.boolean(),
  /** Why the run failed, in Dutch and English, as the run record would say it. */
  error: Localized.nullable(),
  /** The URL asked last, when the source could not be read over HTTP. */
  failedUrl: z.string().nullable(),
  /** The settings (environment variables) to change when it failed, the likeliest first. */
  settings: z.array(z.string()),
  rowsRead: z.number(),
  /** Rows that passed validation: what a run would publish (unless a check then fails it). */
  rowsLoaded: z.number(),
  rowsRejected: z.number(),
  rowsDuplicate: z.number(),
  /** Rejected rows per column and reason, most first. */
  rejects: z.array(RejectReason),
  checks: z.array(CheckResult),
  /** The first and last value of the data's own time column; null when it has none or nothing loaded. */
  period: z.object({ column: z.string(), from: z.string(), to: z.string() }).nullable(),
  /** Why the pipeline was not tried (demo mode: no demo data for its source). */
  skipped: Localized.nullable(),
});
export type PipelineCheck = z.infer<typeof PipelineCheck>;

/** A go-live check, running or done; the server keeps the latest one. */
export const GoLiveCheck = z.object({
  id: z.number().int(),
  status: z.enum(["running", "done"]),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** Pipelines finished of all to check, and the one being checked now. */
  progress: z.object({ done: z.number().int(), total: z.number().int(), pipeline: z.string().nullable() }),
  /** One per pipeline finished so far, in the order they ran (a pipeline after those it reads from). */
  results: z.array(PipelineCheck),
  /** Set when the check itself could not run (e.g. no scratch database could be made). */
  error: Localized.nullable(),
});
export type GoLiveCheck = z.infer<typeof GoLiveCheck>;

/** GET /api/v1/pipelines/checks/latest: null before the first check since the server started. */
export const LatestGoLiveCheck = z.object({ check: GoLiveCheck.nullable() });
export type LatestGoLiveCheck = z.infer<typeof LatestGoLiveCheck>;
