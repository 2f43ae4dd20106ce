/**
 * The API v1 response shapes of the permit officer's routes (establishments, dossiers), the audit log
 * and accounts: permit and admin only, apart from accounts (admin). Shared shapes are in contract.ts.
 */
import { z } from "zod";
import { Localized, Role, Norm, qualityTiers } from "./contract.ts";

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
});
export type EstablishmentSummary = z.infer<typeof EstablishmentSummary>;

export const establishmentSorts = ["name", "distance", "category"] as const;

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
  appliedOn: z.string(),
  decidedOn: z.string().nullable(),
  validUntil: z.string().nullable(),
  /** Conditions: noise limit at the façade, dB(A), and dust emission limit, mg/m³. */
  noiseLimitDba: z.number().nullable(),
  dustLimitMgM3: z.number().nullable(),
});
export type Permit = z.infer<typeof Permit>;

export const Inspection = z.object({
  id: z.string(),
  inspectedOn: z.string(),
  result: z.enum(["compliant", "violation", "serious_violation"]),
  violations: z.number(),
  /** For a violation: the date of the next inspection, or null while there has been none. */
  followUpOn: z.string().nullable(),
});
export type Inspection = z.infer<typeof Inspection>;

export const Complaint = z.object({
  id: z.string(),
  receivedOn: z.string(),
  kind: z.enum(["noise", "odour", "dust", "light", "other"]),
  status: z.enum(["open", "in_progress", "closed"]),
});
export type Complaint = z.infer<typeof Complaint>;

/** A recent mean of one component against a norm: `exceeds` compares the two. */
export const NormCheck = z.object({ norm: Norm, exceeds: z.boolean() });

export const RecentValue = z.object({
  formula: z.string(),
  /** "24h": the mean of the last 24 hours of data; "365d": of the last 365 days. */
  window: z.enum(["24h", "365d"]),
  value: z.number().nullable(),
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

export const OpenItem = z.object({
  kind: z.enum(["violation-without-follow-up", "permit-expiring", "decision-overdue", "complaint-open"]),
  /** The permit, inspection or complaint it is about. */
  subject: z.string(),
  date: z.string(),
  message: Localized,
});
export type OpenItem = z.infer<typeof OpenItem>;

export const EstablishmentDossier = z.object({
  establishment: EstablishmentSummary,
  /** The day the dossier is judged on ("expires within 90 days" counts from here). */
  asOf: z.string(),
  permits: z.array(Permit),
  inspections: z.array(Inspection),
  complaints: z.array(Complaint),
  complaintsByYear: z.array(z.object({ year: z.number(), kind: Complaint.shape.kind, count: z.number() })),
  nearby: z.array(NearbyMeasurement),
  noise: NoiseAtLocation.nullable(),
  openItems: z.array(OpenItem),
  sources: z.array(z.object({ pipeline: z.string(), source: z.string(), licence: z.string(), runId: z.number().nullable() })),
});
export type EstablishmentDossier = z.infer<typeof EstablishmentDossier>;

export const LocationDossier = z.object({
  lat: z.number(),
  lon: z.number(),
  radiusM: z.number(),
  buurt: z.object({ code: z.string(), name: z.string(), wijkCode: z.string().nullable(), wijkName: z.string().nullable() }).nullable(),
  keyFigures: z.array(z.object({ measure: z.string(), period: z.number(), value: z.number().nullable() })),
  nearby: z.array(NearbyMeasurement),
  noise: NoiseAtLocation.nullable(),
  greenHeat: z.object({ year: z.number(), greenShare: z.number(), heatStressClass: z.number(), qualityTier: z.enum(qualityTiers) }).nullable(),
  establishments: z.array(EstablishmentSummary),
  sources: z.array(z.object({ pipeline: z.string(), source: z.string(), licence: z.string(), runId: z.number().nullable() })),
});
export type LocationDossier = z.infer<typeof LocationDossier>;

export const AuditEntry = z.object({
  at: z.string(),
  username: z.string(),
  /** Empty for a failed login. */
  role: z.union([Role, z.literal("")]),
  action: z.enum(["view-establishment", "export-establishment", "view-location", "login", "login-failed", "denied"]),
  subject: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditList = z.object({ entries: z.array(AuditEntry), total: z.number() });
export type AuditList = z.infer<typeof AuditList>;

export const Account = z.object({ username: z.string(), role: Role, disabled: z.boolean(), createdAt: z.string() });
export type Account = z.infer<typeof Account>;
export const AccountList = z.object({ accounts: z.array(Account) });
