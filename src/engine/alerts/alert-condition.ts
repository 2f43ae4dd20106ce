/** What an evaluation finds: one condition per rule and subject that holds now. */
import type { Localized } from "../../ground/contract/contract.ts";
import type { AlertKind } from "./alert-rules.ts";

export interface AlertCondition {
  rule: string;
  kind: AlertKind;
  /** Stable within a rule: an indicator id, a pipeline name, or "<station>/<component>". */
  subject: string;
  message: Localized;
  /** Kept with the alert and shown only to the roles that may see this kind (see alert-visibility.ts). */
  details: Record<string, string | number | null>;
}

/** Rounds a concentration for a message (one decimal, as the station pages show). */
export const round1 = (value: number) => Math.round(value * 10) / 10;
