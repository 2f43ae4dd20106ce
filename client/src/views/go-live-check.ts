/**
 * `<mm-go-live-check>`: in the pipeline view, the go-live check — a button that starts it (or joins
 * the one running), a progress bar while it runs, and per pipeline a table of what was found: the
 * source read or the error with the setting to change, the rows, the rejects by reason with
 * examples, the checks and the period the data covers. The latest check is shown on arrival.
 */
import { Task } from "@lit/task";
import { LitElement, css, html, nothing } from "lit";
import type { GoLiveCheck, PipelineCheck } from "../../../src/ground/contract/contract-go-live.ts";
import type { Role } from "../../../src/ground/contract/contract.ts";
import { api } from "../api-client.ts";
import { formatCount, formatDateTime } from "../format.ts";
import { describeError } from "../error-text.ts";
import { LangController, lang, pick, t } from "../i18n.ts";
import { Poller } from "../poller.ts";
import { baseStyles } from "../styles.ts";
import { renderFailure } from "./failure-message.ts";
import { runStatusStyles } from "./run-status.ts";

const outcomeShapes: Record<PipelineCheck["outcome"], string> = { passed: "✓", warned: "!", failed: "✕", skipped: "∅" };

export class GoLiveCheckView extends LitElement {
  static override properties = { userRole: {}, starting: { state: true }, startError: { state: true } };
  declare userRole: Role;
  declare starting: boolean;
  declare startError: string | null;

  static override styles = [
    baseStyles,
    runStatusStyles,
    css`
      :host {
        margin-top: 1rem;
      }
      .controls {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem 1rem;
        margin-top: 0.75rem;
      }
      progress {
        width: min(24rem, 100%);
        height: 1rem;
      }
      .results {
        display: grid;
        gap: 0.75rem;
        margin-top: 0.75rem;
      }
      .result {
        border: 1px solid var(--mm-line);
        border-radius: 6px;
        padding: 0.6rem 0.75rem;
      }
      .result h3 {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: 0.25rem 0.6rem;
      }
      .result h3 code {
        font-size: 0.85rem;
        font-weight: normal;
      }
      th[scope="row"] {
        width: 9rem;
        white-space: nowrap;
      }
      td,
      pre {
        overflow-wrap: anywhere;
      }
      pre {
        margin: 0;
        white-space: pre-wrap;
        font: inherit;
      }
      ul {
        margin: 0;
        padding-left: 1.1rem;
      }
      .tag[data-outcome="passed"] {
        color: #1b5e20;
        background: #e6f3e7;
      }
      .tag[data-outcome="warned"] {
        color: #7a4100;
        background: #fff3df;
      }
      .tag[data-outcome="failed"] {
        color: #a11919;
        background: #fdeaea;
      }
      .tag[data-outcome="skipped"] {
        color: #4d5b60;
        background: #eef1f1;
      }
      /* On a phone the label goes above its value: two narrow columns would not fit a URL. */
      @media (max-width: 40rem) {
        th[scope="row"],
        td {
          display: block;
          width: auto;
          border-bottom: none;
          padding-inline: 0;
        }
        tr {
          display: block;
          border-bottom: 1px solid var(--mm-line);
          padding-block: 0.3rem;
        }
      }
    `,
  ];

  readonly #poller = new Poller(this, () => void this.#latest.run(), 1000);

