/**
 * `<mm-indicator-view indicator-id=…>`: one indicator in depth — status card and rule, the series with
 * target path and forecast, its parts over time and why it moved, and the map and ranking per area. The chosen area, map level and period
 * come from the URL and go back into it, so the page can be shared as a link.
 */
import { Task } from "@lit/task";
import { LitElement, css, html } from "lit";
import type { AreaLevel, IndicatorSummary, Role } from "../../../src/ground/contract/contract.ts";
import { api } from "../api-client.ts";
import { formatDateTime, formatQuantity } from "../format.ts";
import { LangController, lang, pick, t } from "../i18n.ts";
import { earlyOr } from "../route-data.ts";
import { hrefFor, replaceRoute, type IndicatorViewState } from "../routes.ts";
import { baseStyles } from "../styles.ts";
import { renderFailure, renderLoading } from "./failure-message.ts";
import { mapLevels, type ViewStateEvent } from "./indicator-areas.ts";
import "./indicator-areas.ts";
import "./indicator-card.ts";
import "./indicator-chart.ts";
import "./indicator-parts.ts";
import { renderStatusRule } from "./status-rule.ts";

export class IndicatorView extends LitElement {
  static override properties = {
    indicatorId: { attribute: "indicator-id" },
    area: {},
    level: {},
    period: {},
    userRole: {},
  };
  declare indicatorId: string;
  declare area: string | null;
  declare level: AreaLevel | null;
  declare period: string | null;
  declare userRole: Role;

  static override styles = [
    baseStyles,
    css`
      .links {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1.5rem;
      }
      .layout {
        display: grid;
        gap: 1rem;
        grid-template-columns: minmax(0, 1fr);
        align-items: start;
        margin-bottom: 1rem;
      }
      @media (min-width: 60rem) {
        .layout {
          grid-template-columns: 22rem minmax(0, 1fr);
        }
      }
      .description {
        max-width: 60rem;
      }
      .side {
        display: grid;
        gap: 1rem;
      }
      ul.norms {
        margin: 0.25rem 0 0;
        padding-left: 1.2rem;
      }
      @media print {
        .layout {
          grid-template-columns: minmax(0, 1fr);
        }
      }
    `,
  ];

  #indicator = new Task(this, {
    args: () => [this.indicatorId] as const,
    task: ([id], { signal }) =>
      earlyOr(api.url("GET /api/v1/indicators/:id", { path: { id } }), () => api.get("GET /api/v1/indicators/:id", { path: { id }, signal })),
  });

  constructor() {
    super();
    new LangController(this);
    this.indicatorId = "";
    this.area = null;
    this.level = null;
    this.period = null;
    this.userRole = "policy";
    this.addEventListener("mm-view-state", this.#onViewState);
  }

  /** A child changed area, level or period: the URL (and so this view's properties) follows. */
  #onViewState = (event: ViewStateEvent) => {
    event.stopPropagation();
    const current: IndicatorViewState = {
      area: this.area ?? undefined,
      level: this.level ?? undefined,
      period: this.period ?? undefined,
    };
    replaceRoute(this, { name: "indicator", id: this.indicatorId, ...current, ...event.detail });
  };

  protected override render() {
    return html`${this.#indicator.render({
      pending: renderLoading,
      error: (error) =>
        html`<p class="no-print"><a href=${hrefFor({ name: "themes" })}>← ${t("indicator.back")}</a></p>
          ${renderFailure(error, this.userRole, () => void this.#indicator.run())}`,
      complete: (indicator) => this.#renderIndicator(indicator),
    })}`;
  }

  /** The level in the URL when the indicator has it, else the coarsest level it has. */
  #mapLevel(indicator: IndicatorSummary): AreaLevel {
    const levels = mapLevels(indicator.lowestLevel);
    return this.level && levels.includes(this.level) ? this.level : (levels[0] ?? "gemeente");
  }

  #renderIndicator(indicator: IndicatorSummary) {
    const language = lang();
    return html`<p class="links no-print">
        <a href=${hrefFor({ name: "themes" })}>← ${t("indicator.back")}</a>
        <a href=${hrefFor({ name: "theme", id: indicator.themeId })} data-testid="theme-page-link">${t("indicator.themeLink")}</a>
      </p>
      <h1>${pick(indicator.name)}</h1>
      <p class="description">${pick(indicator.description)}</p>
      <p class="print-only muted">${t("print.generated", { date: formatDateTime(new Date(), language) })}</p>
      <div class="layout">
        <div class="side">
          <mm-indicator-card .indicator=${indicator} heading-level="2"></mm-indicator-card>
          ${
            indicator.norms.length > 0
              ? html`<div class="panel">
                  <h2>${t("indicator.norms")}</h2>
                  <ul class="norms">
                    ${indicator.norms.map((norm) => html`<li>${pick(norm.label)}: ${formatQuantity(norm.value, indicator.unit, language)}</li>`)}
                  </ul>
                </div>`
              : null
          }
          ${renderStatusRule(indicator.status.rule)}
        </div>
        <mm-indicator-chart .indicator=${indicator} .area=${this.area} .userRole=${this.userRole}></mm-indicator-chart>
      </div>
      <mm-indicator-parts .indicator=${indicator} .userRole=${this.userRole}></mm-indicator-parts>
      <mm-indicator-areas
        .indicator=${indicator}
        .level=${this.#mapLevel(indicator)}
        .period=${this.period}
        .area=${this.area}
        .userRole=${this.userRole}
      ></mm-indicator-areas>`;
  }
}

customElements.define("mm-indicator-view", IndicatorView);

declare global {
  interface HTMLElementTagNameMap {
    "mm-indicator-view": IndicatorView;
  }
}
