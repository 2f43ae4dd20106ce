/**
 * `<mm-run-changes .changes=…>`: what a run's publish changed against the previous published version —
 * rows before and after, added, removed and changed by key, each column's nulls and range before →
 * after, the periods newly covered — with a note above it all when the source suddenly shrank or
 * shifted ("let op: aantal rijen gehalveerd"), so the analyst sees it first.
 */
import { LitElement, css, html, nothing } from "lit";
import type { ChangeFlag, ColumnChange, ColumnFigures, NewPeriods, PublishChanges } from "../../../src/ground/contract/contract-publish-changes.ts";
import { formatCount, formatDateTime, formatNumber } from "../format.ts";
import { LangController, lang, t } from "../i18n.ts";
import { baseStyles, detailStyles } from "../styles.ts";

const percent = (share: number) => `${formatNumber(share * 100, lang(), { digits: 0 })} %`;

/** A column's value as the analyst reads it: numbers in the UI's language, timestamps in Dutch time. */
function value(v: number | string | null): string {
  if (v === null) return "–";
  if (typeof v === "number") return formatNumber(v, lang(), { digits: 2 });
  return v.includes("T") ? formatDateTime(v, lang()) : v;
}

/** `plain`: a key or period column (a year), shown as it is, without thousands separators. */
function spread(figures: ColumnFigures | null, plain: boolean): string {
  if (!figures) return t("changes.new");
  if (figures.distinct !== null) return t("changes.distinct", { n: formatCount(figures.distinct, lang()) });
  if (figures.min === null && figures.max === null) return "–";
  const show = plain ? (v: number | string | null) => (v === null ? "–" : String(v)) : value;
  return figures.min === figures.max ? show(figures.min) : `${show(figures.min)} – ${show(figures.max)}`;
}

function flagText(flag: ChangeFlag): string {
  const column = flag.column ?? "";
  if (flag.kind === "rowsDropped") return t(flag.share >= 0.5 ? "changes.flag.rowsHalved" : "changes.flag.rowsDropped", { share: percent(flag.share) });
  if (flag.kind === "rangeShift") return t("changes.flag.rangeShift", { column, share: percent(flag.share) });
  return t("changes.flag.nullsJump", { column, share: percent(flag.share) });
}

export class RunChanges extends LitElement {
  static override properties = { changes: { attribute: false }, running: { type: Boolean } };
  declare changes: PublishChanges | null;
  /** A run still going has published nothing yet: the section waits for it. */
  declare running: boolean;

  static override styles = [
    baseStyles,
    detailStyles,
    css`
      dl.counts dd {
        font-variant-numeric: tabular-nums;
      }
      .alert ul {
        margin: 0;
        padding-left: 1.2rem;
      }
      .alert strong {
        color: #a11919;
      }
      h3 {
        margin: 1rem 0 0.4rem;
      }
      td[data-flagged] {
        font-weight: 600;
      }
    `,
  ];

  constructor() {
    super();
    new LangController(this);
    this.changes = null;
    this.running = false;
  }

  protected override render() {
    const changes = this.changes;
    if (!changes && this.running) return nothing;
    return html`<section class="panel" aria-labelledby="changes-title" data-testid="run-changes">
      <h2 id="changes-title">${t("changes.title")}</h2>
      ${changes ? this.#renderChanges(changes) : html`<p class="muted" data-testid="changes-none">${t("changes.none")}</p>`}
    </section>`;
  }

