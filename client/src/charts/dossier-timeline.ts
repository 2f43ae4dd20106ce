/**
 * An establishment's history on one time axis: permit applications and decisions, inspections (in
 * order or with violations) and complaints, one lane each. Each kind of event has its own symbol as
 * well as its own colour. Pure: events in, a Plot element out; `timelineEvents` also feeds the table.
 */
import { Plot } from "./plot.ts";
import type { EstablishmentDossier } from "../../../src/ground/contract/contract-dossier.ts";
import { dateOf, formatDate } from "../dossier-format.ts";
import { translate, type Lang } from "../i18n.ts";

export type TimelineLane = "permit" | "inspection" | "complaint";
export type TimelineType = "applied" | "decided" | "compliant" | "violation" | "complaint";

export interface TimelineEvent {
  date: string;
  lane: TimelineLane;
  type: TimelineType;
  /** The permit, inspection or complaint id. */
  subject: string;
  description: string;
}

const lanes: readonly TimelineLane[] = ["permit", "inspection", "complaint"];
const types: readonly TimelineType[] = ["applied", "decided", "compliant", "violation", "complaint"];
const symbols = ["circle", "square", "diamond", "triangle", "star"];
const colours = ["#4d5b60", "#0b6660", "#1a7f37", "#a11919", "#b35c00"];

/** Newest first, as the table and the CSV export list them. */
export function timelineEvents(dossier: EstablishmentDossier, lang: Lang): TimelineEvent[] {
  const tr = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(lang, key, params);
  const events: TimelineEvent[] = [];
  for (const permit of dossier.permits) {
    const type = tr(`dossier.permitType.${permit.type}`);
    events.push({ date: permit.appliedOn, lane: "permit", type: "applied", subject: permit.id, description: tr("dossier.eventApplied", { type }) });
    if (permit.decidedOn) {
      const status = tr(`dossier.permitStatus.${permit.status}`);
      events.push({ date: permit.decidedOn, lane: "permit", type: "decided", subject: permit.id, description: tr("dossier.eventDecided", { type, status }) });
    }
  }
  for (const inspection of dossier.inspections) {
    const result = tr(`dossier.result.${inspection.result}`);
    const followUp =
      inspection.result === "compliant"
        ? ""
        : inspection.followUpOn
          ? tr("dossier.followUpOn", { date: formatDate(inspection.followUpOn, lang) })
          : tr("dossier.noFollowUp");
    events.push({
      date: inspection.inspectedOn,
      lane: "inspection",
      type: inspection.result === "compliant" ? "compliant" : "violation",
      subject: inspection.id,
      description: [result, inspection.violations > 0 ? tr("dossier.violationCount", { count: inspection.violations }) : "", followUp]
        .filter(Boolean)
        .join("; "),
    });
  }
  for (const complaint of dossier.complaints) {
    const description = `${tr(`dossier.complaintKind.${complaint.kind}`)}; ${tr(`dossier.complaintStatus.${complaint.status}`)}`;
    events.push({ date: complaint.receivedOn, lane: "complaint", type: "complaint", subject: complaint.id, description });
  }
  return events.sort((a, b) => b.date.localeCompare(a.date) || a.subject.localeCompare(b.subject));
}

export function timelineChart(
  events: readonly TimelineEvent[],
  { width, lang, asOf }: { width: number; lang: Lang; asOf: string },
): SVGSVGElement | HTMLElement {
  const laneLabel = (lane: TimelineLane) => translate(lang, `dossier.lane.${lane}`);
  const typeLabel = (type: TimelineType) => translate(lang, `dossier.eventType.${type}`);
  const shown = types.filter((type) => events.some((event) => event.type === type));
  const style = (type: TimelineType) => types.indexOf(type);
  return Plot.plot({
    width,
    height: 200,
    marginLeft: 110,
    marginRight: 20,
    style: { fontSize: "12px", fontFamily: "inherit" },
    x: { type: "utc", label: null, grid: true },
    y: { domain: lanes.map(laneLabel), label: null },
    symbol: { domain: shown.map(typeLabel), range: shown.map((type) => symbols[style(type)]!), legend: true },
    color: { domain: shown.map(typeLabel), range: shown.map((type) => colours[style(type)]!) },
    marks: [
      Plot.ruleX([dateOf(asOf)], { stroke: "#1f2a2e", strokeDasharray: "3 3" }),
      Plot.dot(events, {
        x: (event: TimelineEvent) => dateOf(event.date),
        y: (event: TimelineEvent) => laneLabel(event.lane),
        symbol: (event: TimelineEvent) => typeLabel(event.type),
        fill: (event: TimelineEvent) => typeLabel(event.type),
        r: 5,
        stroke: "#fff",
        strokeWidth: 0.8,
        title: (event: TimelineEvent) => `${formatDate(event.date, lang)} · ${event.subject}\n${event.description}`,
      }),
    ],
  });
}
