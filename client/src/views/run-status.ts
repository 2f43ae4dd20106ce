/**
 * The run status and data freshness as word plus shape, so neither rests on colour (WCAG 1.4.1); the
 * colour only repeats what the word and shape say. `data-status` / `data-freshness` carry the code;
 * a succeeded run with warnings keeps `data-status="succeeded"` (the API's status) and adds `data-warnings`.
 */
import { css, html, nothing, type TemplateResult } from "lit";
import type { Freshness, RunSummary } from "../../../src/ground/contract/contract.ts";
import { formatCount, formatDateTime, formatNumber } from "../format.ts";
import { lang, t } from "../i18n.ts";

type RunStatus = RunSummary["status"];
/** What the status shows of a run: its status, and what makes a success one with warnings. */
type RunOutcome = Pick<RunSummary, "status" | "warnings" | "rowsRejected" | "rowsRejectedShare">;

const runShapes: Record<RunStatus | "none", string> = {
  running: "↻",
  succeeded: "✓",
  failed: "✕",
  interrupted: "⏸",
  abandoned: "⊘",
  none: "–",
};

const freshnessShapes: Record<Freshness["status"], string> = {
  fresh: "✓",
  warn: "!",
  stale: "✕",
  unknown: "?",
};

/**
 * A succeeded run that rejected rows or failed a warn-level check. Runs recorded before rejects
 * counted as a warning have rows rejected and 0 warnings: the rows decide too.
 */
export const hasWarnings = (run: RunOutcome): boolean => run.status === "succeeded" && (run.warnings > 0 || (run.rowsRejected ?? 0) > 0);

/**
 * A run's status; given the run (not only its status), a success with warnings says so, with the
 * rows rejected and their share of the rows read ("312 rijen afgekeurd (2,1 %)"). `null` is a
 * pipeline that has never run.
 */
export function renderRunStatus(run: RunOutcome | RunStatus | null): TemplateResult {
  const outcome = typeof run === "string" || run === null ? null : run;
  const code: RunStatus | "none" = (typeof run === "string" ? run : outcome?.status) ?? "none";
  const warned = outcome !== null && hasWarnings(outcome);
  return html`<span class="tag" data-status=${code} data-warnings=${warned ? "true" : nothing} data-testid="run-status"
      ><span class="shape" aria-hidden="true">${warned ? "!" : runShapes[code]}</span
      >${t(warned ? "runStatus.succeededWithWarnings" : `runStatus.${code}`)}</span
    >${warned && (outcome.rowsRejected ?? 0) > 0 ? html`<span class="small" data-testid="rejected-share">${rejectedText(outcome)}</span>` : nothing}`;
}

/** "312 rijen afgekeurd (2,1 %)"; a share that rounds to nothing reads "< 0,1 %", never "0,0 %". */
export function rejectedText(run: Pick<RunSummary, "rowsRejected" | "rowsRejectedShare">): string {
  const language = lang();
  const rows = run.rowsRejected ?? 0;
  const count = formatCount(rows, language);
  if (run.rowsRejectedShare === null) return t(rows === 1 ? "runs.rejectedOne" : "runs.rejectedRows", { count });
  const percent = run.rowsRejectedShare * 100;
  const share = percent > 0 && percent < 0.05 ? `< ${formatNumber(0.1, language, { digits: 1 })}` : formatNumber(percent, language, { digits: 1 });
  return t(rows === 1 ? "runs.rejectedShareOne" : "runs.rejectedShare", { count, share });
}

/** How a run was started: by whom, for a run started by hand in the browser ("handmatig door anna"). */
export function triggerText(run: Pick<RunSummary, "trigger" | "startedBy">): string {
  return run.startedBy ? t("trigger.manualBy", { user: run.startedBy }) : t(`trigger.${run.trigger}`);
}

export function renderFreshness(freshness: Freshness): TemplateResult {
  const latest = freshness.latest ? t("freshness.latest", { time: formatDateTime(freshness.latest, lang()) }) : t("freshness.noData");
  return html`<span class="tag" data-freshness=${freshness.status} data-testid="freshness"
      ><span class="shape" aria-hidden="true">${freshnessShapes[freshness.status]}</span>${t(`freshness.${freshness.status}`)}</span
    >
    <span class="muted small">${latest}</span>`;
}

/**
 * In place of the freshness judgement of a pipeline the demo has no data for (`noDemoData`): it is
 * not run by itself, so "unknown" or a failure would point at a fault that is not there.
 */
export function renderNoDemoData(): TemplateResult {
  return html`<span class="tag no-demo-data" data-testid="no-demo-data"><span class="shape" aria-hidden="true">∅</span>${t("pipelines.noDemoData")}</span>
    <span class="muted small">${t("pipelines.noDemoDataNote")}</span>`;
}

export const runStatusStyles = css`
  .tag {
    display: inline-flex;
    align-items: center;
    gap: 0.35em;
    padding: 0 0.5rem 0 0.35rem;
    border-radius: 999px;
    border: 1px solid currentColor;
    font-weight: 600;
    white-space: nowrap;
  }
  .shape {
    font-weight: 700;
  }
  .small {
    display: block;
    font-size: 0.85rem;
  }
  .tag[data-status="succeeded"],
  .tag[data-freshness="fresh"] {
    color: #1b5e20;
    background: #e6f3e7;
  }
  .tag[data-status="running"] {
    color: #0d4a8f;
    background: #e7f0fa;
  }
  .tag[data-freshness="warn"],
  .tag[data-warnings="true"] {
    color: #7a4100;
    background: #fff3df;
  }
  .tag[data-status="failed"],
  .tag[data-freshness="stale"] {
    color: #a11919;
    background: #fdeaea;
  }
  .tag[data-status="interrupted"],
  .tag[data-status="abandoned"],
  .tag[data-status="none"],
  .tag[data-freshness="unknown"],
  .tag.no-demo-data {
    color: #4d5b60;
    background: #eef1f1;
  }
`;
