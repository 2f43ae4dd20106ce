/**
 * The project's public-sector paperwork: publiccode.yml by the rules of the standard (v0.4), and it,
 * package.json and LICENSE agreeing on the licence and the version; CONTRIBUTING.md's links resolve.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { messages } from "../../client/src/messages.ts";
import { readRepoFile, repoRoot } from "../support/docker-files.ts";

interface Description {
  shortDescription: string;
  longDescription: string;
  features: string[];
}
interface PublicCode {
  publiccodeYmlVersion: string;
  name: string;
  url: string;
  softwareVersion: string;
  releaseDate: string;
  platforms: string[];
  categories: string[];
  developmentStatus: string;
  softwareType: string;
  intendedAudience?: { scope?: string[] };
  description: Record<string, Description>;
  legal: { license: string };
  maintenance: { type: string; contacts?: { name: string }[] };
  localisation: { localisationReady: boolean; availableLanguages: string[] };
  dependsOn?: { open?: { name: string; versionMin?: string }[] };
}

const publiccode = parse(readRepoFile("publiccode.yml")) as PublicCode;
const pkg = JSON.parse(readRepoFile("package.json")) as { version: string; license: string; engines: { node: string } };
const vocabulary = (file: string) =>
  readRepoFile(file)
    .split("\n")
    .filter((line) => line !== "" && !line.startsWith("#"));

describe("publiccode.yml", () => {
  it("has the standard's mandatory keys, with allowed values", () => {
    expect(publiccode.publiccodeYmlVersion).toBe("0.4");
    expect(publiccode.name).toBe("Milieumonitor");
    expect(new URL(publiccode.url).protocol).toBe("https:");
    expect(publiccode.platforms).toContain("web");
    expect(publiccode.categories.length).toBeGreaterThan(0);
    expect(publiccode.categories.filter((c) => !vocabulary("test/fixtures/publiccode/categories-list.txt").includes(c))).toEqual([]);
    expect(["concept", "development", "beta", "stable", "obsolete"]).toContain(publiccode.developmentStatus);
    expect(publiccode.softwareType).toBe("standalone/web");
    expect(["internal", "contract", "community", "none"]).toContain(publiccode.maintenance.type);
    if (["internal", "community"].includes(publiccode.maintenance.type)) expect(publiccode.maintenance.contacts?.length).toBeGreaterThan(0);
  });

  it("describes the monitor in Dutch and English within the standard's lengths", () => {
    expect(Object.keys(publiccode.description).sort()).toEqual(["en", "nl"]);
    for (const [lang, text] of Object.entries(publiccode.description)) {
      expect(text.shortDescription.length, `${lang} shortDescription`).toBeLessThanOrEqual(150);
      expect(text.shortDescription, `${lang} shortDescription is one line`).not.toContain("\n");
      expect(text.longDescription.length, `${lang} longDescription`).toBeGreaterThanOrEqual(150);
      expect(text.longDescription.length, `${lang} longDescription`).toBeLessThanOrEqual(10_000);
      expect(text.features.length, `${lang} features`).toBeGreaterThan(0);
    }
    expect(publiccode.description.nl!.features.length).toBe(publiccode.description.en!.features.length);
  });

  it("names the languages the interface has", () => {
    expect(publiccode.localisation.localisationReady).toBe(true);
    expect([...publiccode.localisation.availableLanguages].sort()).toEqual(Object.keys(messages).sort());
  });

  it("agrees with package.json on the version, the licence and the Node.js version", () => {
    expect(publiccode.softwareVersion).toBe(pkg.version);
    expect(publiccode.releaseDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(new Date(`${publiccode.releaseDate}T00:00:00Z`).toISOString().slice(0, 10)).toBe(publiccode.releaseDate);
    expect(publiccode.legal.license).toBe(pkg.license);
    expect(publiccode.dependsOn?.open?.find((d) => d.name === "Node.js")?.versionMin).toBe(pkg.engines.node.replace(/^>=/, ""));
  });
});

describe("LICENSE", () => {
  const licence = readRepoFile("LICENSE");

  it("is the whole EUPL v. 1.2, the licence package.json and publiccode.yml name", () => {
    expect(pkg.license).toBe("EUPL-1.2");
    const lines = licence.split("\n").map((line) => line.trim());
    expect(lines.slice(0, 2)).toEqual(["EUROPEAN UNION PUBLIC LICENCE v. 1.2", "EUPL © the European Union 2007, 2016"]);
    const articles = lines.filter((line) => /^\d+\. [A-Z]/.test(line)).map((line) => Number.parseInt(line, 10));
    expect(articles).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    expect(licence).toContain("\nAppendix\n\n‘Compatible Licences’ according to Article 5 EUPL are:");
    expect(licence).toContain("European Union Public Licence (EUPL) v. 1.1, v. 1.2");
    expect(licence.trimEnd().endsWith("All other changes or additions to this Appendix require the production of a new\nEUPL version.")).toBe(true);
  });
});

describe("CONTRIBUTING.md", () => {
  it("links only to files that exist", () => {
    const targets = [...readRepoFile("CONTRIBUTING.md").matchAll(/\]\(([^)#]+)(?:#[^)]*)?\)/g)].map((m) => m[1]!).filter((t) => !/^[a-z]+:/.test(t));
    expect(targets.length).toBeGreaterThan(0);
    expect(targets.filter((target) => !existsSync(path.join(repoRoot, target)))).toEqual([]);
  });
});
