/**
 * `<mm-questions-view>` (#/questions): for analyst and admin every question about a number, with the
 * number's provenance as the asker saw it and a form to answer; for every other role their own
 * questions with the answers ("Mijn vragen").
 */
import { Task } from "@lit/task";
import { LitElement, css, html } from "lit";
import type { Role } from "../../../src/ground/contract/contract.ts";
import type { Question, QuestionProvenance } from "../../../src/ground/contract/contract-questions.ts";
import { api } from "../api-client.ts";
import { describeError } from "../error-text.ts";
import { formatDateTime, formatQuantity } from "../format.ts";
import { LangController, lang, t } from "../i18n.ts";
import { hrefFor } from "../routes.ts";
import { baseStyles, detailStyles } from "../styles.ts";
import { renderFailure, renderLoading } from "./failure-message.ts";

type Filter = "all" | "open" | "answered";

/** The roles that work on the questions; the API decides, this only picks the page. */
const answers = (role: Role) => role === "analyst" || role === "admin";

export class QuestionsView extends LitElement {
  static override properties = {
    userRole: {},
    filter: { state: true },
    errors: { state: true },
    answeredId: { state: true },
  };
  declare userRole: Role;
  declare filter: Filter;
  declare errors: Record<number, string>;
  declare answeredId: number | null;

  static override styles = [
    baseStyles,
    detailStyles,
    css`
      article {
        border-top: 1px solid var(--mm-line);
        padding: 0.75rem 0;
      }
      .question-text {
        white-space: pre-wrap;
        font-size: 1.05rem;
      }
      .answer {
        border-left: 4px solid var(--mm-accent);
        padding: 0.25rem 0.75rem;
        white-space: pre-wrap;
      }
      form {
        display: grid;
        gap: 0.4rem;
        max-width: 40rem;
      }
      label {
        display: grid;
        gap: 0.2rem;
      }
      h2 {
        font-size: 1.05rem;
        margin: 0 0 0.25rem;
      }
      h3 {
        font-size: 0.95rem;
        margin: 0.5rem 0 0.25rem;
      }
    `,
  ];

