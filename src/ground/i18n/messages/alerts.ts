/**
 * The message of each kind of alert (src/engine/alerts): rendered in both languages when the alert opens,
 * kept with it in meta.alerts and sent in its webhook events.
 */
import { defineMessages } from "../define-messages.ts";

export const alertMessages = defineMessages(
  {
    "alert.indicatorOffTrack": "Indicator {indicator} is niet op koers. {reason}",
    "alert.stationAbove24h": "Meetstation {stationName} ({station}): daggemiddelde {component} op {day} was {mean} µg/m³, boven de {norm} van {limit} µg/m³.",
    "alert.pipelineFailed": "Pipeline {title} ({pipeline}) is mislukt in run {runId}; de vorige gegevens blijven staan. Fout: {error}",
    "alert.pipelineStale": "De gegevens van pipeline {pipeline} zijn verouderd: het nieuwste record ({latest}) is {age} uur oud, de grens is {limit} uur.",
  },
  {
    "alert.indicatorOffTrack": "Indicator {indicator} is off track. {reason}",
    "alert.stationAbove24h": "Station {stationName} ({station}): the {component} daily mean on {day} was {mean} µg/m³, above the {norm} of {limit} µg/m³.",
    "alert.pipelineFailed": "Pipeline {title} ({pipeline}) failed in run {runId}; the previous data is kept. Error: {error}",
    "alert.pipelineStale": "The data of pipeline {pipeline} is stale: its newest record ({latest}) is {age} hours old, the limit is {limit} hours.",
  },
);
