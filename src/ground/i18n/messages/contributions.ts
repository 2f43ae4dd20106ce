/** Why a request for an indicator's contributions or parts was refused (GET /api/v1/indicators/{id}/contributions, …/parts). */
import { defineMessages } from "../define-messages.ts";

export const contributionMessages = defineMessages(
  {
    "contributions.by": 'moet "area" (de wijken), "sector" of "source" zijn',
    "contributions.partsBy": 'moet "sector" of "source" zijn',
    "contributions.notOffered": "{indicator} is niet uit te splitsen per {by}; wel per: {offered}",
    "contributions.noPeriod": "{indicator} heeft geen waarde voor {period}; perioden met een waarde: {periods}",
  },
  {
    "contributions.by": 'must be "area" (the wijken), "sector" or "source"',
    "contributions.partsBy": 'must be "sector" or "source"',
    "contributions.notOffered": "{indicator} cannot be broken down by {by}; it can by: {offered}",
    "contributions.noPeriod": "{indicator} has no value for {period}; periods with a value: {periods}",
  },
);
