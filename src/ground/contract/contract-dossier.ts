/**
 * The API v1 response shapes of the permit officer's routes (establishments, dossiers), the audit log
 * and accounts: permit and admin only, apart from accounts (admin). Shared shapes are in contract.ts.
 */
import { z } from "zod";
import { Localized, Role, Norm, qualityTiers } from "./contract.ts";
import { Address, SensitiveAround } from "./contract-addresses.ts";

/** How urgently an establishment is due for an inspection (docs/inspection-due.md). */
export const dueLevels = ["none", "low", "medium", "high"] as const;
export type DueLevel = (typeof dueLevels)[number];

export const EstablishmentSummary = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  postcode: z.string(),
  city: z.string(),
  lat: z.number(),
  lon: z.number(),
  buurtCode: z.string().nullable(),
  buurtName: z.string().nullable(),
  wijkCode: z.string().nullable(),
  sbiCode: z.string(),
  activity: z.string(),
  category: z.number(),
  /** An eenmanszaak: the establishment is a natural person, so its data is personal data. */
  naturalPerson: z.boolean(),
  /** Metres from the search point, when searched near one. */
  distanceM: z.number().nullable(),
  /** "Inspection due" (src/engine/dossiers/inspection-due.ts): score and level on the data clock's day; null where not computed. */
  due: z.object({ score: z.number(), level: z.enum(dueLevels) }).nullable(),
});
export type EstablishmentSummary = z.infer<typeof EstablishmentSummary>;

export const establishmentSorts = ["name", "distance", "category", "due"] as const;

export const EstablishmentSearch = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  sort: z.enum(establishmentSorts),
  items: z.array(EstablishmentSummary),
});
export type EstablishmentSearch = z.infer<typeof EstablishmentSearch>;

export const Permit = z.object({
  id: z.string(),
  type: z.enum(["environmental_permit", "notification", "custom_rule"]),
  status: z.enum(["requested", "granted", "refused", "withdrawn", "expired"]),
  appliedOn: z.iso.date(),
  decidedOn: z.iso.date().nullable(),
  validUntil: z.iso.date().nullable(),
  /** Conditions: noise limit at the façade, dB(A), and dust emission limit, mg/m³. */
  noiseLimitDba: z.number().nullable(),
  dustLimitMgM3: z.number().nullable(),
});
export type Permit = z.infer<typeof Permit>;

export const findingSeverities = ["minor", "serious", "critical"] as const;
export const sanctions = ["none", "warning", "last_warning", "penalty_order", "administrative_enforcement", "fine"] as const;
export const reinspectionResults = ["compliant", "violation"] as const;

/** One violation found at an inspection: the rule broken, the sanction imposed and its re-inspection. */
export const Finding = z.object({
  id: z.string(),
  /** The rule or permit condition violated, e.g. "Bal art. 2.11" or "vergunningvoorschrift 4.2". */
  rule: z.string(),
  description: z.string(),
  severity: z.enum(findingSeverities),
  sanction: z.enum(sanctions),
  sanctionDeadline: z.iso.date().nullable(),
  reinspectedOn: z.iso.date().nullable(),
  reinspectionResult: z.enum(reinspectionResults).nullable(),
});
export type Finding = z.infer<typeof Finding>;

export const Inspection = z.object({
  id: z.string(),
  inspectedOn: z.iso.date(),
  result: z.enum(["compliant", "violation", "serious_violation"]),
  violations: z.number(),
  /** For a violation: the date of the next inspection, or null while there has been none. */
  followUpOn: z.iso.date().nullable(),
  findings: z.array(Finding),
});
export type Inspection = z.infer<typeof Inspection>;

export const Complaint = z.object({
  id: z.string(),
  receivedOn: z.iso.date(),
  kind: z.enum(["noise", "odour", "dust", "light", "other"]),
  status: z.enum(["open", "in_progress", "closed"]),
  /** The handling deadline: the export's handle_by, else received on + the handling term (8 weeks). */
  handleBy: z.iso.date(),
  lat: z.number(),
  lon: z.number(),
  buurtName: z.string().nullable(),
  /** The nearest BAG address to the complaint's point, when the BAG addresses are published. Never the complainant. */
  nearestAddress: z.string().nullable(),
});
export type Complaint = z.infer<typeof Complaint>;

