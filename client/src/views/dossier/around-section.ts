/**
 * `<mm-around-section>`: what is around a location that a permit decision weighs (issue 20.6) —
 * schools, care and dwellings within a distance the officer chooses (counts, and the nearest schools
 * and care with their distance), and the complaints within it, kind and status in words. Changing
 * the distance fires `mm-radius-change` (detail: metres); the dossier loads again for it.
 */
import { LitElement, html } from "lit";
import type { LocationDossier, NearbyComplaint } from "../../../../src/ground/contract/contract-dossier.ts";
import { formatAddress } from "../../../../src/ground/address-text.ts";
import { formatDate } from "../../dossier-format.ts";
import { formatNumber } from "../../format.ts";
import { LangController, lang, t } from "../../i18n.ts";
import { hrefFor } from "../../routes.ts";
import { baseStyles, detailStyles } from "../../styles.ts";
import { dossierStyles } from "./dossier-styles.ts";

export type RadiusChangeEvent = CustomEvent<number>;

/** The distances offered, metres (the API takes 50–5,000). */
export const AROUND_RADII = [50, 100, 250, 500, 1000, 2000, 5000];

export class AroundSection extends LitElement {
  static override properties = { dossier: { attribute: false } };
  declare dossier: LocationDossier | null;

  static override styles = [baseStyles, detailStyles, dossierStyles];

  constructor() {
    super();
    new LangController(this);
    this.dossier = null;
  }

  protected override render() {
    const dossier = this.dossier;
    if (!dossier) return null;
    const radius = formatNumber(dossier.radiusM, lang(), { digits: 0 });
    return html`<h2 id="around-sensitive-title">${t("around.title", { radius })}</h2>
      <label class="no-print"
        >${t("around.radius")}
        <select data-testid="around-radius" @change=${this.#changeRadius}>
          ${[...new Set([...AROUND_RADII, dossier.radiusM])]
            .sort((a, b) => a - b)
            .map((r) => html`<option value=${r} ?selected=${r === dossier.radiusM}>${formatNumber(r, lang(), { digits: 0 })} m</option>`)}
        </select>
      </label>
      <div data-testid="sensitive">
        <h3>${t("around.sensitiveTitle")}</h3>
        ${this.#renderSensitive(dossier, radius)}
      </div>
      <div data-testid="complaints-near">
        <h3>${t("around.complaintsTitle")}</h3>
        ${this.#renderComplaints(dossier.complaints, radius)}
      </div>`;
  }

  #changeRadius = (event: Event) => {
    const metres = Number((event.target as HTMLSelectElement).value);
    this.dispatchEvent(new CustomEvent("mm-radius-change", { detail: metres, bubbles: true, composed: true }) satisfies RadiusChangeEvent);
  };

  #renderSensitive({ sensitive }: LocationDossier, radius: string) {
    if (!sensitive) return html`<p>${t("around.sensitiveMissing")}</p>`;
    const language = lang();
    return html`<div class="table-wrap" role="region" tabindex="0" aria-label=${t("around.countsCaption", { radius })}>
        <table data-testid="sensitive-counts">
          <caption>
            ${t("around.countsCaption", { radius })}
          </caption>
          <thead>
            <tr>
              <th scope="col">${t("around.use")}</th>
              <th scope="col" class="num">${t("around.addresses")}</th>
              <th scope="col" class="num">${t("around.buildings")}</th>
            </tr>
          </thead>
          <tbody>
            ${sensitive.counts.map(
              (c) =>
                html`<tr>
                  <th scope="row">${t(`around.class.${c.class}`)}</th>
                  <td class="num">${formatNumber(c.addresses, language, { digits: 0 })}</td>
                  <td class="num">${formatNumber(c.buildings, language, { digits: 0 })}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${
        sensitive.nearest.length === 0
          ? html`<p data-testid="sensitive-empty">${t("around.nearestEmpty")}</p>`
          : html`<div class="table-wrap" role="region" tabindex="0" aria-label=${t("around.nearestCaption")}>
              <table data-testid="sensitive-nearest">
                <caption>
                  ${t("around.nearestCaption")}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">${t("around.address")}</th>
                    <th scope="col">${t("around.use")}</th>
                    <th scope="col" class="num">${t("around.distance")}</th>
                  </tr>
                </thead>
                <tbody>
                  ${sensitive.nearest.map(
                    (n) =>
                      html`<tr>
                        <th scope="row"><a href=${hrefFor({ name: "location", address: n.address.id })}>${formatAddress(n.address)}</a></th>
                        <td>${n.classes.map((c) => t(`around.class.${c}`)).join(", ")}</td>
                        <td class="num">${formatNumber(n.distanceM, language, { digits: 0 })}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
      }`;
  }

  #renderComplaints(complaints: NearbyComplaint[], radius: string) {
    if (complaints.length === 0) return html`<p data-testid="complaints-near-empty">${t("around.complaintsEmpty")}</p>`;
    const language = lang();
    return html`<div class="table-wrap" role="region" tabindex="0" aria-label=${t("around.complaintsCaption", { radius })}>
      <table data-testid="complaints-near-table">
        <caption>
          ${t("around.complaintsCaption", { radius })}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t("around.complaint")}</th>
            <th scope="col">${t("around.received")}</th>
            <th scope="col">${t("around.kind")}</th>
            <th scope="col">${t("around.status")}</th>
            <th scope="col">${t("around.establishment")}</th>
            <th scope="col" class="num">${t("around.distance")}</th>
          </tr>
        </thead>
        <tbody>
          ${complaints.map(
            (c) =>
              html`<tr>
                <th scope="row">${c.id}</th>
                <td>${formatDate(c.receivedOn, language)}</td>
                <td>${t(`dossier.complaintKind.${c.kind}`)}</td>
                <td>${t(`dossier.complaintStatus.${c.status}`)}</td>
                <td>${c.establishmentId ? html`<a href=${hrefFor({ name: "establishment", id: c.establishmentId })}>${c.establishmentId}</a>` : "–"}</td>
                <td class="num">${formatNumber(c.distanceM, language, { digits: 0 })}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }
}

customElements.define("mm-around-section", AroundSection);

declare global {
  interface HTMLElementTagNameMap {
    "mm-around-section": AroundSection;
  }
}
