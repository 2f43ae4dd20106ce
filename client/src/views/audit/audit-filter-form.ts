/**
 * `<mm-audit-filter-form>`: the audit log's filter — user, actions, subject, period and a search.
 * Fires `mm-audit-filter` with the new filter (first page) on submit; the page puts it in the URL.
 */
import { LitElement, css, html } from "lit";
import { auditActions, isDay, type AuditAction, type AuditState } from "../../audit-state.ts";
import { LangController, t } from "../../i18n.ts";
import { baseStyles } from "../../styles.ts";
import { actionWords } from "./action-words.ts";

export type AuditFilterEvent = CustomEvent<AuditState>;

export class AuditFilterForm extends LitElement {
  static override properties = { state: { attribute: false }, problem: { state: true } };
  declare state: AuditState;
  declare problem: string | null;

  static override styles = [
    baseStyles,
    css`
      form {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 12rem), 1fr));
        gap: 0.75rem 1rem;
        align-items: start;
      }
      label {
        display: flex;
        flex-direction: column;
        gap: 0.2rem;
        font-weight: 600;
      }
      .wide {
        grid-column: 1 / -1;
      }
      input,
      select {
        font: inherit;
        padding: 0.35rem 0.5rem;
        border: 1px solid var(--mm-muted);
        border-radius: 4px;
        background: #fff;
        font-weight: 400;
        min-width: 0;
      }
      .hint {
        font-weight: 400;
        font-size: 0.9rem;
      }
      .actions {
        grid-column: 1 / -1;
        display: flex;
        flex-wrap: wrap;
        gap: 0.75rem;
        align-items: center;
      }
      button.secondary {
        background: #fff;
        color: var(--mm-accent);
      }
      .problem {
        grid-column: 1 / -1;
        margin: 0;
        color: #a11919;
        font-weight: 600;
      }
    `,
  ];

  constructor() {
    super();
    new LangController(this);
    this.state = {};
    this.problem = null;
  }

  protected override render() {
    const state = this.state;
    const chosen = new Set<AuditAction>(state.actions ?? []);
    return html`<form role="search" aria-label=${t("audit.filterLabel")} @submit=${this.#submit} novalidate data-testid="audit-filter">
      <label
        >${t("audit.filterUser")}
        <input name="user" autocomplete="off" maxlength="100" .value=${state.user ?? ""} aria-describedby="user-hint" data-testid="audit-filter-user" />
        <span id="user-hint" class="hint muted">${t("audit.filterUserHint")}</span>
      </label>
      <label
        >${t("audit.filterActions")}
        <select name="action" multiple size="5" aria-describedby="action-hint" data-testid="audit-filter-action">
          ${auditActions.map((action) => html`<option value=${action} ?selected=${chosen.has(action)}>${actionWords(action)}</option>`)}
        </select>
        <span id="action-hint" class="hint muted">${t("audit.filterActionsHint")}</span>
      </label>
      <label
        >${t("audit.filterSubject")}
        <input name="subject" autocomplete="off" maxlength="200" .value=${state.subject ?? ""} data-testid="audit-filter-subject" />
      </label>
      <label
        >${t("audit.filterFrom")}
        <input name="from" type="date" .value=${state.from ?? ""} data-testid="audit-filter-from" />
      </label>
      <label
        >${t("audit.filterTo")}
        <input name="to" type="date" .value=${state.to ?? ""} data-testid="audit-filter-to" />
      </label>
      <label class="wide"
        >${t("audit.filterSearch")}
        <input name="q" type="search" autocomplete="off" maxlength="200" .value=${state.q ?? ""} data-testid="audit-filter-q" />
      </label>
      ${this.problem ? html`<p class="problem" role="alert" data-testid="audit-filter-problem">${this.problem}</p>` : null}
      <div class="actions">
        <button type="submit" data-testid="audit-filter-apply">${t("audit.filterApply")}</button>
        <button type="button" class="secondary" @click=${this.#clear} data-testid="audit-filter-clear">${t("audit.filterClear")}</button>
      </div>
    </form>`;
  }

  #submit(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? "").trim() || undefined;
    const day = (name: string) => {
      const value = text(name);
      return value && isDay(value) ? value : undefined;
    };
    const actions = data.getAll("action").map(String) as AuditAction[];
    const filter: AuditState = {
      user: text("user"),
      actions: actions.length > 0 ? actions : undefined,
      subject: text("subject"),
      from: day("from"),
      to: day("to"),
      q: text("q"),
    };
    if (filter.from && filter.to && filter.from > filter.to) {
      this.problem = t("audit.filterPeriodWrong");
      return;
    }
    this.problem = null;
    this.#send(filter);
  }

  #clear() {
    this.problem = null;
    this.#send({});
  }

  #send(filter: AuditState) {
    this.dispatchEvent(new CustomEvent<AuditState>("mm-audit-filter", { detail: filter, bubbles: true, composed: true }));
  }
}

customElements.define("mm-audit-filter-form", AuditFilterForm);

declare global {
  interface HTMLElementTagNameMap {
    "mm-audit-filter-form": AuditFilterForm;
  }
}