  #latest = new Task(this, {
    args: () => [] as const,
    task: (_args, { signal }) => api.get("GET /api/v1/pipelines/checks/latest", { signal }),
    onComplete: ({ check }) => this.#poller.keepGoing(check?.status === "running"),
    onError: () => this.#poller.keepGoing(false),
  });

  constructor() {
    super();
    new LangController(this);
    this.userRole = "analyst";
    this.starting = false;
    this.startError = null;
  }

  protected override render() {
    // A poll keeps what is shown in place instead of flashing it away every second.
    const check = this.#latest.value?.check ?? null;
    return html`<section class="panel" aria-labelledby="go-live-title" data-testid="go-live-check">
      <h2 id="go-live-title">${t("goLive.title")}</h2>
      <p class="muted">${t("goLive.intro")}</p>
      <div class="controls">
        <button type="button" data-testid="check-sources" ?disabled=${this.starting} @click=${() => void this.#start()}>${t("goLive.start")}</button>
        <span role="status" data-testid="check-status">${this.#statusText(check)}</span>
      </div>
      ${check?.status === "running" ? this.#renderProgress(check) : nothing}
      ${this.#latest.render({ error: (error) => renderFailure(error, this.userRole, () => void this.#latest.run()) })}
      ${check ? this.#renderCheck(check) : nothing}
    </section>`;
  }

  #statusText(check: GoLiveCheck | null): string {
    if (this.starting) return t("goLive.starting");
    if (this.startError) return t("goLive.startFailed", { message: this.startError });
    if (check?.status === "running") {
      const progress = t("goLive.progress", { done: check.progress.done, total: check.progress.total });
      return check.progress.pipeline ? `${progress}; ${t("goLive.now", { pipeline: check.progress.pipeline })}` : progress;
    }
    return "";
  }

  #renderProgress(check: GoLiveCheck) {
    return html`<p>
      <progress
        data-testid="check-progress"
        aria-label=${t("goLive.progressLabel")}
        max=${Math.max(1, check.progress.total)}
        value=${check.progress.done}
      ></progress>
    </p>`;
  }

  #renderCheck(check: GoLiveCheck) {
    const language = lang();
    const count = (outcome: PipelineCheck["outcome"]) => check.results.filter((r) => r.outcome === outcome).length;
    return html`<p class="muted small" data-testid="check-when">
        ${t("goLive.startedAt", { id: check.id, time: formatDateTime(check.startedAt, language) })}${
          check.finishedAt ? `, ${t("goLive.finishedAt", { time: formatDateTime(check.finishedAt, language) })}` : ""
        }
      </p>
      ${check.error ? html`<p class="alert" role="alert" data-testid="check-failed">${t("goLive.failed", { message: pick(check.error) })}</p>` : nothing}
      ${
        check.status === "done"
          ? html`<p data-testid="check-summary">
              ${t("goLive.summary", {
                total: check.results.length,
                passed: count("passed"),
                warned: count("warned"),
                failed: count("failed"),
                skipped: count("skipped"),
              })}
            </p>`
          : nothing
      }
      <div class="results">${check.results.map((result) => this.#renderResult(result))}</div>`;
  }

  #renderResult(result: PipelineCheck) {
    const title = pick(result.title);
    return html`<section class="result" data-testid="check-result" data-pipeline=${result.pipeline} data-outcome=${result.outcome}>
      <h3>
        <span>${title}</span>
        <code>${result.pipeline}</code>
        <span class="tag" data-outcome=${result.outcome} data-testid="check-outcome"
          ><span class="shape" aria-hidden="true">${outcomeShapes[result.outcome]}</span>${t(`goLive.outcome.${result.outcome}`)}</span
        >
      </h3>
      <div class="table-wrap">
        <table>
          <caption class="sr-only">
            ${t("goLive.caption", { title })}
          </caption>
          <tbody>
            ${result.skipped ? this.#row(t("goLive.skipped"), pick(result.skipped), "check-skipped") : this.#renderFindings(result)}
          </tbody>
        </table>
      </div>
    </section>`;
  }

  #renderFindings(result: PipelineCheck) {
    const language = lang();
    const requests = result.requests ? ` (${t("goLive.requests", { count: formatCount(result.requests, language) })})` : "";
    const where = result.reached ? result.location : (result.failedUrl ?? result.location);
    const read = result.reached
      ? where
        ? t("goLive.read", { location: where })
        : ""
      : where
        ? t("goLive.notReadAt", { location: where })
        : t("goLive.notRead");
    const rows = t("goLive.rowCounts", {
      read: formatCount(result.rowsRead, language),
      valid: formatCount(result.rowsLoaded, language),
      rejected: formatCount(result.rowsRejected, language),
    });
    const duplicates = result.rowsDuplicate ? `; ${t("goLive.duplicates", { count: formatCount(result.rowsDuplicate, language) })}` : "";
    return html`${this.#row(
      t("goLive.source"),
      html`${result.source}${read ? html`<br /><span class="muted">${read}${requests}</span>` : nothing}`,
      "check-source",
    )}
    ${result.error ? this.#row(t("goLive.error"), html`<pre>${pick(result.error)}</pre>`, "check-error") : nothing}
    ${
      result.settings.length
        ? this.#row(
            t("goLive.change"),
            html`${result.settings.map((name, i) => html`${i > 0 ? ", " : ""}<code>${name}</code>`)} <span class="muted">(${t("goLive.changeHint")})</span>`,
            "check-settings",
          )
        : nothing
    }
    ${this.#row(t("goLive.rows"), `${rows}${duplicates}`, "check-rows")}
    ${result.rejects.length ? this.#row(t("goLive.rejects"), this.#renderRejects(result), "check-rejects") : nothing}
    ${this.#row(t("goLive.checks"), this.#renderChecks(result), "check-checks")}
    ${this.#row(
      t("goLive.period"),
      result.period ? t("goLive.periodRange", { from: result.period.from, to: result.period.to, column: result.period.column }) : "–",
      "check-period",
    )}`;
  }

  #row(label: string, value: unknown, testId: string) {
    return html`<tr data-testid=${testId}>
      <th scope="row">${label}</th>
      <td>${value}</td>
    </tr>`;
  }

  #renderRejects(result: PipelineCheck) {
    const language = lang();
    return html`<ul>
      ${result.rejects.map(
        (reject) =>
          html`<li data-testid="check-reject">
            ${reject.column ? html`<code>${reject.column}</code>: ` : nothing}${pick(reject.reason)} —
            ${t("goLive.rejectRows", { count: formatCount(reject.rows, language) })}${
              reject.examples.length
                ? html`; ${t("goLive.examples")} ${reject.examples.map((example, i) => html`${i > 0 ? ", " : ""}<code>${example}</code>`)}`
                : nothing
            }
          </li>`,
      )}
    </ul>`;
  }

  #renderChecks(result: PipelineCheck) {
    if (result.checks.length === 0) return t("goLive.noChecks");
    return html`<ul>
      ${result.checks.map(
        (check) =>
          html`<li data-testid="check-check" data-passed=${String(check.passed)} data-level=${check.level}>
            <span aria-hidden="true">${check.passed ? "✓" : "✕"}</span>
            ${t(check.passed ? "check.passed" : "check.failed")}: <code>${check.name}</code> — ${pick(check.message)}
          </li>`,
      )}
    </ul>`;
  }

  async #start() {
    this.starting = true;
    this.startError = null;
    try {
      await api.send("POST /api/v1/pipelines/checks");
    } catch (error) {
      this.startError = describeError(error);
    } finally {
      this.starting = false;
    }
    // Started, or joined the one running: follow it until it is done.
    if (this.isConnected) void this.#latest.run();
  }
}

customElements.define("mm-go-live-check", GoLiveCheckView);

declare global {
  interface HTMLElementTagNameMap {
    "mm-go-live-check": GoLiveCheckView;
  }
}
