/** The go-live check (src/engine/pipelines/go-live-check.ts): why a pipeline was not tried, and the check's own failures. */
import { defineMessages } from "../define-messages.ts";

export const goLiveMessages = defineMessages(
  {
    "goLive.noDemoData": "niet geprobeerd: geen demodata ({missing} ontbreekt)",
    "goLive.failed": "de bronnencontrole kon niet draaien: {detail}",
    "goLive.unavailable": "bronnencontroles zijn in deze opstelling niet beschikbaar",
  },
  {
    "goLive.noDemoData": "not tried: no demo data ({missing} is missing)",
    "goLive.failed": "the go-live check could not run: {detail}",
    "goLive.unavailable": "go-live checks are not available in this set-up",
  },
);
