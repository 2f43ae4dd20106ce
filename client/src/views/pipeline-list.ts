/**
 * `<mm-pipeline-list>`: the analyst's overview — every pipeline with its schedule (in words, with
 * the next run), last run, rows and data freshness (or that the demo has no data for it), and a
 * button to run it now. While any pipeline runs, the list refreshes itself. Below it, the go-live
 * check of every source (go-live-check.ts).
 */
import { Task } from "@lit/task";
import { LitElement, css, html, nothing } from "lit";
import type { PipelineSummary, Role, RunSummary } from "../../../src/ground/contract/contract.ts";
import { ApiError } from "../api.ts";
import { api } from "../api-client.ts";
import { cronHint, nextRunText } from "../cron-hint.ts";
import { formatCount, formatDateTime } from "../format.ts";
import { describeError } from "../error-text.ts";
import { LangController, lang, pick, t } from "../i18n.ts";
import { Poller } from "../poller.ts";
import { hrefFor } from "../routes.ts";
import { baseStyles } from "../styles.ts";
import { renderFailure, renderLoading } from "./failure-message.ts";
import { renderNoDemoData, renderRunStatus, runStatusStyles } from "./run-status.ts";
import { renderPipelineFreshness } from "./freshness-label.ts";
import "./go-live-check.ts";

/** What the "run now" button of one pipeline last did; kept as state, so a language switch re-words it. */
type StartState = { kind: "pending" } | { kind: "started"; runId: number } | { kind: "busy" } | { kind: "failed"; message: string };

function isRunning(pipeline: PipelineSummary): boolean {
  return pipeline.running || pipeline.lastRun?.status === "running";
}

export class PipelineListView extends LitElement {
  static override properties = { userRole: {}, starts: { state: true } };
  declare userRole: Role;
  declare starts: ReadonlyMap<string, StartState>;

  static override styles = [
    baseStyles,
    runStatusStyles,
    css`
      /* Nine columns have to fit a laptop screen next to each other; the table scrolls beyond that. */
      table {
        font-size: 0.95rem;
      }
      th,
      td {
        padding-inline: 0.45rem;
      }
      td button {
        white-space: nowrap;
        padding: 0.35rem 0.7rem;
      }
      td.num {
        white-space: nowrap;
      }
      th[scope="row"] .small {
        font-weight: normal;
      }
      /* Never display:none when empty: a live region must be rendered before its text arrives. */
      .message {
        margin-top: 0.3rem;
      }
    `,
  ];

  readonly #poller = new Poller(this, () => void this.#pipelines.run());

