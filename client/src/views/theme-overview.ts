/**
 * `<mm-theme-overview>`: the policy officer's landing page — one line saying how many indicators are
 * on track, then every theme as a compact table: value, target, recent trend, status in symbol and
 * word, and how current the data is. Each theme links to its printable theme page.
 */
import { Task } from "@lit/task";
import { LitElement, css, html } from "lit";
import type { IndicatorSummary, Role, Theme } from "../../../src/ground/contract/contract.ts";
import { api } from "../api-client.ts";
import { sparkline } from "../charts/sparkline.ts";
import { formatNumber } from "../format.ts";
import { LangController, lang, pick, t } from "../i18n.ts";
import { hrefFor } from "../routes.ts";
import { baseStyles } from "../styles.ts";
import { renderFailure, renderLoading } from "./failure-message.ts";
import { renderFreshness } from "./freshness-label.ts";
import { statusHeadline } from "./status-headline.ts";
import { renderStatusRule } from "./status-rule.ts";
import { renderTableWrap } from "./table-wrap.ts";
import "./status-badge.ts";

export class ThemeOverview extends LitElement {
  static override properties = { userRole: {} };
  declare userRole: Role;

  static override styles = [
    baseStyles,
    css`
      .headline {
        font-size: 1.15rem;
        font-weight: 600;
        margin: 0 0 0.75rem;
      }
      section.theme {
        margin-block: 1.5rem;
      }
      section.theme h2 a {
        text-decoration-thickness: 1px;
      }
      /* Fixed columns, so the six themes' tables line up under each other. */
      table {
        table-layout: fixed;
        min-width: 48rem;
      }
      td,
      th {
        vertical-align: middle;
      }
      col.indicator {
        width: 23%;
      }
      col.latest,
      col.target {
        width: 14%;
      }
      col.trend {
        width: 9rem;
      }
      col.status {
        width: 11rem;
      }
      .value strong {
        font-size: 1.1rem;
      }
      .sparkline {
        color: var(--mm-ink);
        display: block;
      }
      .data {
        font-size: 0.85rem;
        max-width: 22rem;
      }
      .rule {
        max-width: 60rem;
      }
    `,
  ];

  #themes = new Task(this, {
    args: () => [] as const,
    task: (_args, { signal }) => api.get("GET /api/v1/themes", { signal }),
  });

  constructor() {
    super();
    new LangController(this);
    this.userRole = "policy";
  }

  protected override render() {
    return html`<h1>${t("themes.title")}</h1>
      ${this.#themes.render({
        pending: renderLoading,
        error: (error) => renderFailure(error, this.userRole, () => void this.#themes.run()),
        complete: (list) => this.#renderThemes(list.themes),
      })}`;
  }

  #renderThemes(themes: readonly Theme[]) {
    const filled = themes.filter((theme) => theme.indicators.length > 0);
    if (filled.length === 0) return html`<p class="panel" data-testid="empty">${t("themes.empty")}</p>`;
    const indicators = filled.flatMap((theme) => theme.indicators);
    // The rule is the same text for every indicator, so it is shown once for the page.
    const rule = indicators[0]?.status.rule;
    return html`<p class="headline" data-testid="overview-headline">${statusHeadline(indicators)}</p>
      ${rule ? renderStatusRule(rule) : null} ${filled.map((theme) => this.#renderTheme(theme))}`;
  }

  #renderTheme(theme: Theme) {
    const name = pick(theme.name);
    return html`<section class="theme" aria-labelledby="theme-${theme.id}" data-testid="overview-theme" data-theme=${theme.id}>
      <h2 id="theme-${theme.id}"><a href=${hrefFor({ name: "theme", id: theme.id })} data-testid="theme-link">${name}</a></h2>
      ${renderTableWrap(
        t("overview.themeCaption", { theme: name }),
        html`<table data-testid="overview-table">
          <caption class="sr-only">
            ${t("overview.themeCaption", { theme: name })}
          </caption>
          <colgroup>
            <col class="indicator" />
            <col class="latest" />
            <col class="target" />
            <col class="trend" />
            <col class="status" />
            <col />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">${t("overview.indicator")}</th>
              <th scope="col" class="num">${t("overview.latest")}</th>
              <th scope="col">${t("overview.target")}</th>
              <th scope="col">${t("overview.trend")}</th>
              <th scope="col">${t("overview.status")}</th>
              <th scope="col">${t("overview.data")}</th>
            </tr>
          </thead>
          <tbody>
            ${theme.indicators.map((indicator) => this.#renderRow(indicator))}
          </tbody>
        </table>`,
        "panel",
      )}
    </section>`;
  }

  #renderRow(indicator: IndicatorSummary) {
    const language = lang();
    const format = (value: number) => formatNumber(value, language);
    const { latest, target, unit, recent, provenance } = indicator;
    return html`<tr data-testid="overview-row" data-indicator=${indicator.id}>
      <th scope="row">
        <a href=${hrefFor({ name: "indicator", id: indicator.id })} data-testid="indicator-link">${pick(indicator.name)}</a>
      </th>
      <td class="num value" data-testid="latest">
        ${
          latest
            ? html`<strong>${format(latest.value)}</strong> ${unit} <span class="muted">(${latest.period})</span>`
            : html`<span class="muted">${t("indicator.noValue")}</span>`
        }
      </td>
      <td data-testid="target">
        ${
          target
            ? t("overview.targetValue", { value: format(target.value), unit, year: target.deadline })
            : html`<span class="muted">${t("indicator.noTarget")}</span>`
        }
      </td>
      <td>
        ${sparkline(
          recent.map((point) => point.value),
          { label: this.#sparklineLabel(indicator) },
        )}
      </td>
      <td><mm-status-badge .code=${indicator.status.code}></mm-status-badge></td>
      <td class="data">${provenance.period ? html`<span>${provenance.period}</span> · ` : null}${renderFreshness(provenance.freshness)}</td>
    </tr>`;
  }

  #sparklineLabel({ recent, unit }: IndicatorSummary): string {
    const known = recent.filter((point) => point.value !== null);
    const first = known[0];
    const last = known[known.length - 1];
    if (!first || !last || first.value === null || last.value === null) return t("overview.sparklineNone");
    const format = (value: number) => formatNumber(value, lang());
    return t("overview.sparkline", {
      from: first.period,
      to: last.period,
      first: format(first.value),
      last: format(last.value),
      unit,
    });
  }
}

customElements.define("mm-theme-overview", ThemeOverview);

declare global {
  interface HTMLElementTagNameMap {
    "mm-theme-overview": ThemeOverview;
  }
}
