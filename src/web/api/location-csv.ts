/**
 * A location dossier as one CSV (issue 20.9): the address or point, buurt and radius in the comment
 * lines, then one row per thing around it — sensitive uses (counts and the nearest schools and care),
 * complaints, establishments and measuring points — nearest first within each kind. Words, not codes,
 * in Dutch or English (`lang`); `sep=semicolon` for Excel with Dutch settings.
 */
import { formatAddress, formatStreetNumber } from "../../ground/address-text.ts";
import type { LocationDossier } from "../../ground/contract/contract-dossier.ts";
import type { ExportLang } from "../../ground/contract/params.ts";
import { msg, renderMessage } from "../../ground/i18n/message.ts";
import { csvDocument, csvNumber } from "./csv.ts";
import { headerRow, type Header } from "./export-labels.ts";
import { complaintKindLabels, complaintStatusLabels } from "../../ground/dossier-labels.ts";
import type { CsvOptions } from "./table-csv.ts";

type Words = Record<ExportLang, string>;

const HEADERS: Header[] = [
  { nl: "soort", en: "kind" },
  { nl: "id", en: "id" },
  { nl: "omschrijving", en: "description" },
  { nl: "datum", en: "date" },
  { nl: "status", en: "status" },
  { nl: "afstand_m", en: "distance_m" },
];

const KIND: Record<"sensitiveCount" | "sensitive" | "complaint" | "establishment" | "station" | "sensor", Words> = {
  sensitiveCount: { nl: "gevoelige bestemming (aantal)", en: "sensitive use (count)" },
  sensitive: { nl: "gevoelige bestemming", en: "sensitive use" },
  complaint: { nl: "klacht", en: "complaint" },
  establishment: { nl: "milieubelastende activiteit", en: "environmentally harmful activity" },
  station: { nl: "meetstation", en: "monitoring station" },
  sensor: { nl: "sensor", en: "sensor" },
};
const CLASS: Record<"school" | "care" | "dwelling", Words> = {
  school: { nl: "onderwijs", en: "education" },
  care: { nl: "zorg", en: "care" },
  dwelling: { nl: "wonen", en: "dwellings" },
};
const COMMENT = {
  address: { nl: "adres", en: "address" },
  point: { nl: "punt", en: "point" },
  near: { nl: "bij", en: "near" },
  buurt: { nl: "buurt", en: "buurt" },
  radius: { nl: "straal", en: "radius" },
  sources: { nl: "bronnen", en: "sources" },
  addresses: { nl: "adressen", en: "addresses" },
  buildings: { nl: "gebouwen", en: "buildings" },
  linked: { nl: "gekoppeld aan", en: "linked to" },
  category: { nl: "categorie", en: "category" },
} satisfies Record<string, Words>;

export function locationToCsv(dossier: LocationDossier, { sep, lang }: CsvOptions = { sep: "comma", lang: "en" }): string {
  const w = (words: Words) => words[lang];
  const point = `${csvNumber(dossier.lat, sep)} ${csvNumber(dossier.lon, sep)}`;
  const place = dossier.address
    ? `${w(COMMENT.address)}: ${formatAddress(dossier.address)} (${dossier.address.id}); ${w(COMMENT.point)}: ${point}`
    : `${w(COMMENT.point)}: ${point}${dossier.nearestAddress ? ` (${w(COMMENT.near)} ${formatStreetNumber(dossier.nearestAddress)})` : ""}`;
  const buurt = dossier.buurt ? `${w(COMMENT.buurt)}: ${dossier.buurt.name} (${dossier.buurt.code})` : `${w(COMMENT.buurt)}: -`;
  const sources = dossier.sources
    .map((s) => renderMessage(lang, msg("export.dossier.source", { source: s.source, licence: s.licence, run: s.runId ?? "-" })))
    .join("; ");
  const rows: unknown[][] = [
    ...(dossier.sensitive?.counts ?? []).map((c) => [
      w(KIND.sensitiveCount),
      "",
      `${w(CLASS[c.class])}: ${c.addresses} ${w(COMMENT.addresses)}, ${c.buildings} ${w(COMMENT.buildings)}`,
      "",
      "",
      "",
    ]),
    ...(dossier.sensitive?.nearest ?? []).map((n) => [
      w(KIND.sensitive),
      n.address.id,
      `${n.classes.map((c) => w(CLASS[c])).join(", ")}: ${formatAddress(n.address)}`,
      "",
      "",
      n.distanceM,
    ]),
    ...dossier.complaints.map((c) => [
      w(KIND.complaint),
      c.id,
      `${w(complaintKindLabels[c.kind])}${c.establishmentId ? `; ${w(COMMENT.linked)} ${c.establishmentId}` : ""}`,
      c.receivedOn,
      w(complaintStatusLabels[c.status]),
      c.distanceM,
    ]),
    ...dossier.establishments.map((e) => [
      w(KIND.establishment),
      e.id,
      `${e.name}, ${e.address}, ${e.postcode} ${e.city}; ${e.activity}; ${w(COMMENT.category)} ${e.category}`,
      "",
      "",
      e.distanceM ?? "",
    ]),
    ...[...dossier.nearby.stations, ...dossier.nearby.sensors].map((m) => [w(KIND[m.kind]), m.id, m.name, m.latest ?? "", "", m.distanceM]),
  ];
  return csvDocument([place, `${buurt}; ${w(COMMENT.radius)}: ${dossier.radiusM} m`, `${w(COMMENT.sources)}: ${sources}`], headerRow(HEADERS, lang), rows, sep);
}
