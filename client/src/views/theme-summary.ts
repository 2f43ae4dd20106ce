/**
 * `<mm-theme-summary>`: the policy view — every theme with its indicators' status against target,
 * then each indicator's trend.
 */
import { Task } from "@lit/task";
import { LitElement, css, html } from "lit";
import type { Role, Theme, ThemeList } from "../../../server/api/contract.ts";
import { fetchJson } from "../api.ts";
import { LangController, pick, t } from "../i18n.ts";
import { baseStyles } from "../styles.ts";
import { renderFailure, renderLoading } from "./failure-message.ts";
import "./indicator-card.ts";
import "./indicator-trend.ts";

export class ThemeSummary extends LitElement {
  static override properties = { role: {} };
  declare role: Role;

  static override styles = [
    baseStyles,
    css`
      section.theme {
        margin-block: 1.5rem 2.5rem;
      }
      .cards,
      .trends {
        display: grid;
        gap: 1rem;
        grid-template-columns: repeat(auto-fill, minmax(min(100%, 18rem), 1fr));
      }
      .trends {
        grid-template-columns: repeat(auto-fill, minmax(min(100%, 26rem), 1fr));
        margin-top: 1rem;
      }
      h3.trends-title {
        margin-top: 1.25rem;
      }
      details.rule {
        max-width: 60rem;
      }
    `,
  ];

  #themes = new Task(this, {
    args: () => [] as const,
    task: (_args, { signal }) => fetchJson<ThemeList>("/api/v1/themes", { signal }),
  });

  constructor() {
    super();
    new LangController(this);
    this.role = "policy";
  }

  protected override render() {
    return html`<h1>${t("themes.title")}</h1>
      ${this.#themes.render({
        pending: renderLoading,
        error: (error) => renderFailure(error, this.role, () => void this.#themes.run()),
        complete: (list) => this.#renderThemes(list.themes),
      })}`;
  }

  #renderThemes(themes: readonly Theme[]) {
    const filled = themes.filter((theme) => theme.indicators.length > 0);
    if (filled.length === 0) return html`<p class="panel" data-testid="empty">${t("themes.empty")}</p>`;
    // The rule is the same text for every indicator, so it is shown once for the page.
    const rule = filled[0]?.indicators[0]?.status.rule;
    return html`${rule
        ? html`<details class="rule panel" data-testid="status-rule">
            <summary>${t("status.ruleTitle")}</summary>
            <p>${pick(rule)}</p>
          </details>`
        : null}
      ${filled.map(
        (theme) => html`<section class="theme" aria-labelledby="theme-${theme.id}" data-theme=${theme.id}>
          <h2 id="theme-${theme.id}">${pick(theme.name)}</h2>
          <div class="cards">
            ${theme.indicators.map(
              (indicator) => html`<mm-indicator-card .indicator=${indicator} linked></mm-indicator-card>`,
            )}
          </div>
          <h3 class="trends-title">${t("themes.trends")}</h3>
          <div class="trends">
            ${theme.indicators.map(
              (indicator) => html`<mm-indicator-trend .indicator=${indicator} .role=${this.role}></mm-indicator-trend>`,
            )}
          </div>
        </section>`,
      )}`;
  }
}

customElements.define("mm-theme-summary", ThemeSummary);

declare global {
  interface HTMLElementTagNameMap {
    "mm-theme-summary": ThemeSummary;
  }
}
