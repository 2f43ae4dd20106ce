/**
 * `<mm-run-detail name=… run-id=…>`: one pipeline run — its status and row counts, the error in full,
 * every quality check with its result, and its quarantined rows: counted per column and reason, and a
 * sample of them (saying so when the sample is cut).
 */
import { Task } from "@lit/task";
import { LitElement, css, html, nothing } from "lit";
import type { CheckResult, RejectCount, Role, RunDetail } from "../../../src/ground/contract/contract.ts";
import { api } from "../api-client.ts";
import { formatCount, formatDateTime, formatDuration, formatNumber } from "../format.ts";
import { LangController, lang, pick, t } from "../i18n.ts";
import { Poller } from "../poller.ts";
import { hrefFor } from "../routes.ts";
import { baseStyles, detailStyles } from "../styles.ts";
import { renderFailure, renderLoading } from "./failure-message.ts";
import "./run-changes.ts";
import { renderRunStatus, runStatusStyles, triggerText } from "./run-status.ts";

export class RunDetailView extends LitElement {
  static override properties = { name: {}, runId: { attribute: "run-id", type: Number }, userRole: {} };
  declare name: string;
  declare runId: number;
  declare userRole: Role;

  static override styles = [
    baseStyles,
    detailStyles,
    runStatusStyles,
    css`
      dl.counts dd {
        font-variant-numeric: tabular-nums;
      }
      pre {
        margin: 0;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      td code {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      .tag[data-passed="true"] {
        color: #1b5e20;
        background: #e6f3e7;
      }
      .tag[data-passed="false"] {
        color: #a11919;
        background: #fdeaea;
      }
    `,
  ];

  readonly #poller = new Poller(this, () => void this.#detail.run());