/** A complaint near a point (src/engine/dossiers/complaints-near.ts), nearest first. */
export const NearbyComplaint = z.object({
  id: z.string(),
  receivedOn: z.iso.date(),
  kind: Complaint.shape.kind,
  status: Complaint.shape.status,
  handleBy: z.iso.date(),
  distanceM: z.number(),
  lat: z.number(),
  lon: z.number(),
  /** The establishment it was linked to by the officer, or null. */
  establishmentId: z.string().nullable(),
});
export type NearbyComplaint = z.infer<typeof NearbyComplaint>;

/**
 * A recent mean of one component beside a norm. `kind`: "limit" for an EU limit value (law), "guideline"
 * for the WHO guideline (advice). `above` only compares the two numbers: it is an exceedance of a limit
 * value only where the mean is an `assessment` (see RecentValue), never for a guideline or a sensor.
 */
export const NormCheck = z.object({ norm: Norm, kind: z.enum(["limit", "guideline"]), above: z.boolean() });
export type NormCheck = z.infer<typeof NormCheck>;

export const RecentValue = z.object({
  formula: z.string(),
  /** "24h": the mean of the last 24 hours of data; "365d": of the last 365 days. */
  window: z.enum(["24h", "365d"]),
  value: z.number().nullable(),
  /** The first measurement in the window and the share of the window's hours with a value (0–1). */
  from: z.string().nullable(),
  coverage: z.number(),
  /**
   * "assessment": a reference station's mean over a (nearly) full year, which may be held against an
   * annual limit value; "indicative": a recent period, a short series or a citizen sensor — compared
   * with the norms, never tested against them.
   */
  reading: z.enum(["assessment", "indicative"]),
  norms: z.array(NormCheck),
});
export type RecentValue = z.infer<typeof RecentValue>;

export const NearbyMeasurement = z.object({
  kind: z.enum(["station", "sensor"]),
  id: z.string(),
  name: z.string(),
  distanceM: z.number(),
  qualityTier: z.enum(qualityTiers),
  source: z.string(),
  /** The newest measurement's time (ISO, UTC). */
  latest: z.string().nullable(),
  values: z.array(RecentValue),
});
export type NearbyMeasurement = z.infer<typeof NearbyMeasurement>;

/**
 * One pollutant's annual means at the nearby reference stations against one norm: `above` of the `of`
 * stations whose mean is an assessment; `indicative` more stations have a mean over too short a series
 * to be assessed. Citizen sensors are never counted.
 */
export const NearbyNormCount = z.object({
  formula: z.string(),
  period: z.literal("365d"),
  norm: Norm,
  above: z.number(),
  of: z.number(),
  indicative: z.number(),
});
export type NearbyNormCount = z.infer<typeof NearbyNormCount>;

/**
 * Air quality near a location: the reference stations (Luchtmeetnet) and the citizen sensors apart,
 * and a summary that counts legal limit values and the WHO guideline separately, stations only.
 */
export const NearbyAir = z.object({
  stations: z.array(NearbyMeasurement),
  sensors: z.array(NearbyMeasurement),
  summary: z.object({ legal: z.array(NearbyNormCount), guideline: z.array(NearbyNormCount) }),
});
export type NearbyAir = z.infer<typeof NearbyAir>;

/** The road-traffic noise map for the buurt of a location: the share of homes per Lden class. */
export const NoiseAtLocation = z.object({
  buurtCode: z.string(),
  year: z.number(),
  classes: z.array(z.object({ class: z.string(), share: z.number() })),
  /** The class most homes in the buurt are in, e.g. "55_60". */
  typicalClass: z.string(),
  qualityTier: z.enum(qualityTiers),
  source: z.string(),
});
export type NoiseAtLocation = z.infer<typeof NoiseAtLocation>;

export const openItemKinds = ["violation-without-follow-up", "sanction-deadline-passed", "permit-expiring", "decision-overdue", "complaint-open"] as const;

export const OpenItem = z.object({
  kind: z.enum(openItemKinds),
  /** The permit, inspection or complaint it is about. */
  subject: z.string(),
  date: z.iso.date(),
  message: Localized,
});
export type OpenItem = z.infer<typeof OpenItem>;

export const dueReasonCodes = ["open-violation", "sanction-deadline-passed", "complaints-since-inspection", "interval-exceeded", "never-inspected"] as const;

/** One reason an inspection is due, with the points it adds and a sentence with its numbers. */
export const DueReason = z.object({ code: z.enum(dueReasonCodes), points: z.number(), message: Localized });
export type DueReason = z.infer<typeof DueReason>;

