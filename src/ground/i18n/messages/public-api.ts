/** Details of problems with the public API and the embeddable widget (GET /api/v1/public/…). */
import { defineMessages } from "../define-messages.ts";

export const publicApiMessages = defineMessages(
  {
    "public.notFound": "geen openbare indicator met dit id; het beleidsplan bepaalt welke indicatoren openbaar zijn",
    "public.originDenied": "herkomst {origin} mag dit niet vanaf een andere site lezen; zie MM_WIDGET_ORIGINS",
  },
  {
    "public.notFound": "no public indicator with this id; the policy plan marks which indicators are public",
    "public.originDenied": "origin {origin} may not read this from another site; see MM_WIDGET_ORIGINS",
  },
);