  #detail = new Task(this, {
    args: () => [this.name, this.runId] as const,
    task: ([name, runId], { signal }) => api.get("GET /api/v1/pipelines/:name/runs/:runId", { path: { name, runId }, signal }),
    // A run opened while it is going fills in its counts and checks when it ends.
    onComplete: (detail) => this.#poller.keepGoing(detail.status === "running"),
    onError: () => this.#poller.keepGoing(false),
  });

  constructor() {
    super();
    new LangController(this);
    this.name = "";
    this.runId = 0;
    this.userRole = "analyst";
  }

  protected override render() {
    const previous = this.#detail.value;
    const same = previous?.pipeline === this.name && previous.runId === this.runId;
    return html`<p>
        <a href=${hrefFor({ name: "pipeline", pipeline: this.name })}>← ${t("run.back", { name: this.name })}</a>
      </p>
      <h1>${t("run.title", { runId: this.runId, name: this.name })}</h1>
      ${this.#detail.render({
        pending: () => (previous && same ? this.#renderDetail(previous) : renderLoading()),
        error: (error) => renderFailure(error, this.userRole, () => void this.#detail.run()),
        complete: (detail) => this.#renderDetail(detail),
      })}`;
  }

  #renderDetail(run: RunDetail) {
    const language = lang();
    return html`<div class="panel">
        <dl data-testid="run-summary">
          <dt>${t("runs.status")}</dt>
          <dd>${renderRunStatus(run)}</dd>
          <dt>${t("runs.trigger")}</dt>
          <dd data-testid="run-trigger">${triggerText(run)}</dd>
          <dt>${t("runs.started")}</dt>
          <dd>${formatDateTime(run.startedAt, language)}</dd>
          <dt>${t("run.finished")}</dt>
          <dd>${run.finishedAt ? formatDateTime(run.finishedAt, language) : t("runs.stillRunning")}</dd>
          <dt>${t("runs.duration")}</dt>
          <dd>${run.finishedAt ? formatDuration(run.startedAt, run.finishedAt, language) : "–"}</dd>
          <dt>${t("runs.warnings")}</dt>
          <dd>${run.warnings}</dd>
        </dl>
      </div>
      <section class="panel" aria-labelledby="rows-title">
        <h2 id="rows-title">${t("run.rowsTitle")}</h2>
        <dl class="counts" data-testid="run-counts">
          ${this.#count("read", t("runs.read"), run.rowsRead)} ${this.#count("loaded", t("runs.loaded"), run.rowsLoaded)}
          ${this.#count("rejected", t("runs.rejected"), run.rowsRejected)} ${this.#count("duplicate", t("runs.duplicate"), run.rowsDuplicate)}
        </dl>
        <p class="muted">${t("run.rowsNote")}</p>
      </section>
      <mm-run-changes .changes=${run.changes} .running=${run.status === "running"}></mm-run-changes>
      ${
        run.error
          ? html`<section class="alert" aria-labelledby="error-title">
              <h2 id="error-title">${t("run.errorTitle")}</h2>
              <pre data-testid="run-error">${pick(run.error)}</pre>
            </section>`
          : null
      }
      <section class="panel" aria-labelledby="checks-title">
        <h2 id="checks-title">${t("run.checksTitle")}</h2>
        ${this.#renderChecks(run.checks)}
      </section>
      <section class="panel" aria-labelledby="rejects-title">
        <h2 id="rejects-title">${t("run.rejectsTitle")}</h2>
        ${this.#renderRejectsCsv(run)} ${this.#renderRejectCounts(run.rejectCounts)} ${this.#renderRejects(run)}
      </section>`;
  }

  /** `data-count` carries the plain number, so a test need not parse "1.234". */
  #count(key: string, label: string, value: number | null) {
    return html`<dt>${label}</dt>
      <dd data-testid="count-${key}" data-count=${value ?? nothing}>${formatCount(value, lang())}</dd>`;
  }

  /** The count gets decimals because a table-level check counts a measured quantity, not rows. */
  #renderChecks(checks: readonly CheckResult[]) {
    const language = lang();
    return html`<div class="table-wrap">
      <table data-testid="check-table">
        <caption class="sr-only">
          ${t("run.checksTitle")}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t("check.name")}</th>
            <th scope="col">${t("check.level")}</th>
            <th scope="col">${t("check.result")}</th>
            <th scope="col" class="num">${t("check.count")}</th>
            <th scope="col">${t("check.sample")}</th>
            <th scope="col">${t("check.message")}</th>
          </tr>
        </thead>
        <tbody>
          ${
            checks.length === 0
              ? html`<tr>
                  <td colspan="6" class="muted">${t("run.checksEmpty")}</td>
                </tr>`
              : checks.map(
                  (check) =>
                    html`<tr data-testid="check-row" data-passed=${String(check.passed)} data-level=${check.level}>
                      <th scope="row"><code>${check.name}</code></th>
                      <td>${t(`check.level.${check.level}`)}</td>
                      <td>
                        <span class="tag" data-passed=${String(check.passed)} data-testid="check-result"
                          ><span class="shape" aria-hidden="true">${check.passed ? "✓" : "✕"}</span>${t(check.passed ? "check.passed" : "check.failed")}</span
                        >
                      </td>
                      <td class="num">${formatNumber(check.count, language, { digits: 2 })}</td>
                      <td>${check.sample.length > 0 ? check.sample.map((key, i) => html`${i > 0 ? ", " : ""}<code>${key}</code>`) : "–"}</td>
                      <td data-testid="check-message">${pick(check.message)}</td>
                    </tr>`,
                )
          }
        </tbody>
      </table>
    </div>`;
  }

  /** The kept rejected rows as a file for the source's owner, in the UI's language. */
  #renderRejectsCsv(run: RunDetail) {
    if (run.rejects.length === 0) return null;
    const href = api.url("GET /api/v1/pipelines/:name/runs/:runId/rejects", {
      path: { name: run.pipeline, runId: run.runId },
      query: { format: "csv", lang: lang() },
    });
    return html`<p class="no-print">
      <a class="button" href=${href} download title=${t("run.rejectsCsvTitle")} data-testid="rejects-csv">${t("run.rejectsCsv")}</a>
    </p>`;
  }

  #renderRejectCounts(counts: readonly RejectCount[]) {
    if (counts.length === 0) return null;
    const language = lang();
    return html`<h3>${t("run.rejectCountsTitle")}</h3>
      <div class="table-wrap">
        <table data-testid="reject-count-table">
          <caption class="sr-only">
            ${t("run.rejectCountsTitle")}
          </caption>
          <thead>
            <tr>
              <th scope="col">${t("reject.column")}</th>
              <th scope="col">${t("reject.reason")}</th>
              <th scope="col" class="num">${t("reject.rows")}</th>
            </tr>
          </thead>
          <tbody>
            ${counts.map(
              (count) =>
                html`<tr data-testid="reject-count-row">
                  <td>${count.column ?? "–"}</td>
                  <td>${pick(count.reason)}</td>
                  <td class="num" data-count=${count.rows}>${formatCount(count.rows, language)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }

  #renderRejects({ rejects, rejectsTotal: total, rejectsSampleCut: cut, rejectCounts, rowsRejected }: RunDetail) {
    const language = lang();
    const [shown, all] = [formatCount(rejects.length, language), formatCount(total, language)];
    if (rejects.length === 0 && (rowsRejected ?? 0) > 0) return html`<p class="muted" data-testid="rejects-pruned">${t("run.rejectsPruned")}</p>`;
    return html`${rejectCounts.length > 0 ? html`<h3>${t("run.rejectSampleTitle")}</h3>` : null}
      ${
        total > 0
          ? html`<p data-testid=${cut ? "rejects-sample-cut" : "rejects-sample-all"}>
              ${cut ? t("run.rejectsSampleCut", { shown, total: all }) : t("run.rejectsSampleAll", { total: all })}
            </p>`
          : null
      }
      <div class="table-wrap">
        <table data-testid="reject-table">
          <caption class="sr-only">
            ${t("run.rejectsTitle")}
          </caption>
          <thead>
            <tr>
              <th scope="col">${t("reject.origin")}</th>
              <th scope="col" class="num">${t("reject.line")}</th>
              <th scope="col">${t("reject.column")}</th>
              <th scope="col">${t("reject.reason")}</th>
              <th scope="col">${t("reject.raw")}</th>
            </tr>
          </thead>
          <tbody>
            ${
              rejects.length === 0
                ? html`<tr>
                    <td colspan="5" class="muted">${t("run.rejectsEmpty")}</td>
                  </tr>`
                : rejects.map(
                    (row) =>
                      html`<tr data-testid="reject-row">
                        <td>${row.origin}</td>
                        <td class="num">${row.line ?? "–"}</td>
                        <td>${row.column ?? "–"}</td>
                        <td>${pick(row.reason)}</td>
                        <td><code>${row.raw}</code></td>
                      </tr>`,
                  )
            }
          </tbody>
        </table>
      </div>`;
  }
}

customElements.define("mm-run-detail", RunDetailView);

declare global {
  interface HTMLElementTagNameMap {
    "mm-run-detail": RunDetailView;
  }
}
