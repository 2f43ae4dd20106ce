/**
 * How current a number is against its source's release schedule; "overdue" is said in words, not
 * only shown. And a pipeline's data freshness, as the one judgement on the server has it.
 */
import { html, type TemplateResult } from "lit";
import type { DataFreshness, Freshness } from "../../../src/ground/contract/contract.ts";
import { formatDateTime, formatNumber, timeZone } from "../format.ts";
import { lang, pick, t, type Lang } from "../i18n.ts";

export function renderFreshness(freshness: DataFreshness): TemplateResult {
  const word = t(`indicator.freshness.${freshness.status}`);
  return html`<span class="freshness" data-testid="freshness" data-freshness=${freshness.status}
    >${freshness.status === "overdue" ? html`<strong class="overdue"><span aria-hidden="true">⚠ </span>${word}</strong>` : html`<span>${word}</span>`} ·
    ${pick(freshness.label)}</span
  >`;
}

const pipelineShapes: Record<Freshness["status"], string> = { fresh: "✓", warn: "!", stale: "✕", unknown: "?" };
const locales: Record<Lang, string> = { nl: "nl-NL", en: "en-GB" };

/** A day, e.g. "1 jan 2026"; a date-only value ("2025-12-28") is read as that calendar day. */
function formatDate(value: string, language: Lang): string {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const date = new Date(dateOnly ? `${value}T12:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(locales[language], { dateStyle: "medium", timeZone: dateOnly ? "UTC" : timeZone }).format(date);
}

function ageText(hours: number, language: Lang): string {
  if (hours < 48) return t("freshness.ageHours", { n: formatNumber(Math.max(0, hours), language, { digits: 0 }) });
  const days = Math.floor(hours / 24);
  return t("freshness.ageDays", { n: formatNumber(days, language, { digits: 0 }) });
}

/** The words after a pipeline's freshness status: "nieuwste 1 jan 2026, 337 dagen oud; verwacht elk uur". */
export function pipelineFreshnessText(freshness: Freshness): string {
  const language = lang();
  const { basis, latest, ageHours, cadence, expectedBy } = freshness;
  if (!latest || !basis) return t("freshness.noData");
  const newest =
    basis === "year"
      ? t("freshness.newestYear", { year: latest })
      : basis === "publish"
        ? t("freshness.published", { time: formatDateTime(latest, language) })
        : // An hour matters while the data is young; a day says enough after that.
          t("freshness.newest", { latest: basis === "timestamp" && (ageHours ?? 0) < 48 ? formatDateTime(latest, language) : formatDate(latest, language) });
  const first = basis !== "year" && ageHours !== null ? `${newest}, ${ageText(ageHours, language)}` : newest;
  const expected = cadence.unit === "year" && cadence.every > 1 ? t("freshness.everyYears", { n: cadence.every }) : t(`freshness.every.${cadence.unit}`);
  const next = basis === "year" && expectedBy ? t("freshness.nextBy", { date: formatDate(expectedBy, language) }) : null;
  return [first, expected, next].filter(Boolean).join("; ");
}

/**
 * A pipeline's freshness as word plus shape (never colour alone) and what it rests on, in words that
 * are true: the newest period and its age, how often the source releases, and on the demo that the
 * data is a snapshot up to its date. Uses the `.tag` styles of run-status.ts.
 */
export function renderPipelineFreshness(freshness: Freshness): TemplateResult {
  const language = lang();
  return html`<span class="tag" data-freshness=${freshness.status} data-testid="freshness"
      ><span class="shape" aria-hidden="true">${pipelineShapes[freshness.status]}</span>${t(`freshness.${freshness.status}`)}</span
    >
    <span class="muted small" data-testid="freshness-text">${pipelineFreshnessText(freshness)}</span>
    ${
      freshness.snapshotUntil
        ? html`<span class="muted small" data-testid="freshness-snapshot"
            >${t("freshness.snapshot", { date: formatDate(freshness.snapshotUntil, language) })}</span
          >`
        : null
    }`;
}
