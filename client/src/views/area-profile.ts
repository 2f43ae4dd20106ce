/**
 * `<mm-area-profile code=…>`: one wijk or buurt against the city and the target on every indicator —
 * status, gap and rank per theme, as Den Haag in Cijfers has an area report. The URL is the state
 * (`#/areas/WK999901`), so the page is its own permalink; it prints as a report.
 */
import { Task } from "@lit/task";
import { LitElement, css, html } from "lit";
import type { Role, StatusCode, Theme } from "../../../src/ground/contract/contract.ts";
import type { AreaProfile, AreaProfileIndicator } from "../../../src/ground/contract/contract-areas.ts";
import { ApiError } from "../api.ts";
import { api } from "../api-client.ts";
import { comparedValue, comparisonOf, groupByTheme, statusSeverity, type ThemeGroup } from "../area-figures.ts";
import { formatDateTime } from "../format.ts";
import { LangController, lang, pick, t } from "../i18n.ts";
import { hrefFor, type Route } from "../routes.ts";
import { baseStyles } from "../styles.ts";
import { renderSmallArea } from "./area-ranking.ts";
import { renderFailure, renderLoading } from "./failure-message.ts";
import { renderTableWrap } from "./table-wrap.ts";
import "./status-badge.ts";

interface ProfileData {
  profile: AreaProfile;
  /** Theme names and order, from the overview's own answer. */
  themes: readonly Pick<Theme, "id" | "name">[];
}

const headlineOrder: readonly StatusCode[] = Object.entries(statusSeverity)
  .sort(([, a], [, b]) => a - b)
  .map(([code]) => code as StatusCode);

