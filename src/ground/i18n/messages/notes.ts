/** Annotations and questions (issue 21, point 7): refused parameters, unknown ids, and the export's note lines. */
import { defineMessages } from "../define-messages.ts";

export const noteMessages = defineMessages(
  {
    "param.oneSubject": 'geef precies één onderwerp: "indicator", "station" of "pipeline"',
    "param.annotationId": "moet het nummer van een notitie zijn",
    "param.questionId": "moet het nummer van een vraag zijn",
    "param.unknownSubject": "onbekend(e) {subject}: {id}",
    "param.noPeriodValue": "{indicator} heeft geen waarde voor periode {period}",
    "param.stationSubject": "een vraag over een meetstation kan alleen een rol die meetstations ziet stellen",
    "unknown.annotation": "onbekende notitie: {id}",
    "unknown.question": "onbekende vraag: {id}",
    "export.note": "notitie {number} ({dates}): {text}",
  },
  {
    "param.oneSubject": 'give exactly one subject: "indicator", "station" or "pipeline"',
    "param.annotationId": "must be the number of an annotation",
    "param.questionId": "must be the number of a question",
    "param.unknownSubject": "unknown {subject}: {id}",
    "param.noPeriodValue": "{indicator} has no value for period {period}",
    "param.stationSubject": "only a role that sees the monitoring stations can ask about one",
    "unknown.annotation": "unknown annotation: {id}",
    "unknown.question": "unknown question: {id}",
    "export.note": "note {number} ({dates}): {text}",
  },
);
