/**
 * `<mm-pipeline-runs name=…>`: the run history of one pipeline, newest first, each run linking to its
 * page. Follows a run that is still going, like the pipeline list does.
 */
import { Task } from "@lit/task";
import { LitElement, css, html, nothing } from "lit";
import type { Role, RunSummary } from "../../../src/ground/contract/contract.ts";
import { api } from "../api-client.ts";
import { formatCount, formatDateTime, formatDuration } from "../format.ts";
import { LangController, lang, pick, t } from "../i18n.ts";
import { Poller } from "../poller.ts";
import { hrefFor } from "../routes.ts";
import { baseStyles } from "../styles.ts";
import { renderFailure, renderLoading } from "./failure-message.ts";
import "./run-quality.ts";
import { renderRunStatus, runStatusStyles, triggerText } from "./run-status.ts";

const historyLimit = 50;
/** Enough to recognise a known error in the list; the run page and the tooltip have it in full. */
const errorPreview = 80;

function preview(text: string): string {
  return text.length <= errorPreview ? text : `${text.slice(0, errorPreview - 1).trimEnd()}…`;
}

/** The list together with the pipeline it belongs to, so a refresh never shows another pipeline's runs. */
interface History {
  name: string;
  runs: RunSummary[];
}

export class PipelineRuns extends LitElement {
  static override properties = { name: {}, userRole: {} };
  declare name: string;
  declare userRole: Role;

  static override styles = [
    baseStyles,
    runStatusStyles,
    css`
      td.error {
        max-width: 28rem;
        overflow-wrap: anywhere;
      }
    `,
  ];

  readonly #poller = new Poller(this, () => void this.#history.run());

  #history = new Task(this, {
    args: () => [this.name] as const,
    task: async ([name], { signal }): Promise<History> => {
      const { runs } = await api.get("GET /api/v1/pipelines/:name/runs", { path: { name }, query: { limit: historyLimit }, signal });
      return { name, runs };
    },
    onComplete: ({ runs }) => this.#poller.keepGoing(runs.some((run) => run.status === "running")),
    onError: () => this.#poller.keepGoing(false),
  });

  constructor() {
    super();
    new LangController(this);
    this.name = "";
    this.userRole = "analyst";
  }

  protected override render() {
    const previous = this.#history.value;
    return html`<p><a href=${hrefFor({ name: "pipelines" })}>← ${t("runs.back")}</a></p>
      <h1>${t("runs.title", { name: this.name })}</h1>
      <mm-annotation-editor subject="pipeline" subject-id=${this.name}></mm-annotation-editor>
      <mm-run-quality name=${this.name} .runs=${previous?.name === this.name ? previous.runs : []}></mm-run-quality>
      ${this.#history.render({
        pending: () => (previous?.name === this.name ? this.#renderTable(previous.runs) : renderLoading()),
        error: (error) => renderFailure(error, this.userRole, () => void this.#history.run()),
        complete: ({ runs }) => this.#renderTable(runs),
      })}`;
  }

  #renderTable(runs: readonly RunSummary[]) {
    if (runs.length === 0) return html`<p class="panel" data-testid="empty">${t("runs.empty")}</p>`;
    return html`<div class="panel table-wrap">
      <table data-testid="run-table">
        <caption>
          ${t("runs.caption", { limit: historyLimit })}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t("runs.run")}</th>
            <th scope="col">${t("runs.trigger")}</th>
            <th scope="col">${t("runs.status")}</th>
            <th scope="col">${t("runs.started")}</th>
            <th scope="col" class="num">${t("runs.duration")}</th>
            <th scope="col" class="num">${t("runs.read")}</th>
            <th scope="col" class="num">${t("runs.loaded")}</th>
            <th scope="col" class="num">${t("runs.rejected")}</th>
            <th scope="col" class="num">${t("runs.warnings")}</th>
            <th scope="col">${t("runs.error")}</th>
          </tr>
        </thead>
        <tbody>
          ${runs.map((run) => this.#renderRow(run))}
        </tbody>
      </table>
    </div>`;
  }

  #renderRow(run: RunSummary) {
    const language = lang();
    const duration = run.finishedAt ? formatDuration(run.startedAt, run.finishedAt, language) : run.status === "running" ? t("runs.stillRunning") : "–";
    return html`<tr data-run-id=${run.runId}>
      <th scope="row">
        <a
          href=${hrefFor({ name: "run", pipeline: run.pipeline, runId: run.runId })}
          data-testid="run-link"
          aria-label=${t("run.title", { runId: run.runId, name: run.pipeline })}
          >${run.runId}</a
        >
      </th>
      <td data-testid="run-trigger">${triggerText(run)}</td>
      <td>${renderRunStatus(run)}</td>
      <td>${formatDateTime(run.startedAt, language)}</td>
      <td class="num">${duration}</td>
      <td class="num">${formatCount(run.rowsRead, language)}</td>
      <td class="num">${formatCount(run.rowsLoaded, language)}</td>
      <td class="num">${formatCount(run.rowsRejected, language)}</td>
      <td class="num">${run.warnings > 0 ? html`<strong>! ${run.warnings}</strong>` : "0"}</td>
      <td class="error" title=${run.error ? pick(run.error) : nothing}>${run.error ? preview(pick(run.error)) : "–"}</td>
    </tr>`;
  }
}

customElements.define("mm-pipeline-runs", PipelineRuns);

declare global {
  interface HTMLElementTagNameMap {
    "mm-pipeline-runs": PipelineRuns;
  }
}
