/**
 * Every UI string in both languages, one part per area of the app (client/src/messages/). A new
 * part adds one line to each language below. `{name}` placeholders are filled by `t(key, {name})`.
 */
import { apiDocsMessages as apiDocs } from "./messages/api-docs.ts";
import { accountsMessages as accounts } from "./messages/accounts.ts";
import { addressMessages as address } from "./messages/address.ts";
import { auditMessages as audit } from "./messages/audit.ts";
import { airMessages as air } from "./messages/air.ts";
import { alertsMessages as alerts } from "./messages/alerts.ts";
import { areasMessages as areas } from "./messages/areas.ts";
import { commonMessages as common } from "./messages/common.ts";
import { contributionsMessages as contributions } from "./messages/contributions.ts";
import { dossierMessages as dossier } from "./messages/dossier.ts";
import { errorsMessages as errors } from "./messages/errors.ts";
import { exportsMessages as exports } from "./messages/exports.ts";
import { freshnessMessages as freshness } from "./messages/freshness.ts";
import { goLiveMessages as goLive } from "./messages/go-live.ts";
import { mapMessages as buildingMap } from "./messages/map.ts";
import { pipelinesMessages as pipelines } from "./messages/pipelines.ts";
import { searchMessages as search } from "./messages/search.ts";
import { stationsMessages as stations } from "./messages/stations.ts";
import { themesMessages as themes } from "./messages/themes.ts";
import { publishChangesMessages as publishChanges } from "./messages/publish-changes.ts";
import { notesMessages as notes } from "./messages/notes.ts";

const nl = {
  ...common.nl,
  ...errors.nl,
  ...alerts.nl,
  ...themes.nl,
  ...areas.nl,
  ...stations.nl,
  ...pipelines.nl,
  ...freshness.nl,
  ...dossier.nl,
  ...search.nl,
  ...apiDocs.nl,
  ...exports.nl,
  ...goLive.nl,
  ...air.nl,
  ...contributions.nl,
  ...buildingMap.nl,
  ...address.nl,
  ...publishChanges.nl,
  ...notes.nl,
  ...audit.nl,
  ...accounts.nl,
};

export type MessageKey = keyof typeof nl;

const en: Record<MessageKey, string> = {
  ...common.en,
  ...errors.en,
  ...alerts.en,
  ...themes.en,
  ...areas.en,
  ...stations.en,
  ...pipelines.en,
  ...freshness.en,
  ...dossier.en,
  ...search.en,
  ...apiDocs.en,
  ...exports.en,
  ...goLive.en,
  ...air.en,
  ...contributions.en,
  ...buildingMap.en,
  ...address.en,
  ...publishChanges.en,
  ...notes.en,
  ...audit.en,
  ...accounts.en,
};

export const messages: Record<"nl" | "en", Record<MessageKey, string>> = { nl, en };
