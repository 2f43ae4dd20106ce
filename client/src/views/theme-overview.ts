/**
 * `<mm-theme-overview>`: the policy officer's landing page — one line saying how many indicators are
 * on track (each count a link that filters the page to that status), then every theme as a compact
 * table: value, target, gap to the target, recent trend, status in symbol and word, and how current
 * the data is, followed by the theme's wijken furthest off track. Each theme links to its printable
 * theme page. Filter and sort live in the URL (`#/themes?status=off-track&sort=gap`): a permalink.
 */
import { Task } from "@lit/task";
import { LitElement, html, type TemplateResult } from "lit";
import type { IndicatorSummary, Role, StatusCode, Theme } from "../../../src/ground/contract/contract.ts";
import { api } from "../api-client.ts";
import { statusSeverity } from "../area-figures.ts";
import { sparkline } from "../charts/sparkline.ts";
import { formatNumber, formatUnit, formatValue } from "../format.ts";
import { LangController, lang, pick, t } from "../i18n.ts";
import { indicatorRelativeGap, overviewSorts, selectIndicators, type OverviewSort, type OverviewState } from "../overview-state.ts";
import { earlyOr } from "../route-data.ts";
import { hrefFor, replaceRoute } from "../routes.ts";
import { baseStyles } from "../styles.ts";
import { renderFailure, renderLoading } from "./failure-message.ts";
import { renderOffTrackAreas } from "./off-track-areas.ts";
import { themeOverviewStyles } from "./theme-overview-styles.ts";
import { renderFreshness } from "./freshness-label.ts";
import { statusHeadline } from "./status-headline.ts";
import { renderStatusRule } from "./status-rule.ts";
import { renderTableWrap } from "./table-wrap.ts";
import "./status-badge.ts";

/** Worst first, as the headline reads. */
const statusOrder = (Object.keys(statusSeverity) as StatusCode[]).sort((a, b) => statusSeverity[a] - statusSeverity[b]);

export class ThemeOverview extends LitElement {
  static override properties = { userRole: {}, state: { attribute: false } };
  declare userRole: Role;
  declare state: OverviewState;

  static override styles = [baseStyles, themeOverviewStyles];

