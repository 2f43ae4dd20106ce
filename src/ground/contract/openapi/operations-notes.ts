/**
 * The operations of the notes on the data and the questions about a number (issue 21, point 7), spread
 * into the operations table (operations.ts) at their place in the document.
 */
import type { RouteKey } from "../access.ts";
import { AnnotationPath, AnnotationsQuery, NewAnnotation } from "../requests/annotations.ts";
import { NewAnswer, NewQuestion, QuestionPath, QuestionsQuery } from "../requests/questions.ts";
import { json, type Operation } from "./operation.ts";

export const noteOperations = {
  "GET /api/v1/annotations": {
    summary:
      "The notes on an indicator, a station or a pipeline (exactly one of indicator, station, pipeline), oldest date first; the author for analyst and admin only",
    summaryNl:
      "De notities bij een indicator, meetstation of pijplijn (precies één van indicator, station, pipeline), oudste datum eerst; de auteur alleen voor analist en beheerder",
    tag: "themes",
    query: AnnotationsQuery,
    responses: { 200: json("AnnotationList", "The notes") },
  },
  "POST /api/v1/annotations": {
    summary: "Add a dated note (a day or a range, text up to 500 characters, Dutch and optionally English) to an indicator, a station or a pipeline",
    summaryNl:
      "Een gedateerde notitie (een dag of periode, tekst tot 500 tekens, Nederlands en eventueel Engels) toevoegen aan een indicator, meetstation of pijplijn",
    tag: "themes",
    body: NewAnnotation,
    responses: { 201: json("Annotation", "The note") },
  },
  "DELETE /api/v1/annotations/:id": {
    summary: "Delete a note",
    summaryNl: "Een notitie verwijderen",
    tag: "themes",
    path: AnnotationPath,
    responses: { 204: { description: "Deleted" } },
  },
  "POST /api/v1/questions": {
    summary: "Ask the analysts about a number; the server attaches the number's provenance as served to the asker's role (returned to analyst and admin only)",
    summaryNl:
      "De analisten een vraag stellen over een getal; de server voegt de herkomst toe zoals de rol van de vrager het getal kreeg (alleen zichtbaar voor analist en beheerder)",
    tag: "themes",
    body: NewQuestion,
    responses: { 201: json("Question", "The question") },
  },
  "GET /api/v1/questions/mine": {
    summary: "The caller's own questions with their answers, newest first",
    summaryNl: "De eigen vragen met hun antwoorden, nieuwste eerst",
    tag: "themes",
    responses: { 200: json("QuestionList", "The questions") },
  },
  "GET /api/v1/questions": {
    summary: "Every question, newest first, with the number's provenance; status=open|answered filters",
    summaryNl: "Alle vragen, nieuwste eerst, met de herkomst van het getal; status=open|answered filtert",
    tag: "themes",
    query: QuestionsQuery,
    responses: { 200: json("QuestionList", "The questions") },
  },
  "POST /api/v1/questions/:id/answer": {
    summary: "Answer a question (again, to correct the answer)",
    summaryNl: "Een vraag beantwoorden (opnieuw, om het antwoord te verbeteren)",
    tag: "themes",
    path: QuestionPath,
    body: NewAnswer,
    responses: { 200: json("Question", "The answered question") },
  },
} satisfies Partial<Record<RouteKey, Operation>>;
