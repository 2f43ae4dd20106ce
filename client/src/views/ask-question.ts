/**
 * `<mm-ask-question .subject=… label=…>`: the small "Vraag stellen" button beside a number, opening a
 * form to send the analysts a question about it. The server attaches the number's provenance itself;
 * the asker finds the answer under "Mijn vragen" (#/questions).
 */
import { LitElement, css, html } from "lit";
import type { QuestionSubject } from "../../../src/ground/contract/contract-questions.ts";
import { api } from "../api-client.ts";
import { describeError } from "../error-text.ts";
import { LangController, t } from "../i18n.ts";
import { hrefFor } from "../routes.ts";
import { baseStyles } from "../styles.ts";

let nextId = 0;

export class AskQuestion extends LitElement {
  static override properties = {
    subject: { attribute: false },
    label: {},
    open: { state: true },
    sent: { state: true },
    error: { state: true },
    busy: { state: true },
  };
  declare subject: QuestionSubject | null;
  /** What the number is, for the button's accessible name ("Vraag stellen over NO₂ jaargemiddelde"). */
  declare label: string;
  declare open: boolean;
  declare sent: boolean;
  declare error: string | null;
  declare busy: boolean;

  readonly #formId = `ask-question-${++nextId}`;

  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      .ask {
        font-size: 0.85rem;
        padding: 0.2rem 0.6rem;
        background: transparent;
        color: var(--mm-accent);
        border: 1px solid var(--mm-accent);
      }
      form {
        display: grid;
        gap: 0.4rem;
        margin-top: 0.5rem;
      }
      label {
        display: grid;
        gap: 0.2rem;
      }
      .buttons {
        display: flex;
        gap: 0.5rem;
      }
      @media print {
        :host {
          display: none;
        }
      }
    `,
  ];

  constructor() {
    super();
    new LangController(this);
    this.subject = null;
    this.label = "";
    this.open = false;
    this.sent = false;
    this.error = null;
    this.busy = false;
  }

  protected override render() {
    if (!this.subject) return null;
    return html`<button
        type="button"
        class="ask"
        data-testid="ask-question"
        aria-expanded=${this.open ? "true" : "false"}
        aria-controls=${this.#formId}
        aria-label=${this.label ? t("questions.askAbout", { subject: this.label }) : t("questions.ask")}
        @click=${() => {
          this.open = !this.open;
          this.sent = false;
        }}
      >
        ${t("questions.ask")}
      </button>
      <div id=${this.#formId}>
        ${
          this.open
            ? html`<form data-testid="question-form" @submit=${this.#send}>
                <label>${t("questions.text")} <textarea name="text" rows="3" maxlength="1000" required></textarea></label>
                <div class="buttons">
                  <button type="submit" ?disabled=${this.busy}>${t("questions.send")}</button>
                  <button type="button" class="secondary" @click=${() => (this.open = false)}>${t("questions.cancel")}</button>
                </div>
                ${this.error ? html`<p class="alert" role="alert" data-testid="question-error">${this.error}</p>` : null}
              </form>`
            : null
        }
        <p role="status" data-testid="question-status">
          ${this.sent ? html`${t("questions.sent")} <a href=${hrefFor({ name: "questions" })}>${t("questions.mineTitle")}</a>.` : null}
        </p>
      </div>`;
  }

  #send = async (event: SubmitEvent) => {
    event.preventDefault();
    if (!this.subject) return;
    const text = (event.target as HTMLFormElement).elements.namedItem("text") as HTMLTextAreaElement;
    this.busy = true;
    this.error = null;
    try {
      await api.send("POST /api/v1/questions", { body: { subject: this.subject, text: text.value.trim() } });
      this.open = false;
      this.sent = true;
    } catch (error) {
      this.error = t("questions.failed", { message: describeError(error) });
    } finally {
      this.busy = false;
    }
  };
}

customElements.define("mm-ask-question", AskQuestion);

declare global {
  interface HTMLElementTagNameMap {
    "mm-ask-question": AskQuestion;
  }
}
