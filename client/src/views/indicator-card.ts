/**
 * `<mm-indicator-card>`: one indicator at a glance — latest value, target, status with its reason,
 * forecast and pace, and where the number comes from; a "Vraag stellen" button for its latest value and,
 * on the indicator's own page (not linked), the analysts' notes form.
 */
import { LitElement, css, html } from "lit";
import type { IndicatorSummary } from "../../../src/ground/contract/contract.ts";
import { formatUnit, formatValue } from "../format.ts";
import { LangController, lang, pick, t } from "../i18n.ts";
import { hrefFor } from "../routes.ts";
import { baseStyles } from "../styles.ts";
import { renderProvenance } from "./provenance-line.ts";
import "./status-badge.ts";
import "./ask-question.ts";
import "./annotation-editor.ts";

export class IndicatorCard extends LitElement {
  static override properties = {
    indicator: { attribute: false },
    linked: { type: Boolean },
    headingLevel: { type: Number, attribute: "heading-level" },
  };
  declare indicator: IndicatorSummary | null;
  declare linked: boolean;
  /** 2 where the card heads its own section of the page, 3 (the default) inside a list of cards. */
  declare headingLevel: 2 | 3;

  static override styles = [
    baseStyles,
    css`
      article {
        height: 100%;
        display: flex;
        flex-direction: column;
        gap: 0.35rem;
      }
      p {
        margin: 0;
      }
      .title {
        font-size: 1.05rem;
      }
      .value {
        font-size: 0.95rem;
      }
      .value strong {
        font-size: 1.8rem;
        font-variant-numeric: tabular-nums;
        margin-right: 0.2rem;
      }
      .reason {
        font-size: 0.95rem;
      }
      /* On the indicator's page the notes form follows the card: the card is as tall as its content. */
      :host(:not([linked])) {
        display: block;
      }
      :host(:not([linked])) article {
        height: auto;
      }
      mm-annotation-editor {
        display: block;
        margin-top: 1rem;
      }
      .provenance {
        margin-top: auto;
        padding-top: 0.5rem;
        font-size: 0.8rem;
        border-top: 1px solid var(--mm-line);
      }
    `,
  ];

  constructor() {
    super();
    new LangController(this);
    this.indicator = null;
    this.linked = false;
    this.headingLevel = 3;
  }

  protected override render() {
    const indicator = this.indicator;
    if (!indicator) return null;
    const language = lang();
    // Every value of the card with its unit's decimals: a forecast of complaints is a whole number.
    const format = (value: number, signed = false) => formatValue(value, indicator.unit, language, { signed });
    const unitOf = (value?: number) => formatUnit(indicator.unit, language, value);
    const { latest, target, status } = indicator;
    const name = pick(indicator.name);

    const title = this.linked ? html`<a href=${hrefFor({ name: "indicator", id: indicator.id })} data-testid="indicator-link">${name}</a>` : name;

    return html`<article class="panel" data-testid="indicator-card" data-indicator=${indicator.id}>
        ${this.headingLevel === 2 ? html`<h2 class="title">${title}</h2>` : html`<h3 class="title">${title}</h3>`}
        <p class="value">
          <span class="sr-only">${t("indicator.latest")}:</span>
          ${
            latest
              ? html`<strong>${format(latest.value)}</strong> ${unitOf(latest.value)} <span class="muted">(${latest.period})</span>`
              : html`<span class="muted">${t("indicator.noValue")}</span>`
          }
        </p>
        ${
          latest
            ? html`<mm-ask-question .subject=${{ kind: "indicator", indicatorId: indicator.id, period: latest.period }} label=${name}></mm-ask-question>`
            : null
        }
        <p data-testid="target">
          ${
            target
              ? html`${t("indicator.target", { value: format(target.value), unit: unitOf(target.value), year: target.deadline })}
                  <span class="muted">· ${pick(target.label)}</span>`
              : html`<span class="muted">${t("indicator.noTarget")}</span>`
          }
        </p>
        <div><mm-status-badge .code=${status.code}></mm-status-badge></div>
        <p class="reason" data-testid="status-reason">${pick(status.reason)}</p>
        ${
          status.forecast
            ? html`<p data-testid="forecast">
                ${t("indicator.forecast", {
                  year: status.forecast.year,
                  value: format(status.forecast.value),
                  low: format(status.forecast.low),
                  high: format(status.forecast.high),
                })}
              </p>`
            : null
        }
        ${
          status.pace
            ? html`<p data-testid="pace">
                ${t("indicator.pace", {
                  needed: format(status.pace.needed, true),
                  achieved: format(status.pace.achieved, true),
                  unit: unitOf(),
                })}
              </p>`
            : null
        }
        ${renderProvenance(indicator.provenance)}
      </article>
      ${this.linked ? null : html`<mm-annotation-editor subject="indicator" subject-id=${indicator.id}></mm-annotation-editor>`}`;
  }
}

customElements.define("mm-indicator-card", IndicatorCard);

declare global {
  interface HTMLElementTagNameMap {
    "mm-indicator-card": IndicatorCard;
  }
}
