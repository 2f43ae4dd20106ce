/**
 * Every text the server sends to people, in Dutch and English, one part per kind (src/ground/i18n/messages/).
 * A new part adds one line to each language below; test/unit/i18n.test.ts reads `catalogueParts`.
 */
import { airMessages as air } from "./messages/air.ts";
import { alertMessages as alerts } from "./messages/alerts.ts";
import { contributionMessages as contributions } from "./messages/contributions.ts";
import { exportMessages as exports } from "./messages/exports.ts";
import { goLiveMessages as goLive } from "./messages/go-live.ts";
import { paramMessages as params } from "./messages/params.ts";
import { pipelineMessages as pipelines } from "./messages/pipelines.ts";
import { publicApiMessages as publicApi } from "./messages/public-api.ts";
import { requestMessages as requests } from "./messages/requests.ts";
import { resourceMessages as resources } from "./messages/resources.ts";
import { titleMessages as titles } from "./messages/titles.ts";
import { noteMessages as notes } from "./messages/notes.ts";
import { replicaMessages as replicas } from "./messages/replicas.ts";

export const catalogueParts = { titles, requests, resources, params, publicApi, pipelines, alerts, exports, goLive, air, contributions, notes, replicas };

const nl = {
  ...titles.nl,
  ...requests.nl,
  ...resources.nl,
  ...params.nl,
  ...publicApi.nl,
  ...pipelines.nl,
  ...alerts.nl,
  ...exports.nl,
  ...goLive.nl,
  ...air.nl,
  ...contributions.nl,
  ...notes.nl,
  ...replicas.nl,
};

export type ServerMessageKey = keyof typeof nl;
/** The Dutch text of a key, as a literal type: its `{placeholders}` type the parameters of `msg()`. */
export type DutchText<K extends ServerMessageKey> = (typeof nl)[K];

const en: Record<ServerMessageKey, string> = {
  ...titles.en,
  ...requests.en,
  ...resources.en,
  ...params.en,
  ...publicApi.en,
  ...pipelines.en,
  ...alerts.en,
  ...exports.en,
  ...goLive.en,
  ...air.en,
  ...contributions.en,
  ...notes.en,
  ...replicas.en,
};

export const serverMessages: Record<"nl" | "en", Record<ServerMessageKey, string>> = { nl, en };