export const InspectionDue = z.object({
  score: z.number(),
  level: z.enum(dueLevels),
  reasons: z.array(DueReason),
  lastInspectedOn: z.iso.date().nullable(),
  /** The intended interval between inspections for the establishment's category, in years. */
  intervalYears: z.number(),
});
export type InspectionDue = z.infer<typeof InspectionDue>;

export const EstablishmentDossier = z.object({
  establishment: EstablishmentSummary,
  /** Its BAG address (same postcode and number, else the nearest within 30 m); null without the BAG. */
  address: Address.nullable(),
  /** The day the dossier is judged on ("expires within 90 days" counts from here). */
  asOf: z.string(),
  permits: z.array(Permit),
  inspections: z.array(Inspection),
  complaints: z.array(Complaint),
  complaintsByYear: z.array(z.object({ year: z.number(), kind: Complaint.shape.kind, count: z.number() })),
  nearby: NearbyAir,
  noise: NoiseAtLocation.nullable(),
  openItems: z.array(OpenItem),
  inspectionDue: InspectionDue,
  /** Complaints within 250 m not linked to this establishment, nearest first. */
  complaintsNearby: z.array(NearbyComplaint),
  sources: z.array(z.object({ pipeline: z.string(), source: z.string(), licence: z.string(), runId: z.number().nullable() })),
});
export type EstablishmentDossier = z.infer<typeof EstablishmentDossier>;

export const LocationDossier = z.object({
  lat: z.number(),
  lon: z.number(),
  radiusM: z.number(),
  buurt: z.object({ code: z.string(), name: z.string(), wijkCode: z.string().nullable(), wijkName: z.string().nullable() }).nullable(),
  keyFigures: z.array(z.object({ measure: z.string(), period: z.number(), value: z.number().nullable() })),
  nearby: NearbyAir,
  noise: NoiseAtLocation.nullable(),
  greenHeat: z.object({ year: z.number(), greenShare: z.number(), heatStressClass: z.number(), qualityTier: z.enum(qualityTiers) }).nullable(),
  establishments: z.array(EstablishmentSummary),
  /** The BAG address the dossier was opened for (its point is the address's), else null. */
  address: Address.nullable(),
  /** Opened on coordinates: the nearest address within 50 m, to title it by ("bij Spui 70"), else null. */
  nearestAddress: Address.nullable(),
  /** Schools, care and dwellings within the radius; null while the BAG addresses are not published. */
  sensitive: SensitiveAround.nullable(),
  /** Complaints within the radius, nearest first (no complainant: there is none in the register). */
  complaints: z.array(NearbyComplaint),
  sources: z.array(z.object({ pipeline: z.string(), source: z.string(), licence: z.string(), runId: z.number().nullable() })),
});
export type LocationDossier = z.infer<typeof LocationDossier>;

export const AuditEntry = z.object({
  at: z.string(),
  username: z.string(),
  /** Empty for a failed login. */
  role: z.union([Role, z.literal("")]),
  action: z.enum([
    "view-establishment",
    "export-establishment",
    "export-establishments",
    "view-location",
    "export-location",
    "login",
    "login-failed",
    "denied",
    // A pipeline run started by hand (subject: the pipeline), and a run's rejected rows downloaded (subject: pipeline/run).
    "run-pipeline",
    "export-rejects",
    // The admin's account changes (src/web/api/user-routes.ts); the subject is the account's username.
    "user-add",
    "user-role",
    "user-disable",
    "user-enable",
    "user-password",
    // The audit log's own CSV export (src/web/api/audit-routes.ts); the subject names the filter, no values that identify anyone.
    "export-audit",
    // A backup (src/web/api/backup-routes.ts), by an admin or the bearer token ("backup-token"); the subject is the file.
    "backup",
    // A go-live check started (src/web/api/go-live-routes.ts); the subject is the check's id.
    "go-live-check",
  ]),
  subject: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditList = z.object({ entries: z.array(AuditEntry), total: z.number() });
export type AuditList = z.infer<typeof AuditList>;

export const Account = z.object({
  username: z.string(),
  role: Role,
  disabled: z.boolean(),
  createdAt: z.string(),
  /** The last successful login (password or single sign-on); null when the account never logged in. */
  lastLoginAt: z.string().nullable(),
  /** A single sign-on account (meta.oidc_users): it has no password to set. */
  sso: z.boolean(),
});
export type Account = z.infer<typeof Account>;
export const AccountList = z.object({ accounts: z.array(Account) });
