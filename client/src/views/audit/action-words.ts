/** An audit action in words in the current language; the code itself when the catalogue has no words for it. */
import type { AuditAction } from "../../audit-state.ts";
import { t } from "../../i18n.ts";
import { messages, type MessageKey } from "../../messages.ts";

export function actionWords(action: AuditAction): string {
  const key = `audit.action.${action}`;
  return key in messages.nl ? t(key as MessageKey) : action;
}
