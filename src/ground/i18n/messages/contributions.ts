/** Why a request for an indicator's contributions or parts was refused (GET /api/v1/indicators/{id}/contributions, …/parts). */
import { defineMessages } from "../define-messages.ts";

export const contributionMessages = defineMessages(
  {
    "contributions.by": 'moet "area" (de wijken), "sector", "source", "stream" (afvalstromen) of "effect" (effecten per inwoner) zijn',
    "contributions.partsBy": 'moet "sector", "source" of "stream" zijn',
    "contributions.notOffered": "{indicator} is niet uit te splitsen per {by}; wel per: {offered}",
    "contributions.noPeriod": "{indicator} heeft geen waarde voor {period}; perioden met een waarde: {periods}",
    "contributions.noParts": "{indicator} heeft voor {period} geen uitsplitsing per {by}; perioden met een uitsplitsing: {periods}",
    "contributions.noInhabitants":
      "{indicator} is niet uit te splitsen in effecten voor {period}: het aantal inwoners van de gemeente (CBS-kerncijfers) ontbreekt voor dat jaar; perioden met een waarde en inwoners: {periods}",
  },
  {
    "contributions.by": 'must be "area" (the wijken), "sector", "source", "stream" (waste streams) or "effect" (per-capita effects)',
    "contributions.partsBy": 'must be "sector", "source" or "stream"',
    "contributions.notOffered": "{indicator} cannot be broken down by {by}; it can by: {offered}",
    "contributions.noPeriod": "{indicator} has no value for {period}; periods with a value: {periods}",
    "contributions.noParts": "{indicator} has no breakdown by {by} for {period}; periods with one: {periods}",
    "contributions.noInhabitants":
      "{indicator} cannot be split into effects for {period}: the municipality's inhabitants (CBS key figures) are missing for that year; periods with a value and inhabitants: {periods}",
  },
);