  #questions = new Task(this, {
    args: () => [this.userRole, this.filter] as const,
    task: async ([role, filter], { signal }) =>
      answers(role)
        ? api.get("GET /api/v1/questions", { query: filter === "all" ? {} : { status: filter }, signal })
        : api.get("GET /api/v1/questions/mine", { signal }),
  });

  constructor() {
    super();
    new LangController(this);
    this.userRole = "policy";
    this.filter = "all";
    this.errors = {};
    this.answeredId = null;
  }

  protected override render() {
    const all = answers(this.userRole);
    return html`<h1>${all ? t("questions.title") : t("questions.mineTitle")}</h1>
      <p>${all ? t("questions.intro") : t("questions.mineIntro")}</p>
      ${
        all
          ? html`<p>
              <label
                >${t("questions.filter")}
                <select data-testid="question-filter" @change=${(e: Event) => (this.filter = (e.target as HTMLSelectElement).value as Filter)}>
                  ${(["all", "open", "answered"] as const).map((f) => html`<option value=${f} ?selected=${this.filter === f}>${t(`questions.filter.${f}`)}</option>`)}
                </select>
              </label>
            </p>`
          : null
      }
      <p role="status" class="sr-only">${this.answeredId === null ? "" : t("questions.answered")}</p>
      ${this.#questions.render({
        pending: () => (this.#questions.value ? this.#renderList(this.#questions.value.questions) : renderLoading()),
        error: (error) => renderFailure(error, this.userRole, () => void this.#questions.run()),
        complete: ({ questions }) => this.#renderList(questions),
      })}`;
  }

  #renderList(questions: Question[]) {
    if (questions.length === 0) return html`<p data-testid="no-questions">${t("questions.none")}</p>`;
    return html`<div data-testid="question-list">${questions.map((q) => this.#renderQuestion(q))}</div>`;
  }

  #renderQuestion(q: Question) {
    const language = lang();
    return html`<article data-testid="question" data-question-id=${q.id} data-status=${q.status} aria-labelledby="q-${q.id}">
      <h2 id="q-${q.id}">${this.#subjectText(q)} · <span data-testid="question-status">${t(`questions.status.${q.status}`)}</span></h2>
      <p class="muted">${t("questions.askedBy", { username: q.askedBy, role: t(`role.${q.askedByRole}`), time: formatDateTime(q.askedAt, language) })}</p>
      <p class="question-text" data-testid="question-text">${q.text}</p>
      ${q.provenance ? this.#renderProvenance(q.provenance) : null}
      ${
        q.answer
          ? html`<h3>${t("questions.answerBy", { username: q.answeredBy ?? "", time: q.answeredAt ? formatDateTime(q.answeredAt, language) : "" })}</h3>
              <p class="answer" data-testid="question-answer">${q.answer}</p>`
          : html`<p class="muted">${t("questions.noAnswer")}</p>`
      }
      ${answers(this.userRole) ? this.#renderAnswerForm(q) : null}
    </article>`;
  }

  #subjectText(q: Question) {
    const s = q.subject;
    if (s.kind === "station") return t("questions.subject.station", { station: s.station });
    const name = q.provenance?.name ?? s.indicatorId;
    return html`<a href=${hrefFor({ name: "indicator", id: s.indicatorId, ...(s.areaCode ? { area: s.areaCode } : {}) })}
      >${t("questions.subject.indicator", { indicator: name })}</a
    >`;
  }

  #renderProvenance(p: QuestionProvenance) {
    const language = lang();
    const value = p.suppressed ? t("questions.suppressed") : p.value === null ? "–" : formatQuantity(p.value, p.unit ?? "", language);
    return html`<h3>${t("questions.provenance")}</h3>
      <dl data-testid="question-provenance">
        <dt>${t("questions.value", { role: t(`role.${p.servedTo}`) })}</dt>
        <dd data-testid="question-value">${value}</dd>
        ${
          p.period
            ? html`<dt>${t("questions.period")}</dt>
                <dd>${p.period}</dd>`
            : null
        }
        ${
          p.areaCode
            ? html`<dt>${t("questions.area")}</dt>
                <dd>${p.areaName ? `${p.areaName} (${p.areaCode})` : p.areaCode}</dd>`
            : null
        }
        <dt>${t("questions.source")}</dt>
        <dd>${p.licence ? `${p.source} (${p.licence})` : p.source}</dd>
        <dt>${t("questions.runs")}</dt>
        <dd data-testid="question-runs">${p.runs.map((r) => `${r.pipeline} ${r.runId ?? "–"}`).join(", ")}</dd>
      </dl>`;
  }

  #renderAnswerForm(q: Question) {
    const id = `answer-${q.id}`;
    return html`<form data-testid="answer-form" @submit=${(e: SubmitEvent) => void this.#answer(e, q.id)}>
      <label for=${id}>${t("questions.answerLabel", { id: q.id })}</label>
      <textarea id=${id} name="answer" rows="2" maxlength="2000" required></textarea>
      <p><button type="submit">${t("questions.sendAnswer")}</button></p>
      ${this.errors[q.id] ? html`<p class="alert" role="alert">${this.errors[q.id]}</p>` : null}
    </form>`;
  }

  async #answer(event: SubmitEvent, id: number) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const answer = (form.elements.namedItem("answer") as HTMLTextAreaElement).value.trim();
    this.errors = { ...this.errors, [id]: "" };
    try {
      await api.send("POST /api/v1/questions/:id/answer", { path: { id }, body: { answer } });
      this.answeredId = id;
      form.reset();
      await this.#questions.run();
    } catch (error) {
      this.errors = { ...this.errors, [id]: t("questions.failed", { message: describeError(error) }) };
    }
  }
}

customElements.define("mm-questions-view", QuestionsView);

declare global {
  interface HTMLElementTagNameMap {
    "mm-questions-view": QuestionsView;
  }
}
