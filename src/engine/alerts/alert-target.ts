/** The app page an alert's subject has, as a target and as a link for the webhook and the API. */
import type { Alert } from "../../ground/contract/contract-alerts.ts";
import type { StoredAlert } from "./alert-store.ts";

export function targetOf(alert: Pick<StoredAlert, "kind" | "subject">): Alert["target"] {
  if (alert.kind === "indicator-off-track") return { page: "indicator", id: alert.subject };
  if (alert.kind === "station-24h") return { page: "station", id: alert.subject.split("/")[0]! };
  return { page: "pipeline", id: alert.subject };
}

const paths = { indicator: "indicators", station: "stations", pipeline: "pipelines" } as const;

/** `baseUrl` is MM_URL when set: a receiver outside the app needs an absolute link. */
export function linkOf(alert: Pick<StoredAlert, "kind" | "subject">, baseUrl: string | undefined): string {
  const target = targetOf(alert);
  return `${(baseUrl ?? "").replace(/\/$/, "")}/#/${paths[target.page]}/${encodeURIComponent(target.id)}`;
}
