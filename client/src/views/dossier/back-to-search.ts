/** The way back from a dossier to the search, for the roles that may search. */
import { html } from "lit";
import type { Role } from "../../../../src/ground/contract/contract.ts";
import { t } from "../../i18n.ts";
import { hrefFor, mayViewEstablishments } from "../../routes.ts";

export const renderBackToSearch = (role: Role) =>
  mayViewEstablishments(role) ? html`<p class="no-print"><a href=${hrefFor({ name: "establishments" })}>← ${t("dossier.back")}</a></p>` : null;
