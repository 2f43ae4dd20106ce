/**
 * Street names for the demo's BAG: each wijk draws from its own theme, as Dutch towns name a
 * neighbourhood's streets (birds in the Vogelbuurt, trees near the park), and no name repeats in the town.
 */
import type { Random } from "./random.ts";

interface Theme {
  stems: string[];
  suffixes: string[];
  /** Names used as they are, before composed ones (the old town's streets). */
  whole?: string[];
}

const themes: Record<string, Theme> = {
  Binnenstad: {
    whole: ["Hoogstraat", "Markt", "Kerkstraat", "Lange Gracht", "Korte Gracht", "Vismarkt", "Oude Haven", "Raadhuisplein", "Nieuwstraat", "Achter de Kerk"],
    stems: [
      "Molen",
      "Toren",
      "Klooster",
      "Brouwers",
      "Bakkers",
      "Smeden",
      "Koren",
      "Hooi",
      "Kaas",
      "Zout",
      "Turf",
      "Wijn",
      "Boter",
      "Lakens",
      "Zilver",
      "Hout",
      "Kalk",
      "Poort",
      "Heren",
      "Keizers",
      "Prinsen",
      "Begijnen",
      "Gasthuis",
      "Kapel",
      "Munt",
      "Waag",
      "Tol",
    ],
    suffixes: ["straat", "steeg", "gracht", "kade", "markt", "wal"],
  },
  "Centrum-Zuid": {
    stems: [
      "Rembrandt",
      "Vermeer",
      "Frans Hals",
      "Jan Steen",
      "Mondriaan",
      "Van Gogh",
      "Breitner",
      "Mesdag",
      "Israëls",
      "Ruisdael",
      "Hobbema",
      "Potter",
      "Maris",
      "Toorop",
      "Jongkind",
      "Van Goyen",
    ],
    suffixes: ["straat", "laan", "plein", "hof"],
  },
  Molenwijk: {
    stems: [
      "Korenmolen",
      "Zaagmolen",
      "Oliemolen",
      "Poldermolen",
      "Watermolen",
      "Stellingmolen",
      "Wipmolen",
      "Standerd",
      "Molenaars",
      "Wieken",
      "Maalsteen",
      "Spinnekop",
      "Kruiwerk",
      "Molenvliet",
    ],
    suffixes: ["straat", "laan", "hof", "pad"],
  },
  Stationskwartier: {
    stems: [
      "Edison",
      "Newton",
      "Volta",
      "Ohm",
      "Watt",
      "Kelvin",
      "Faraday",
      "Pascal",
      "Huygens",
      "Lorentz",
      "Zeeman",
      "Kamerlingh Onnes",
      "Van 't Hoff",
      "Einstein",
      "Ampère",
      "Marconi",
    ],
    suffixes: ["straat", "laan", "plein", "weg"],
  },
  Noorderpark: {
    stems: [
      "Eiken",
      "Beuken",
      "Linden",
      "Iepen",
      "Essen",
      "Berken",
      "Wilgen",
      "Populieren",
      "Kastanje",
      "Esdoorn",
      "Platanen",
      "Elzen",
      "Hazelaar",
      "Meidoorn",
      "Vlier",
      "Lijsterbes",
    ],
    suffixes: ["laan", "straat", "hof", "dreef"],
  },
  Ringweg: {
    stems: [
      "Utrechtse",
      "Goudse",
      "Leidse",
      "Delftse",
      "Haarlemse",
      "Zwolse",
      "Arnhemse",
      "Bredase",
      "Amersfoortse",
      "Nijmeegse",
      "Rotterdamse",
      "Amsterdamse",
      "Haagse",
      "Groningse",
      "Dordtse",
      "Bossche",
    ],
    suffixes: ["weg", "straat", "baan", "laan"],
  },
  "De Weide": {
    stems: [
      "Rozen",
      "Tulpen",
      "Narcissen",
      "Anjer",
      "Lelie",
      "Iris",
      "Klaver",
      "Zonnebloem",
      "Hyacint",
      "Krokus",
      "Madelief",
      "Akelei",
      "Boterbloem",
      "Korenbloem",
      "Sleutelbloem",
      "Viooltjes",
    ],
    suffixes: ["straat", "laan", "hof", "pad"],
  },
  Havenkwartier: {
    stems: ["Maas", "Waal", "Rijn", "IJssel", "Lek", "Vecht", "Amstel", "Dommel", "Dinkel", "Regge", "Berkel", "Linge", "Eem", "Gouwe", "Schie", "Zaan"],
    suffixes: ["kade", "straat", "haven", "plein"],
  },
  Vogelbuurt: {
    stems: [
      "Merel",
      "Lijster",
      "Kievit",
      "Reiger",
      "Zwaluw",
      "Spreeuw",
      "Vink",
      "Mees",
      "Specht",
      "Valk",
      "Buizerd",
      "Ekster",
      "Roodborst",
      "Winterkoning",
      "Wielewaal",
      "Grutto",
    ],
    suffixes: ["straat", "laan", "hof", "pad"],
  },
  Zuidrand: {
    stems: [
      "Bach",
      "Mozart",
      "Beethoven",
      "Chopin",
      "Schubert",
      "Händel",
      "Vivaldi",
      "Mahler",
      "Verdi",
      "Sweelinck",
      "Haydn",
      "Brahms",
      "Ravel",
      "Grieg",
      "Sibelius",
      "Diepenbrock",
    ],
    suffixes: ["laan", "straat", "plein", "hof"],
  },
  industrial: {
    stems: [
      "Industrie",
      "Ambachts",
      "Nijverheids",
      "Handels",
      "Energie",
      "Transport",
      "Bedrijven",
      "Fabrieks",
      "Werf",
      "Dok",
      "Loods",
      "Veiling",
      "Expeditie",
      "Havenbedrijf",
      "Scheepsbouw",
      "Gieterij",
    ],
    suffixes: ["weg", "straat", "baan"],
  },
  /** When a wijk's own theme is used up. */
  fallback: {
    stems: [
      "Texel",
      "Vlieland",
      "Terschelling",
      "Ameland",
      "Schiermonnikoog",
      "Marken",
      "Urk",
      "Schokland",
      "Wieringen",
      "Tholen",
      "Walcheren",
      "Goeree",
      "Voorne",
      "Putten",
      "Beveland",
      "Duiveland",
    ],
    suffixes: ["straat", "laan", "weg", "hof", "plein", "pad"],
  },
};

/** Draws unique street names for the whole town. */
export function createStreetNamer(random: Random): (theme: string) => string {
  const used = new Set<string>();
  const candidates = (theme: Theme) => [...(theme.whole ?? []), ...theme.stems.flatMap((stem) => theme.suffixes.map((suffix) => `${stem}${suffix}`))];
  const pools = new Map<string, string[]>();
  const poolOf = (name: string) => {
    if (!pools.has(name)) pools.set(name, candidates(themes[name] ?? themes.fallback!));
    return pools.get(name)!;
  };
  return (themeName) => {
    for (const name of [themeName, "fallback"]) {
      const pool = poolOf(name).filter((street) => !used.has(street));
      // The old town's own names first, in order; composed names at random.
      const whole = (themes[name]?.whole ?? []).filter((street) => !used.has(street));
      const choice = whole[0] ?? pool[Math.floor(random.next() * pool.length)];
      if (choice) {
        used.add(choice);
        return choice;
      }
    }
    const numbered = `Nieuwe Weg ${used.size + 1}`;
    used.add(numbered);
    return numbered;
  };
}
