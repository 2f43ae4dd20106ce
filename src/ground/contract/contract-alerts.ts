/**
 * GET /api/v1/alerts: the request and response shapes (zod), beside contract.ts. Which alerts a role
 * gets is decided in src/engine/alerts/alert-visibility.ts.
 */
import { z } from "zod";
import { Localized } from "./contract.ts";
import { choices } from "../i18n/choices.ts";
import { reason } from "../i18n/message.ts";

export const alertKinds = ["indicator-off-track", "station-24h", "pipeline-failed", "pipeline-stale"] as const;
export const AlertKind = z.enum(alertKinds);
export type AlertKind = z.infer<typeof AlertKind>;

const alertStates = ["open", "all"] as const;
export const AlertsQuery = z.strictObject({
  state: z.enum(alertStates, { error: reason("param.oneOf", { choices: choices(alertStates) }) }).default("open"),
});

export const AlertDelivery = z.object({
  event: z.enum(["opened", "resolved"]).nullable(),
  /** none: no webhook configured. */
  status: z.enum(["none", "pending", "delivered", "failed"]),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
});

export const Alert = z.object({
  id: z.number().int(),
  /** The rule's id in the rules file. */
  rule: z.string(),
  kind: AlertKind,
  /** An indicator id, a pipeline name, or "<station>/<component>". */
  subject: z.string(),
  /** The page the subject has in the app. */
  target: z.object({ page: z.enum(["indicator", "station", "pipeline"]), id: z.string() }),
  message: Localized,
  openedAt: z.string(),
  resolvedAt: z.string().nullable(),
  /** The subject's page: absolute when MM_URL is set, else a path. */
  link: z.string(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  /** The webhook delivery of the last event; analyst and admin only (null for others). */
  delivery: AlertDelivery.nullable(),
});
export type Alert = z.infer<typeof Alert>;

export const AlertList = z.object({
  /** Open alerts first (newest first), then resolved ones (latest resolved first, at most 100). */
  alerts: z.array(Alert),
  /** How many of the alerts this role may see are open (for the header's badge). */
  open: z.number().int(),
});
export type AlertList = z.infer<typeof AlertList>;

/** What a webhook receives: one POST per event, signed when MM_ALERT_WEBHOOK_SECRET is set. */
export const AlertEvent = z.object({
  event: z.enum(["opened", "resolved"]),
  alert: Alert.omit({ delivery: true }),
});
export type AlertEvent = z.infer<typeof AlertEvent>;
