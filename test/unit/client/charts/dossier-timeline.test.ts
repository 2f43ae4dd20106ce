/**
 * The events of an establishment's timeline (client/src/charts/dossier-timeline.ts), which also fill
 * the dossier's table and CSV: one event per permit application, decision, inspection and complaint,
 * described in the chosen language, newest first.
 */
import { describe, expect, it, vi } from "vitest";

// i18n.ts sets the page's language when it loads: a page for it to set.
vi.hoisted(() => vi.stubGlobal("document", { documentElement: { lang: "" } }));

import type { EstablishmentDossier } from "../../../../src/ground/contract/contract-dossier.ts";
import { timelineEvents } from "../../../../client/src/charts/dossier-timeline.ts";

const complaintPlace = { lat: 52.0908, lon: 5.1215, buurtName: "Zuidrand-Oost", nearestAddress: null };

const dossier: EstablishmentDossier = {
  establishment: {
    id: "IN-000123",
    name: "Bakkerij De Korenaar",
    address: "Molenstraat 12",
    postcode: "9999 AB",
    city: "Groenmeer",
    lat: 52.0907,
    lon: 5.1214,
    buurtCode: "BU99990101",
    buurtName: "Zuidrand-Oost",
    wijkCode: "WK999901",
    sbiCode: "1071",
    activity: "Brood- en banketbakkerij",
    category: 2,
    naturalPerson: false,
    distanceM: null,
    due: null,
  },
  address: null,
  asOf: "2025-06-30",
  permits: [
    {
      id: "P-1",
      type: "environmental_permit",
      status: "granted",
      appliedOn: "2019-02-11",
      decidedOn: "2019-06-03",
      validUntil: null,
      noiseLimitDba: 45,
      dustLimitMgM3: null,
    },
    {
      id: "P-2",
      type: "notification",
      status: "requested",
      appliedOn: "2025-05-20",
      decidedOn: null,
      validUntil: null,
      noiseLimitDba: null,
      dustLimitMgM3: null,
    },
  ],
  inspections: [
    { id: "I-1", inspectedOn: "2023-09-14", result: "compliant", violations: 0, followUpOn: null, findings: [] },
    { id: "I-2", inspectedOn: "2024-11-05", result: "violation", violations: 2, followUpOn: "2025-01-20", findings: [] },
    { id: "I-3", inspectedOn: "2025-04-02", result: "serious_violation", violations: 1, followUpOn: null, findings: [] },
  ],
  complaints: [
    { ...complaintPlace, id: "K-2", receivedOn: "2024-11-05", kind: "odour", status: "closed", handleBy: "2024-12-31" },
    { ...complaintPlace, id: "K-1", receivedOn: "2024-03-18", kind: "noise", status: "in_progress", handleBy: "2024-05-13" },
  ],
  complaintsByYear: [],
  nearby: { stations: [], sensors: [], summary: { legal: [], guideline: [] } },
  noise: null,
  openItems: [],
  inspectionDue: { score: 0, level: "none", reasons: [], lastInspectedOn: "2025-04-02", intervalYears: 5 },
  complaintsNearby: [],
  sources: [],
};

describe("timelineEvents", () => {
  it("makes an event of every application, decision, inspection and complaint, newest first, ties by subject", () => {
    expect(timelineEvents(dossier, "nl").map((event) => [event.date, event.lane, event.type, event.subject])).toEqual([
      ["2025-05-20", "permit", "applied", "P-2"],
      ["2025-04-02", "inspection", "violation", "I-3"],
      ["2024-11-05", "inspection", "violation", "I-2"],
      ["2024-11-05", "complaint", "complaint", "K-2"],
      ["2024-03-18", "complaint", "complaint", "K-1"],
      ["2023-09-14", "inspection", "compliant", "I-1"],
      ["2019-06-03", "permit", "decided", "P-1"],
      ["2019-02-11", "permit", "applied", "P-1"],
    ]);
  });

  it("describes each event in Dutch: the result, the violations and whether there was a follow-up inspection", () => {
    const descriptions = Object.fromEntries(timelineEvents(dossier, "nl").map((event) => [`${event.subject} ${event.type}`, event.description]));
    expect(descriptions).toEqual({
      "P-1 applied": "omgevingsvergunning milieubelastende activiteit aangevraagd",
      "P-1 decided": "besluit op omgevingsvergunning milieubelastende activiteit: verleend",
      "P-2 applied": "melding aangevraagd",
      "I-1 compliant": "in orde",
      "I-2 violation": "overtreding; 2 overtreding(en); hercontrole op 20 jan 2025",
      "I-3 violation": "ernstige overtreding; 1 overtreding(en); geen hercontrole",
      "K-1 complaint": "geluid; in behandeling",
      "K-2 complaint": "geur; afgehandeld",
    });
  });

  it("describes them in English when asked", () => {
    const [newest, serious] = timelineEvents(dossier, "en");
    expect(newest?.description).toBe("notification applied for");
    expect(serious?.description).toBe("serious violation; 1 violation(s); no follow-up inspection");
  });

  it("is empty for an establishment with no history", () => {
    expect(timelineEvents({ ...dossier, permits: [], inspections: [], complaints: [] }, "nl")).toEqual([]);
  });
});
