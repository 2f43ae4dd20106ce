/**
 * `<mm-theme-page theme-id=…>`: one theme as a report — its status headline and rule, then per
 * indicator the status card beside the trend with target path and forecast. This is the page a
 * policy officer prints.
 */
import { Task } from "@lit/task";
import { LitElement, css, html } from "lit";
import type { Role, Theme } from "../../../src/ground/contract/contract.ts";
import { api } from "../api-client.ts";
import { formatDateTime } from "../format.ts";
import { LangController, lang, pick, t } from "../i18n.ts";
import { hrefFor } from "../routes.ts";
import { baseStyles } from "../styles.ts";
import { renderFailure, renderLoading } from "./failure-message.ts";
import "./air-compliance.ts";
import "./indicator-card.ts";
import "./indicator-trend.ts";
import { statusHeadline } from "./status-headline.ts";
import { renderStatusRule } from "./status-rule.ts";

export class ThemePage extends LitElement {
  static override properties = {
    themeId: { attribute: "theme-id" },
    userRole: {},
  };
  declare themeId: string;
  declare userRole: Role;

  static override styles = [
    baseStyles,
    css`
      .top {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        align-items: center;
        gap: 0.5rem;
      }
      .headline {
        font-size: 1.1rem;
        font-weight: 600;
      }
      .rule {
        max-width: 60rem;
        margin-bottom: 1rem;
      }
      .indicator {
        display: grid;
        gap: 1rem;
        grid-template-columns: minmax(0, 1fr);
        margin-block: 1rem 1.5rem;
      }
      @media (min-width: 60rem) {
        .indicator {
          grid-template-columns: 22rem minmax(0, 1fr);
        }
      }
      /* Stacked on paper: a chart drawn for the screen stays legible when it keeps the full width. */
      @media print {
        .indicator {
          grid-template-columns: minmax(0, 1fr);
          gap: 0.5rem;
          break-inside: avoid;
          margin-block: 0 1rem;
        }
      }
    `,
  ];

  #theme = new Task(this, {
    args: () => [this.themeId] as const,
    task: ([id], { signal }) => api.get("GET /api/v1/themes/:themeId", { path: { themeId: id }, signal }),
  });

  constructor() {
    super();
    new LangController(this);
    this.themeId = "";
    this.userRole = "policy";
  }

  protected override render() {
    return html`<div class="top no-print">
        <a href=${hrefFor({ name: "themes" })}>← ${t("overview.themeBack")}</a>
        <button type="button" data-testid="print" @click=${() => window.print()}>${t("print.button")}</button>
      </div>
      ${this.#theme.render({
        pending: renderLoading,
        error: (error) => renderFailure(error, this.userRole, () => void this.#theme.run()),
        complete: (theme) => this.#renderTheme(theme),
      })}`;
  }

  #renderTheme(theme: Theme) {
    const name = pick(theme.name);
    const rule = theme.indicators[0]?.status.rule;
    return html`<h1 data-testid="theme-title">${name}</h1>
      <p class="muted">${t("overview.themeIntro")}</p>
      <p class="print-only muted">${t("print.generated", { date: formatDateTime(new Date(), lang()) })}</p>
      ${
        theme.indicators.length === 0
          ? html`<p class="panel" data-testid="empty">${t("themes.empty")}</p>`
          : html`<p class="headline" data-testid="overview-headline">${statusHeadline(theme.indicators)}</p>
              ${rule ? renderStatusRule(rule) : null}
              <h2>${t("overview.themeCaption", { theme: name })}</h2>
              ${theme.indicators.map(
                (indicator) =>
                  html`<div class="indicator" data-testid="theme-indicator" data-indicator=${indicator.id}>
                    <mm-indicator-card .indicator=${indicator} linked></mm-indicator-card>
                    <mm-indicator-trend .indicator=${indicator} .userRole=${this.userRole}></mm-indicator-trend>
                  </div>`,
              )}`
      }
      ${
        // Per station against the limit values: the street a city mean on track can hide.
        theme.id === "air-quality" ? html`<mm-air-compliance .userRole=${this.userRole}></mm-air-compliance>` : null
      }`;
  }
}

customElements.define("mm-theme-page", ThemePage);

declare global {
  interface HTMLElementTagNameMap {
    "mm-theme-page": ThemePage;
  }
}
