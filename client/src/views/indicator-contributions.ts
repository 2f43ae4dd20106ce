/**
 * `<mm-indicator-contributions>`: the "why" section of an indicator page. Two periods and a breakdown
 * are chosen; the API's contributions are shown as a sentence, a waterfall (start, each part, end,
 * and the gap still to close to the target) and a table with the same numbers.
 */
import { Task } from "@lit/task";
import { LitElement, css, html } from "lit";
import type { Role } from "../../../src/ground/contract/contract.ts";
import type { ContributionBy, Contributions } from "../../../src/ground/contract/contract-why.ts";
import { api } from "../api-client.ts";
import "../chart-frame.ts";
import { waterfallChart } from "../charts/waterfall.ts";
import { decimalsFor, formatNumber, formatUnit, formatValue } from "../format.ts";
import { LangController, lang, pick, t, type Lang } from "../i18n.ts";
import { baseStyles } from "../styles.ts";
import { renderFailure, renderLoading } from "./failure-message.ts";
import { renderTableWrap } from "./table-wrap.ts";

/** How many parts the sentence names before "…". */
const NAMED_PARTS = 3;

/**
 * The answer in one sentence, e.g. "CO2 emissions fell 157.4 kton from 2015 to 2025; Built
 * environment: homes −60.1, …; 179.6 kton still to go by 2030".
 */
export function contributionSentence(
  answer: Contributions,
  language: Lang,
  translate: (key: Parameters<typeof t>[0], params?: Record<string, string | number>) => string,
): string {
  const unit = formatUnit(answer.unit, language);
  const digits = decimalsFor(answer.unit) + 1;
  const amount = (value: number) => formatValue(Math.abs(value), answer.unit, language);
  const periods = { name: pick(answer.name, language), from: answer.from.period, to: answer.to.period, unit };
  const change = answer.total.change;
  const head =
    formatValue(change, answer.unit, language) === formatValue(0, answer.unit, language)
      ? translate("why.same", periods)
      : translate(change < 0 ? "why.fell" : "why.rose", { ...periods, amount: amount(change) });
  const named = answer.parts.slice(0, NAMED_PARTS).map((p) => `${pick(p.name, language)} ${formatNumber(p.contribution, language, { digits, signed: true })}`);
  const parts = named.length ? [named.join(", ") + (answer.parts.length > NAMED_PARTS ? `, ${translate("why.more")}` : "")] : [];
  const gap =
    answer.total.gap === null || !answer.target
      ? []
      : [
          answer.total.gap === 0
            ? translate("why.met", { deadline: answer.target.deadline })
            : translate("why.toGo", { amount: amount(answer.total.gap), unit, deadline: answer.target.deadline }),
        ];
  return [head, ...parts, ...gap].join("; ");
}

export class IndicatorContributions extends LitElement {
  static override properties = {
    indicatorId: { attribute: false },
    offered: { attribute: false },
    userRole: {},
    by: { state: true },
    from: { state: true },
    to: { state: true },
  };
  declare indicatorId: string;
  declare offered: readonly ContributionBy[];
  declare userRole: Role;
  declare by: ContributionBy | null;
  declare from: number | undefined;
  declare to: number | undefined;

  static override styles = [
    baseStyles,
    css`
      .pickers {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1rem;
        margin-bottom: 0.75rem;
      }
      .pickers label {
        display: grid;
        gap: 0.2rem;
      }
      figure {
        margin: 0;
        display: grid;
        gap: 0.5rem;
      }
      .sentence {
        font-size: 1.05rem;
        max-width: 60rem;
      }
      .note {
        max-width: 60rem;
      }
      tr.total th,
      tr.total td {
        font-weight: 600;
      }
      tr.gap th,
      tr.gap td {
        font-style: italic;
      }
    `,
  ];