  #themes = new Task(this, {
    args: () => [] as const,
    task: (_args, { signal }) => earlyOr(api.url("GET /api/v1/themes"), () => api.get("GET /api/v1/themes", { signal })),
  });

  constructor() {
    super();
    new LangController(this);
    this.userRole = "policy";
    this.state = {};
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
    const { status } = this.state;
    const shown = filled.map((theme) => ({ theme, indicators: selectIndicators(theme.indicators, this.state) }));
    const count = shown.reduce((sum, { indicators: selected }) => sum + selected.length, 0);
    return html`<p class="headline" data-testid="overview-headline">${this.#headline(indicators)}</p>
      ${rule ? renderStatusRule(rule) : null} ${this.#renderControls(indicators.length, count)}
      ${status && count === 0 ? html`<p class="panel" data-testid="filter-empty">${t("overview.filterNone", { status: t(`status.${status}`) })}</p>` : null}
      ${shown.filter(({ indicators: selected }) => selected.length > 0).map(({ theme, indicators: selected }) => this.#renderTheme(theme, selected))}`;
  }

  /** The status headline, each count a link that shows only the indicators of that status. */
  #headline(indicators: readonly IndicatorSummary[]): TemplateResult | string {
    const counts = statusOrder
      .map((code) => [code, indicators.filter((indicator) => indicator.status.code === code).length] as const)
      .filter(([, count]) => count > 0);
    if (counts.length === 0) return statusHeadline(indicators);
    // The sentence comes from the catalogue whole; the counts are put in where its placeholder was.
    const marker = "\u0000";
    const [before = "", after = ""] = t("overview.headline", { total: indicators.length, counts: marker }).split(marker);
    const links = counts.map(
      ([code, count], index) =>
        html`${index > 0 ? ", " : ""}<a
            href=${hrefFor({ name: "themes", ...this.state, status: code })}
            aria-current=${this.state.status === code ? "true" : "false"}
            data-testid="status-count"
            data-status=${code}
            >${count} ${t(`status.${code}`)}</a
          >`,
    );
    return html`${before}${links}${after}`;
  }

  /** What is shown: the filter in words with the way back to all, and the sort. */
  #renderControls(total: number, count: number) {
    const { status, sort } = this.state;
    const onSort = (event: Event) => {
      const value = (event.target as HTMLSelectElement).value as OverviewSort;
      replaceRoute(this, { name: "themes", status, sort: value === "plan" ? undefined : value });
    };
    return html`<div class="controls no-print">
      ${
        status
          ? html`<p data-testid="overview-filter" data-status=${status}>
              ${t("overview.filtered", { count, total, status: t(`status.${status}`) })}
              <a href=${hrefFor({ name: "themes", sort })} data-testid="filter-all">${t("overview.filterAll", { count: total })}</a>
            </p>`
          : null
      }
      <label
        >${t("overview.sort")}
        <select data-testid="overview-sort" @change=${onSort}>
          ${overviewSorts.map((option) => html`<option value=${option} .selected=${option === (sort ?? "plan")}>${t(`overview.sort.${option}`)}</option>`)}
        </select></label
      >
    </div>`;
  }

  #renderTheme(theme: Theme, indicators: readonly IndicatorSummary[]) {
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
            <col class="gap" />
            <col class="trend" />
            <col class="status" />
            <col />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">${t("overview.indicator")}</th>
              <th scope="col" class="num">${t("overview.latest")}</th>
              <th scope="col">${t("overview.target")}</th>
              <th scope="col" class="num">${t("overview.gap")}</th>
              <th scope="col">${t("overview.trend")}</th>
              <th scope="col">${t("overview.status")}</th>
              <th scope="col">${t("overview.data")}</th>
            </tr>
          </thead>
          <tbody>
            ${indicators.map((indicator) => this.#renderRow(indicator))}
          </tbody>
        </table>`,
        "panel",
      )}
      ${renderOffTrackAreas(theme)}
    </section>`;
  }

  #renderRow(indicator: IndicatorSummary) {
    const language = lang();
    const format = (value: number) => formatValue(value, indicator.unit, language);
    const unit = (value?: number) => formatUnit(indicator.unit, language, value);
    const { latest, target, recent, provenance } = indicator;
    return html`<tr data-testid="overview-row" data-indicator=${indicator.id}>
      <th scope="row">
        <a href=${hrefFor({ name: "indicator", id: indicator.id })} data-testid="indicator-link">${pick(indicator.name)}</a>
      </th>
      <td class="num value" data-testid="latest">
        ${
          latest
            ? html`<strong>${format(latest.value)}</strong> ${unit(latest.value)} <span class="muted">(${latest.period})</span>`
            : html`<span class="muted">${t("indicator.noValue")}</span>`
        }
      </td>
      <td class="target" data-testid="target">
        ${
          target
            ? t("overview.targetValue", { value: format(target.value), unit: unit(target.value), year: target.deadline })
            : html`<span class="muted">${t("indicator.noTarget")}</span>`
        }
      </td>
      <td class="num gap" data-testid="gap">${this.#gapCell(indicator)}</td>
      <td class="trend">
        ${sparkline(
          recent.map((point) => point.value),
          { label: this.#sparklineLabel(indicator) },
        )}
      </td>
      <td class="status"><mm-status-badge .code=${indicator.status.code}></mm-status-badge></td>
      <td class="data">${provenance.period ? html`<span>${provenance.period}</span> · ` : null}${renderFreshness(provenance.freshness)}</td>
    </tr>`;
  }

  /** The gap in the indicator's unit, and as a share of the target so indicators compare. */
  #gapCell(indicator: IndicatorSummary) {
    const { gapToTarget } = indicator;
    if (gapToTarget === null) return html`<span class="muted">–</span>`;
    const language = lang();
    const share = indicatorRelativeGap(indicator);
    return html`<span class="narrow-label muted">${t("overview.gap")}: </span>${formatValue(gapToTarget, indicator.unit, language)}
      ${formatUnit(indicator.unit, language, gapToTarget)}
      ${
        share !== null && gapToTarget > 0
          ? html`<span class="gap-share muted">${t("overview.gapOfTarget", { share: `${formatNumber(share * 100, language, { digits: 0 })}%` })}</span>`
          : null
      }`;
  }

  #sparklineLabel({ recent, unit }: IndicatorSummary): string {
    const known = recent.filter((point) => point.value !== null);
    const first = known[0];
    const last = known[known.length - 1];
    if (!first || !last || first.value === null || last.value === null) return t("overview.sparklineNone");
    const format = (value: number) => formatValue(value, unit, lang());
    return t("overview.sparkline", {
      from: first.period,
      to: last.period,
      first: format(first.value),
      last: format(last.value),
      unit: formatUnit(unit, lang(), last.value),
    });
  }
}

customElements.define("mm-theme-overview", ThemeOverview);

declare global {
  interface HTMLElementTagNameMap {
    "mm-theme-overview": ThemeOverview;
  }
}
