/**
 * What each request parameter means, in English and Dutch, by name. The schemas say what a valid
 * value looks like; these say what it does. Shared by every operation with a parameter of that name.
 */
export interface Description {
  en: string;
  nl: string;
}

export const parameterDescriptions: Record<string, Description> = {
  themeId: { en: "A theme id, as in GET /api/v1/themes", nl: "Een thema-id, zoals in GET /api/v1/themes" },
  id: { en: "An indicator id, or an establishment id like IN-000123", nl: "Een indicator-id, of een inrichtings-id zoals IN-000123" },
  area: {
    en: "A CBS area code (gemeente, wijk or buurt); for search: establishments in that area",
    nl: "Een CBS-gebiedscode (gemeente, wijk of buurt); bij zoeken: inrichtingen in dat gebied",
  },
  by: {
    en: "area: one area's series (the municipality unless area is given); breakdown: its stations or finest areas",
    nl: "area: de reeks van één gebied (de gemeente tenzij area is gegeven); breakdown: de meetstations of kleinste gebieden",
  },
  from: { en: "First year, or first day (stations)", nl: "Eerste jaar, of eerste dag (meetstations)" },
  to: { en: "Last year, or the day after the last (stations)", nl: "Laatste jaar, of de dag na de laatste (meetstations)" },
  format: { en: "Answer format; without it the Accept header decides", nl: "Antwoordformaat; zonder deze parameter beslist de Accept-header" },
  level: { en: "Area level: gemeente, wijk or buurt", nl: "Gebiedsniveau: gemeente, wijk of buurt" },
  period: { en: "The year to show (default: the latest with a value)", nl: "Het jaar om te tonen (standaard: het laatste met een waarde)" },
  q: { en: "Words in the name or address", nl: "Woorden in naam of adres" },
  sbi: { en: "SBI activity code or its first digits", nl: "SBI-activiteitscode of de eerste cijfers ervan" },
  category: { en: "Environmental category 1–6", nl: "Milieucategorie 1–6" },
  near: { en: '"lat,lon" in degrees (WGS84): search around this point', nl: '"lat,lon" in graden (WGS84): zoek rond dit punt' },
  radius: { en: "Radius in metres around the point", nl: "Straal in meters rond het punt" },
  sort: {
    en: "Order of the results (default: distance when near is given, else name)",
    nl: "Volgorde van de resultaten (standaard: afstand als near is gegeven, anders naam)",
  },
  due: {
    en: "Only establishments due for inspection at this level or above: low, medium or high (true = medium); see docs/inspection-due.md",
    nl: "Alleen wie een controle nodig heeft op dit niveau of hoger: low, medium of high (true = medium); zie docs/inspection-due.md",
  },
  page: { en: "Page number, from 1", nl: "Paginanummer, vanaf 1" },
  pageSize: { en: "Results per page", nl: "Resultaten per pagina" },
  lat: { en: "Latitude in degrees (WGS84)", nl: "Breedtegraad in graden (WGS84)" },
  lon: { en: "Longitude in degrees (WGS84)", nl: "Lengtegraad in graden (WGS84)" },
  limit: { en: "How many entries at most", nl: "Hoeveel regels ten hoogste" },
  offset: { en: "How many entries to skip", nl: "Hoeveel regels over te slaan" },
  number: { en: "A station number like NL10938", nl: "Een meetstationnummer zoals NL10938" },
  days: { en: "How many days of hourly values", nl: "Hoeveel dagen uurwaarden" },
  name: { en: "A pipeline name, as in GET /api/v1/pipelines", nl: "Een pijplijnnaam, zoals in GET /api/v1/pipelines" },
  runId: { en: "A run id", nl: "Een run-id" },
  username: { en: "An account name", nl: "Een accountnaam" },
  sep: { en: "CSV separator: comma, or semicolon for Dutch Excel", nl: "Scheidingsteken in CSV: komma, of puntkomma voor Nederlandse Excel" },
  lang: { en: "Language of export headers and labels", nl: "Taal van kolomkoppen en labels in exports" },
  code: { en: "Set by the identity provider", nl: "Gezet door de identiteitsprovider" },
  state: { en: "Set by the identity provider", nl: "Gezet door de identiteitsprovider" },
};