  #answer = new Task(this, {
    args: () => [this.indicatorId, this.by ?? this.offered[0], this.from, this.to] as const,
    task: ([id, by, from, to], { signal }) =>
      by === undefined ? null : api.get("GET /api/v1/indicators/:id/contributions", { path: { id }, query: { by, from, to }, signal }),
  });

  constructor() {
    super();
    new LangController(this);
    this.indicatorId = "";
    this.offered = [];
    this.userRole = "policy";
    this.by = null;
    this.from = undefined;
    this.to = undefined;
  }

  protected override render() {
    return html`<section class="panel" aria-labelledby="why-title" data-testid="why">
      <h2 id="why-title">${t("why.title")}</h2>
      ${this.#answer.render({
        pending: () => html`${this.#renderPickers(this.#answer.value ?? null)}${renderLoading()}`,
        error: (error) => html`${this.#renderPickers(null)}${renderFailure(error, this.userRole, () => void this.#answer.run())}`,
        complete: (answer) => (answer ? html`${this.#renderPickers(answer)}${this.#renderAnswer(answer)}` : null),
      })}
    </section>`;
  }

  #renderPickers(answer: Contributions | null) {
    const by = this.by ?? this.offered[0];
    const periods = answer?.periods ?? [];
    const picker = (name: "from" | "to", chosen: string | undefined) =>
      html`<label
        >${t(name === "from" ? "why.from" : "why.to")}
        <select
          data-testid=${`why-${name}`}
          ?disabled=${periods.length === 0}
          @change=${(event: Event) => {
            const value = Number((event.target as HTMLSelectElement).value);
            if (name === "from") this.from = value;
            else this.to = value;
            // Keep the pair in order: moving one past the other moves the other along.
            if (this.from !== undefined && this.to !== undefined && this.from > this.to) {
              if (name === "from") this.to = this.from;
              else this.from = this.to;
            }
          }}
        >
          ${periods.map((period) => html`<option value=${period} ?selected=${period === chosen}>${period}</option>`)}
        </select></label
      >`;
    return html`<div class="pickers no-print">
      ${picker("from", answer?.from.period)} ${picker("to", answer?.to.period)}
      ${
        this.offered.length > 1
          ? html`<label
              >${t("why.by")}
              <select
                data-testid="why-by"
                @change=${(event: Event) => {
                  this.by = (event.target as HTMLSelectElement).value as ContributionBy;
                }}
              >
                ${this.offered.map((option) => html`<option value=${option} ?selected=${option === by}>${t(`why.by.${option}`)}</option>`)}
              </select></label
            >`
          : null
      }
    </div>`;
  }

  #renderAnswer(answer: Contributions) {
    const language = lang();
    const sentence = contributionSentence(answer, language, t);
    if (answer.parts.length === 0)
      return html`<p class="sentence" data-testid="why-sentence">${sentence}</p>
        <p>${t("why.empty")}</p>`;
    const draw = (width: number) => waterfallChart(answer, { width, lang: language });
    return html`<figure>
        <p class="sentence" data-testid="why-sentence">${sentence}</p>
        <mm-chart-frame .draw=${draw} aria-hidden="true" data-testid="waterfall"></mm-chart-frame>
      </figure>
      <p class="note muted">
        ${t(answer.by === "effect" ? "why.method.effect" : `why.method.${answer.method}`)} ${answer.suppressionRule ? t("why.suppressed") : ""}
      </p>
      <details class="table-alt" data-testid="why-details">
        <summary>${t("chart.showTable")}</summary>
        ${this.#renderTable(answer)}
      </details>`;
  }

  #renderTable(answer: Contributions) {
    const language = lang();
    const unit = formatUnit(answer.unit, language);
    const digits = decimalsFor(answer.unit) + 1;
    const signed = (value: number) => formatNumber(value, language, { digits, signed: true });
    const value = (v: number) => formatNumber(v, language, { digits });
    let running = answer.from.value;
    const effects = answer.parts.some((p) => p.effects !== null);
    const caption = `${t("why.title")} (${unit})`;
    return renderTableWrap(
      caption,
      html`<table data-testid="why-table">
        <caption>
          ${caption}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t("why.part")}</th>
            <th scope="col" class="num">${t("why.contribution", { unit })}</th>
            ${
              effects
                ? html`<th scope="col" class="num">${t("why.mix")}</th>
                    <th scope="col" class="num">${t("why.intensity")}</th>`
                : null
            }
            <th scope="col" class="num">${t("why.cumulative", { unit })}</th>
          </tr>
        </thead>
        <tbody>
          <tr class="total">
            <th scope="row">${t("why.start", { period: answer.from.period })}</th>
            <td class="num"></td>
            ${
              effects
                ? html`<td></td>
                    <td></td>`
                : null
            }
            <td class="num" data-testid="why-start">${value(answer.from.value)}</td>
          </tr>
          ${answer.parts.map((part) => {
            running += part.contribution;
            return html`<tr data-testid="why-part" data-key=${part.key}>
              <th scope="row">${pick(part.name, language)}</th>
              <td class="num" data-testid="why-contribution">${signed(part.contribution)}</td>
              ${
                effects
                  ? html`<td class="num">${part.effects ? signed(part.effects.mix) : ""}</td>
                      <td class="num">${part.effects ? signed(part.effects.intensity) : ""}</td>`
                  : null
              }
              <td class="num">${value(running)}</td>
            </tr>`;
          })}
          ${
            answer.residual !== 0
              ? html`<tr data-testid="why-residual">
                  <th scope="row">${t("why.residual")}</th>
                  <td class="num">${signed(answer.residual)}</td>
                  ${
                    effects
                      ? html`<td></td>
                          <td></td>`
                      : null
                  }
                  <td class="num"></td>
                </tr>`
              : null
          }
          <tr class="total">
            <th scope="row">${t("why.change")}</th>
            <td class="num" data-testid="why-change">${signed(answer.total.change)}</td>
            ${
              effects
                ? html`<td></td>
                    <td></td>`
                : null
            }
            <td class="num"></td>
          </tr>
          <tr class="total">
            <th scope="row">${t("why.end", { period: answer.to.period })}</th>
            <td class="num"></td>
            ${
              effects
                ? html`<td></td>
                    <td></td>`
                : null
            }
            <td class="num" data-testid="why-end">${value(answer.to.value)}</td>
          </tr>
          ${
            answer.total.gap !== null && answer.total.gap !== 0 && answer.target
              ? html`<tr class="gap" data-testid="why-gap">
                  <th scope="row">${t("why.gap", { deadline: answer.target.deadline })}</th>
                  <td class="num">${signed(answer.total.gap)}</td>
                  ${
                    effects
                      ? html`<td></td>
                          <td></td>`
                      : null
                  }
                  <td class="num">${value(answer.target.value)}</td>
                </tr>`
              : null
          }
        </tbody>
      </table>`,
    );
  }
}

customElements.define("mm-indicator-contributions", IndicatorContributions);

declare global {
  interface HTMLElementTagNameMap {
    "mm-indicator-contributions": IndicatorContributions;
  }
}