export class AreaProfileView extends LitElement {
  static override properties = { code: {}, userRole: {} };
  declare code: string;
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
      h1 .level {
        font-weight: normal;
        font-size: 1rem;
        margin-left: 0.5rem;
      }
      .headline {
        font-size: 1.1rem;
        font-weight: 600;
      }
      .permalink {
        overflow-wrap: anywhere;
      }
      section.theme {
        margin-block: 1.25rem;
      }
      table {
        min-width: 40rem;
      }
      th[scope="row"] {
        min-width: 9rem;
        max-width: 16rem;
      }
      td,
      th {
        vertical-align: middle;
      }
      td.num {
        white-space: nowrap;
      }
      .unit {
        display: block;
        font-size: 0.8rem;
        white-space: normal;
      }
      .tag {
        display: inline-block;
        margin-left: 0.35rem;
        padding: 0 0.4rem;
        border: 1px solid var(--mm-muted);
        border-radius: 4px;
        font-size: 0.75rem;
        white-space: nowrap;
      }
      @media print {
        table {
          min-width: 0;
        }
        section.theme {
          break-inside: avoid;
        }
      }
    `,
  ];

  #data = new Task(this, {
    args: () => [this.code] as const,
    task: async ([code], { signal }): Promise<ProfileData> => {
      const [profile, list] = await Promise.all([
        api.get("GET /api/v1/areas/:code/profile", { path: { code }, signal }),
        api.get("GET /api/v1/themes", { signal }),
      ]);
      return { profile, themes: list.themes };
    },
  });

  constructor() {
    super();
    new LangController(this);
    this.code = "";
    this.userRole = "policy";
  }

  protected override render() {
    return html`<div class="top no-print">
        <a href=${hrefFor({ name: "themes" })}>← ${t("areas.back")}</a>
        <button type="button" data-testid="print" @click=${() => window.print()}>${t("print.button")}</button>
      </div>
      ${this.#data.render({
        pending: renderLoading,
        error: (error) => this.#renderError(error),
        complete: (data) => this.#renderProfile(data),
      })}`;
  }

  /** A code that is no CBS area code (400) reads the same as an area without data (404). */
  #renderError(error: unknown) {
    if (error instanceof ApiError && (error.status === 400 || error.status === 404)) {
      return html`<p class="alert" role="alert" data-testid="not-found">${t("areas.notFound")}</p>`;
    }
    return renderFailure(error, this.userRole, () => void this.#data.run());
  }

  #renderProfile({ profile, themes }: ProfileData) {
    const { area, indicators } = profile;
    const route: Route = { name: "area", code: area.code };
    const permalink = `${location.origin}${location.pathname}${hrefFor(route)}`;
    const names = themes.map((theme) => ({ id: theme.id, name: pick(theme.name) }));
    const groups = groupByTheme(indicators, names, t("areas.themeOther"));
    return html`<h1 data-testid="area-title" data-level=${area.level}>
        ${t("areas.title", { name: area.name })}<span class="level muted">${t(`areas.level.${area.level}`)} · ${area.code}</span>
      </h1>
      <p class="muted">${t("areas.intro", { level: t(`areas.level.${area.level}`), levels: t(`map.levels.${area.level}`) })}</p>
      <p class="permalink muted">${t("areas.permalink")}: <a href=${hrefFor(route)} data-testid="permalink">${permalink}</a></p>
      <p class="print-only muted">${t("print.generated", { date: formatDateTime(new Date(), lang()) })}</p>
      ${
        indicators.length === 0
          ? html`<p class="panel" data-testid="areas-empty">${t("areas.empty")}</p>`
          : html`<p class="headline" data-testid="area-headline">${this.#headline(indicators)}</p>
              ${groups.map((group) => this.#renderGroup(group, profile))}`
      }
      ${profile.suppressionRule ? html`<p class="muted" data-testid="suppression-rule">${pick(profile.suppressionRule)}</p>` : null}`;
  }

  #headline(indicators: readonly AreaProfileIndicator[]): string {
    const counts = headlineOrder
      .map((code) => [code, indicators.filter((indicator) => (indicator.status?.code ?? "no-data") === code).length] as const)
      .filter(([, count]) => count > 0)
      .map(([code, count]) => `${count} ${t(`status.${code}`)}`);
    return t("overview.headline", { total: indicators.length, counts: counts.join(", ") });
  }

  #renderGroup(group: ThemeGroup<AreaProfileIndicator>, { area }: AreaProfile) {
    const caption = t("areas.caption", { theme: group.name, name: area.name });
    return html`<section class="theme" aria-labelledby="theme-${group.id}" data-testid="area-theme" data-theme=${group.id}>
      <h2 id="theme-${group.id}">${group.name}</h2>
      ${renderTableWrap(
        caption,
        html`<table data-testid="area-profile-table">
          <caption class="sr-only">
            ${caption}
          </caption>
          <thead>
            <tr>
              <th scope="col">${t("areas.indicator")}</th>
              <th scope="col">${t("areas.status")}</th>
              <th scope="col" class="num">${t("areas.value")}</th>
              <th scope="col" class="num">${t("areas.city")}</th>
              <th scope="col" class="num">${t("areas.target")}</th>
              <th scope="col" class="num">${t("areas.gap")}</th>
              <th scope="col" class="num">${t("areas.rank")}</th>
            </tr>
          </thead>
          <tbody>
            ${group.indicators.map((indicator) => this.#renderRow(indicator, area))}
          </tbody>
        </table>`,
        "panel",
      )}
    </section>`;
  }

  #renderRow(indicator: AreaProfileIndicator, area: AreaProfile["area"]) {
    const language = lang();
    const compare = comparisonOf(indicator.unit, indicator.rateLabel ? indicator.rateLabel[language] : null, language);
    const value = comparedValue(indicator, compare.rated);
    const link =
      area.level === "gemeente"
        ? hrefFor({ name: "indicator", id: indicator.id })
        : hrefFor({ name: "indicator", id: indicator.id, area: area.code, level: area.level });
    const figure = (number: number | null) => (number === null ? "–" : html`${compare.format(number)}<span class="unit muted">${compare.unit(number)}</span>`);
    return html`<tr data-testid="area-indicator" data-indicator=${indicator.id} data-status=${indicator.status?.code ?? "none"}>
      <th scope="row">
        <a href=${link} data-testid="indicator-link">${pick(indicator.name)}</a>
        ${indicator.period ? html`<span class="muted">${t("areas.period", { period: indicator.period })}</span>` : null}
      </th>
      <td>
        ${
          indicator.status
            ? html`<mm-status-badge .code=${indicator.status.code} title=${indicator.status.reason[language]}></mm-status-badge>`
            : html`<span class="muted">–</span>`
        }
      </td>
      <td class="num" data-testid="area-value">
        ${indicator.suppressed ? html`<span data-testid="suppressed">${t("indicator.suppressed")}</span>` : figure(value)}
        ${indicator.smallArea ? renderSmallArea() : null}
      </td>
      <td class="num">${figure(indicator.cityValue)}</td>
      <td class="num">${figure(indicator.target)}</td>
      <td class="num" data-testid="area-gap">${figure(indicator.gapToTarget)}</td>
      <td class="num" data-testid="area-rank">${indicator.rank === null ? "–" : t("areas.rankOf", { rank: indicator.rank, of: indicator.of })}</td>
    </tr>`;
  }
}

customElements.define("mm-area-profile", AreaProfileView);

declare global {
  interface HTMLElementTagNameMap {
    "mm-area-profile": AreaProfileView;
  }
}
