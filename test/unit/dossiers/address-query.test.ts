/** The address box's parser and street matcher: postcode forms, numbers, typos and partial input. */
import { describe, expect, it } from "vitest";
import { candidateStreets, type Street } from "../../../src/engine/dossiers/address-search.ts";
import { editDistance, isPlace, matchStreet, normalizeWords, parseAddressQuery, StreetMatch } from "../../../src/engine/dossiers/address-query.ts";

describe("parseAddressQuery", () => {
  it.each([
    ["2511 AB 12", { postcode: "2511 AB", number: 12, letter: null, addition: null, words: [] }],
    ["2511AB12", { postcode: "2511 AB", number: 12, letter: null, words: [] }],
    ["2511ab 12a", { postcode: "2511 AB", number: 12, letter: "a", words: [] }],
    ["2511 ab 12 a", { postcode: "2511 AB", number: 12, letter: "a", words: [] }],
    ["2511 AB 12-2", { postcode: "2511 AB", number: 12, letter: null, addition: "2", words: [] }],
    ["2511 A", { postcode: "2511 A", number: null, words: [] }],
    ["2511", { postcode: "2511", number: null, words: [] }],
    ["Spui 70", { postcode: null, number: 70, words: ["spui"], placeWords: [] }],
    ["spui 70 den haag", { number: 70, numberIsPrefix: false, words: ["spui"], placeWords: ["den", "haag"] }],
    ["Spui 7", { number: 7, numberIsPrefix: true, words: ["spui"] }],
    ["Spu", { postcode: null, number: null, words: ["spu"] }],
    ["Prins Hendrikstraat 12b", { number: 12, letter: "b", words: ["prins", "hendrikstraat"] }],
    ["2e Schuytstraat 3", { number: 3, words: ["2e", "schuytstraat"] }],
    ["Spui 1234", { postcode: null, number: 1234, words: ["spui"] }],
    ["Spui 70, 2511 BT", { postcode: "2511 BT", number: 70, words: ["spui"] }],
    ["Café-straat 1", { number: 1, words: ["cafe", "straat"] }],
  ])("%s", (input, expected) => {
    expect(parseAddressQuery(input)).toMatchObject(expected);
  });

  it("does not take a letter or an addition for part of a number's prefix", () => {
    expect(parseAddressQuery("Spui 7a").numberIsPrefix).toBe(false);
    expect(parseAddressQuery("Spui 7 den").numberIsPrefix).toBe(false);
  });
});

describe("matching streets", () => {
  it("counts a swap of two letters as one edit and stops above the limit", () => {
    expect(editDistance("spuy", "spui")).toBe(1);
    expect(editDistance("spiu", "spui")).toBe(1);
    expect(editDistance("kerkstrat", "kerkstraat")).toBe(1);
    expect(editDistance("abcdef", "uvwxyz", 2)).toBe(3);
  });

  it("allows one edit for short words and two from seven letters", () => {
    expect(matchStreet("spuy", "spui")).toBe(StreetMatch.Fuzzy);
    expect(matchStreet("spyy", "spui")).toBeNull();
    expect(matchStreet("kerkstrat", "kerkstraat")).toBe(StreetMatch.Fuzzy);
    expect(matchStreet("kirkstrat", "kerkstraat")).toBe(StreetMatch.Fuzzy);
    expect(matchStreet("sp", "sa")).toBeNull();
  });

  it("ranks exact before prefix before a later word before fuzzy", () => {
    expect(matchStreet("spui", "spui")).toBe(StreetMatch.Exact);
    expect(matchStreet("spu", "spuistraat")).toBe(StreetMatch.Prefix);
    expect(matchStreet("hendrik", "prins hendrikstraat")).toBe(StreetMatch.WordPrefix);
    expect(matchStreet("kerkstrat", "kerkstraatje")).toBe(StreetMatch.FuzzyPrefix);
  });

  it("knows Den Haag as 's-Gravenhage and ignores an unknown place", () => {
    expect(isPlace(["den", "haag"], "'s-Gravenhage")).toBe(true);
    expect(isPlace(["s", "gravenhage"], "'s-Gravenhage")).toBe(true);
    expect(isPlace(["rotterdam"], "'s-Gravenhage")).toBe(false);
    expect(normalizeWords("'s-Gravenhage")).toBe("s gravenhage");
  });

  const streets: Street[] = [
    ["Spui", "'s-Gravenhage"],
    ["Spuistraat", "'s-Gravenhage"],
    ["Spui", "Rotterdam"],
    ["Kerkstraat", "'s-Gravenhage"],
    ["Prins Hendrikstraat", "'s-Gravenhage"],
  ].map(([street, place]) => ({ street: street!, place: place!, key: normalizeWords(street!) }));
  const names = (q: string) => candidateStreets(streets, parseAddressQuery(q)).map((c) => `${c.street}/${c.place}`);

  it("orders candidates by match, then the place typed, then name", () => {
    expect(names("spui 70 rotterdam")).toEqual(["Spui/Rotterdam", "Spui/'s-Gravenhage", "Spuistraat/'s-Gravenhage"]);
    expect(names("Spuy 70")).toEqual(["Spui/'s-Gravenhage", "Spui/Rotterdam", "Spuistraat/'s-Gravenhage"]);
    expect(names("hendrikstr")).toEqual(["Prins Hendrikstraat/'s-Gravenhage"]);
  });

  it("takes trailing words for a place when the street with them matches nothing", () => {
    expect(names("spui den haag")[0]).toBe("Spui/'s-Gravenhage");
    expect(names("qqqq")).toEqual([]);
  });
});