  #renderChanges(changes: PublishChanges) {
    const language = lang();
    const count = (key: string, label: string, n: number | null) =>
      html`<dt>${label}</dt>
        <dd data-testid="change-${key}" data-count=${n ?? nothing}>${formatCount(n, language)}</dd>`;
    return html`${this.#renderFlags(changes.flags)}
      <p class="muted">
        ${changes.rowsBefore === null ? t("changes.first") : changes.key.length ? t("changes.intro", { key: changes.key.join(", ") }) : t("changes.introNoKey")}
        ${changes.publishes > 1 ? t("changes.slices", { n: changes.publishes }) : nothing}
      </p>
      <dl class="counts" data-testid="change-counts">
        ${count("rows-before", t("changes.rowsBefore"), changes.rowsBefore)} ${count("rows-after", t("changes.rowsAfter"), changes.rowsAfter)}
        ${count("added", t("changes.added"), changes.added)} ${count("removed", t("changes.removed"), changes.removed)}
        ${count("changed", t("changes.changed"), changes.changed)}
      </dl>
      ${this.#renderColumns(changes)} ${this.#renderPeriods(changes.periods)}`;
  }

  #renderFlags(flags: readonly ChangeFlag[]) {
    if (flags.length === 0) return nothing;
    // Text and a sign, not colour alone.
    return html`<div class="alert" role="note" aria-label=${t("changes.flagsTitle")} data-testid="change-flags">
      <ul>
        ${flags.map((flag) => html`<li data-testid="change-flag" data-kind=${flag.kind}><strong aria-hidden="true">⚠ </strong>${flagText(flag)}</li>`)}
      </ul>
    </div>`;
  }

  #renderColumns(changes: PublishChanges) {
    const flagged = (column: ColumnChange, kind: ChangeFlag["kind"]) => changes.flags.some((f) => f.kind === kind && f.column === column.name);
    const plain = (column: ColumnChange) => changes.key.includes(column.name) || changes.periods?.column === column.name;
    const nulls = (figures: ColumnFigures | null) => (figures ? formatCount(figures.nulls, lang()) : t("changes.new"));
    return html`<h3>${t("changes.columnsTitle")}</h3>
      <div class="table-wrap">
        <table data-testid="change-columns">
          <caption class="sr-only">
            ${t("changes.columnsTitle")}
          </caption>
          <thead>
            <tr>
              <th scope="col">${t("changes.column")}</th>
              <th scope="col">${t("changes.nulls")}</th>
              <th scope="col">${t("changes.range")}</th>
            </tr>
          </thead>
          <tbody>
            ${changes.columns.map(
              (column) =>
                html`<tr data-testid="change-column" data-column=${column.name}>
                  <th scope="row"><code>${column.name}</code></th>
                  <td data-testid="change-nulls" data-flagged=${flagged(column, "nullsJump") || nothing}>
                    ${nulls(column.before)} → ${nulls(column.after)}${flagged(column, "nullsJump") ? html` <span>⚠</span>` : nothing}
                  </td>
                  <td data-testid="change-range" data-flagged=${flagged(column, "rangeShift") || nothing}>
                    ${spread(column.before, plain(column))} →
                    ${spread(column.after, plain(column))}${flagged(column, "rangeShift") ? html` <span>⚠</span>` : nothing}
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }

  #renderPeriods(periods: NewPeriods | null) {
    if (!periods) return nothing;
    const grain = t(`changes.grain.${periods.grain}`);
    return html`<h3>${t("changes.periodsTitle")}</h3>
      ${
        periods.count === 0
          ? html`<p class="muted" data-testid="change-periods" data-count="0">${t("changes.periodsNone", { column: periods.column })}</p>`
          : html`<p data-testid="change-periods" data-count=${periods.count}>
              ${t("changes.periodsCount", { count: formatCount(periods.count, lang()), column: periods.column, grain })}
              ${periods.ranges.map((r, i) => html`${i > 0 ? ", " : ""}<span data-testid="change-period">${r.from === r.to ? r.from : `${r.from} – ${r.to}`}</span>`)}
              ${periods.cut ? html`, ${t("changes.periodsCut")}` : nothing}
            </p>`
      }`;
  }
}

customElements.define("mm-run-changes", RunChanges);

declare global {
  interface HTMLElementTagNameMap {
    "mm-run-changes": RunChanges;
  }
}