  #pipelines = new Task(this, {
    args: () => [] as const,
    task: (_args, { signal }) => api.get("GET /api/v1/pipelines", { signal }),
    onComplete: (list) => this.#poller.keepGoing(list.pipelines.some(isRunning)),
    // The failure is shown with a retry button; asking again every 2 s would only repeat it.
    onError: () => this.#poller.keepGoing(false),
  });

  constructor() {
    super();
    new LangController(this);
    this.userRole = "analyst";
    this.starts = new Map();
  }

  protected override render() {
    return html`<h1>${t("pipelines.title")}</h1>
      ${this.#pipelines.render({
        // A refresh keeps the table in place instead of flashing "loading" every two seconds.
        pending: () => (this.#pipelines.value ? this.#renderTable(this.#pipelines.value.pipelines) : renderLoading()),
        error: (error) => renderFailure(error, this.userRole, () => void this.#pipelines.run()),
        complete: ({ pipelines }) => this.#renderTable(pipelines),
      })}
      ${
        // Only beside a list that loaded: a role refused the list is refused the check too, and told once.
        this.#pipelines.value ? html`<mm-go-live-check .userRole=${this.userRole}></mm-go-live-check>` : nothing
      }`;
  }

  #renderTable(pipelines: readonly PipelineSummary[]) {
    if (pipelines.length === 0) return html`<p class="panel" data-testid="empty">${t("pipelines.empty")}</p>`;
    return html`<div class="panel table-wrap">
      <table data-testid="pipeline-table">
        <caption class="sr-only">
          ${t("pipelines.caption")}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t("pipelines.pipeline")}</th>
            <th scope="col">${t("pipelines.source")}</th>
            <th scope="col">${t("pipelines.schedule")}</th>
            <th scope="col">${t("pipelines.mode")}</th>
            <th scope="col">${t("pipelines.lastRun")}</th>
            <th scope="col">${t("pipelines.finished")}</th>
            <th scope="col" class="num">${t("pipelines.rows")}</th>
            <th scope="col">${t("pipelines.freshness")}</th>
            <th scope="col">${t("pipelines.action")}</th>
          </tr>
        </thead>
        <tbody>
          ${pipelines.map((pipeline) => this.#renderRow(pipeline))}
        </tbody>
      </table>
    </div>`;
  }

  #renderRow(pipeline: PipelineSummary) {
    const language = lang();
    const last = pipeline.lastRun;
    const hint = cronHint(pipeline.schedule);
    const next = pipeline.nextRunAt ? nextRunText(pipeline.nextRunAt) : null;
    const title = pick(pipeline.title);
    return html`<tr data-testid="pipeline-row" data-pipeline=${pipeline.name}>
      <th scope="row">
        <a href=${hrefFor({ name: "pipeline", pipeline: pipeline.name })} data-testid="history-link">${title}</a>
        <span class="small muted"><code>${pipeline.name}</code></span>
        <span class="small muted">${t("pipelines.table", { table: pipeline.table })}</span>
      </th>
      <td>${pipeline.source}</td>
      <td>
        <code>${pipeline.schedule}</code>${hint ? html`<span class="small muted" data-testid="schedule-hint">${hint}</span>` : null}
        ${next ? html`<span class="small muted" data-testid="next-run">${next}</span>` : null}
      </td>
      <td data-mode=${pipeline.mode}>${t(`mode.${pipeline.mode}`)}</td>
      <td data-testid="last-run" data-run-id=${last ? String(last.runId) : nothing}>
        ${renderRunStatus(last ?? null)}
        ${last ? html`<a class="small" href=${hrefFor({ name: "run", pipeline: pipeline.name, runId: last.runId })}>${t("runs.run")} ${last.runId}</a>` : null}
        ${this.#renderPublished(pipeline, last)}
      </td>
      <td>${last?.finishedAt ? formatDateTime(last.finishedAt, language) : last ? t("runs.stillRunning") : "–"}</td>
      <td class="num" data-testid="rows">${last ? `${formatCount(last.rowsLoaded, language)} / ${formatCount(last.rowsRejected, language)}` : "–"}</td>
      <td>${pipeline.noDemoData ? renderNoDemoData() : renderPipelineFreshness(pipeline.freshness)}${this.#renderBackfill(pipeline, title)}</td>
      <td>${this.#renderStart(pipeline, title)}</td>
    </tr>`;
  }

  /** A history loaded in slices: a progress bar while slices are to go, with the rows so far and the time left. */
  #renderBackfill(pipeline: PipelineSummary, title: string) {
    const progress = pipeline.backfill;
    if (!progress || progress.slicesTotal === 0) return null;
    const language = lang();
    const summary = t("pipelines.backfill", { done: progress.slicesDone, total: progress.slicesTotal, rows: formatCount(progress.rowsLoaded, language) });
    const next = progress.next ? t("pipelines.backfillNext", { next: progress.next }) : null;
    const left =
      progress.next && progress.secondsLeft !== null ? t("pipelines.backfillLeft", { minutes: Math.max(1, Math.round(progress.secondsLeft / 60)) }) : null;
    return html`<div class="small" data-testid="backfill">
      ${
        progress.next
          ? html`<progress max=${progress.slicesTotal} value=${progress.slicesDone} aria-label=${t("pipelines.backfillLabel", { title })}></progress>`
          : null
      }
      <span class="muted">${[summary, next, left].filter(Boolean).join("; ")}</span>
    </div>`;
  }

  /** Only worth saying when the data people see is not from the last run (it failed, or is still going). */
  #renderPublished(pipeline: PipelineSummary, last: RunSummary | null) {
    const published = pipeline.publishedRunId;
    if (published === (last?.runId ?? null)) return null;
    return html`<span class="small muted" data-testid="published"
      >${published === null ? t("pipelines.notPublished") : t("pipelines.published", { runId: published })}</span
    >`;
  }

  #renderStart(pipeline: PipelineSummary, title: string) {
    const state = this.starts.get(pipeline.name);
    // Stays enabled while the pipeline runs: clicking then is answered with "already running", which
    // says more than a greyed-out button, and a disabled button would drop out of the tab order.
    return html`<button
        type="button"
        data-testid="run-now"
        aria-label=${t("pipelines.runNowLabel", { title })}
        ?disabled=${state?.kind === "pending"}
        @click=${() => void this.#start(pipeline.name)}
      >
        ${t("pipelines.runNow")}
      </button>
      <span class="message small" role="status" data-testid="run-message" data-state=${state?.kind ?? nothing}
        >${state ? this.#startMessage(state) : ""}</span
      >`;
  }

  #startMessage(state: StartState): string {
    switch (state.kind) {
      case "pending":
        return t("pipelines.starting");
      case "started":
        return t("pipelines.started", { runId: state.runId });
      case "busy":
        return t("pipelines.busy");
      case "failed":
        return t("pipelines.startFailed", { message: state.message });
    }
  }

  #setStart(name: string, state: StartState) {
    this.starts = new Map(this.starts).set(name, state);
  }

  async #start(name: string) {
    this.#setStart(name, { kind: "pending" });
    try {
      const started = await api.send("POST /api/v1/pipelines/:name/runs", { path: { name } });
      this.#setStart(name, { kind: "started", runId: started.runId });
    } catch (error) {
      const busy = error instanceof ApiError && error.status === 409;
      this.#setStart(name, busy ? { kind: "busy" } : { kind: "failed", message: describeError(error) });
      if (!busy) return;
    }
    // Either way a run is going now: reload to show it, and the poller follows it until it ends.
    if (this.isConnected) void this.#pipelines.run();
  }
}

customElements.define("mm-pipeline-list", PipelineListView);

declare global {
  interface HTMLElementTagNameMap {
    "mm-pipeline-list": PipelineListView;
  }
}
