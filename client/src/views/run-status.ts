/**
 * The run status and data freshness as word plus shape, so neither rests on colour (WCAG 1.4.1); the
 * colour only repeats what the word and shape say. `data-status` / `data-freshness` carry the code.
 */
import { css, html, type TemplateResult } from "lit";
import type { Freshness, RunSummary } from "../../../src/ground/contract/contract.ts";
import { formatDateTime } from "../format.ts";
import { lang, t } from "../i18n.ts";

type RunStatus = RunSummary["status"];

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

/** `null` is a pipeline that has never run. */
export function renderRunStatus(status: RunStatus | null): TemplateResult {
  const code = status ?? "none";
  return html`<span class="tag" data-status=${code} data-testid="run-status"
    ><span class="shape" aria-hidden="true">${runShapes[code]}</span>${t(`runStatus.${code}`)}</span
  >`;
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
  .tag[data-freshness="warn"] {
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
