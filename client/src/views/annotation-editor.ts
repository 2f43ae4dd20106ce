/**
 * `<mm-annotation-editor subject=… subject-id=…>`: for analyst and admin (the server says so with
 * `mayWrite`), the notes on an indicator, station or pipeline with a delete button each, and the
 * "Notitie toevoegen" form. Renders nothing for other roles: they read the notes on the charts.
 */
import { Task } from "@lit/task";
import { LitElement, css, html } from "lit";
import type { AnnotationSubject } from "../../../src/ground/contract/contract-annotations.ts";
import { api } from "../api-client.ts";
import { describeError } from "../error-text.ts";
import { LangController, t } from "../i18n.ts";
import { baseStyles } from "../styles.ts";
import { annotationsChangedEvent, noteDates, noteText } from "./annotation-list.ts";

export class AnnotationEditor extends LitElement {
  static override properties = {
    subject: {},
    subjectId: { attribute: "subject-id" },
    message: { state: true },
    error: { state: true },
    busy: { state: true },
  };
  declare subject: AnnotationSubject;
  declare subjectId: string;
  declare message: string | null;
  declare error: string | null;
  declare busy: boolean;

  static override styles = [
    baseStyles,
    css`
      form {
        display: grid;
        gap: 0.5rem;
        max-width: 32rem;
      }
      .dates {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1rem;
      }
      label {
        display: grid;
        gap: 0.2rem;
      }
      ol {
        padding-left: 1.6rem;
      }
      li button {
        margin-left: 0.5rem;
        font-size: 0.85rem;
      }
      h3 {
        font-size: 1rem;
        margin: 0.5rem 0;
      }
    `,
  ];

  #list = new Task(this, {
    args: () => [this.subject, this.subjectId] as const,
    task: ([subject, id], { signal }) => (id ? api.get("GET /api/v1/annotations", { query: { [subject]: id }, signal }) : null),
  });

  constructor() {
    super();
    new LangController(this);
    this.subject = "indicator";
    this.subjectId = "";
    this.message = null;
    this.error = null;
    this.busy = false;
  }

  protected override render() {
    // The last list stays while it loads again after a change, so the form keeps its place and focus.
    const list = this.#list.value;
    if (!list?.mayWrite) return null;
    return html`<section class="panel" data-testid="annotation-editor" aria-labelledby="notes-title">
      <h2 id="notes-title">${t("notes.title")}</h2>
      ${
        list.annotations.length > 0
          ? html`<ol>
              ${list.annotations.map(
                (note, i) =>
                  html`<li data-testid="annotation-row">
                    ${t("notes.item", { dates: noteDates(note), text: noteText(note) })}
                    <span class="muted">${note.author ? t("notes.author", { author: note.author }) : null}</span>
                    <button type="button" data-testid="annotation-delete" ?disabled=${this.busy} @click=${() => void this.#delete(note.id)}>
                      ${t("notes.delete", { number: i + 1 })}
                    </button>
                  </li>`,
              )}
            </ol>`
          : null
      }
      <h3>${t("notes.add")}</h3>
      <form data-testid="annotation-form" @submit=${this.#add}>
        <div class="dates">
          <label>${t("notes.from")} <input type="date" name="from" required /></label>
          <label>${t("notes.to")} <input type="date" name="to" /></label>
        </div>
        <label>${t("notes.textNl")} <textarea name="text" rows="2" maxlength="500" required></textarea></label>
        <label lang="en">${t("notes.textEn")} <textarea name="textEn" rows="2" maxlength="500"></textarea></label>
        <p><button type="submit" ?disabled=${this.busy}>${t("notes.save")}</button></p>
      </form>
      ${this.error ? html`<p class="alert" role="alert" data-testid="annotation-error">${this.error}</p>` : null}
      <p role="status" data-testid="annotation-status">${this.message ?? ""}</p>
    </section>`;
  }

  async #change(action: () => Promise<unknown>, done: string) {
    this.busy = true;
    this.error = null;
    this.message = null;
    try {
      await action();
      this.message = done;
      window.dispatchEvent(new CustomEvent(annotationsChangedEvent, { detail: { subject: this.subject, subjectId: this.subjectId } }));
      await this.#list.run();
      return true;
    } catch (error) {
      this.error = t("notes.failed", { message: describeError(error) });
      return false;
    } finally {
      this.busy = false;
    }
  }

  #add = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim();
    const body = {
      subject: this.subject,
      subjectId: this.subjectId,
      from: value("from"),
      text: value("text"),
      ...(value("to") ? { to: value("to") } : {}),
      ...(value("textEn") ? { textEn: value("textEn") } : {}),
    };
    if (await this.#change(() => api.send("POST /api/v1/annotations", { body }), t("notes.saved"))) form.reset();
  };

  #delete = (id: number) => this.#change(() => api.send("DELETE /api/v1/annotations/:id", { path: { id } }), t("notes.deleted"));
}

customElements.define("mm-annotation-editor", AnnotationEditor);

declare global {
  interface HTMLElementTagNameMap {
    "mm-annotation-editor": AnnotationEditor;
  }
}
