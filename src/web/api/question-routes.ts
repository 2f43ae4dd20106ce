/**
 * Questions about a number: any role asks (POST /api/v1/questions) and reads its own with their answers
 * (GET /api/v1/questions/mine); analyst and admin list them all with the number's provenance and answer.
 * The provenance is computed here from the subject for the asker's role, never taken from the client,
 * and only analyst and admin ever get it back.
 */
import { NewAnswer, NewQuestion, QuestionPath, QuestionsQuery } from "../../ground/contract/requests/questions.ts";
import { NotFound } from "../../ground/domain-errors.ts";
import { msg } from "../../ground/i18n/message.ts";
import { provenanceOf, type ProvenanceDeps } from "../../engine/annotations/question-provenance.ts";
import type { QuestionStore } from "../../engine/annotations/question-store.ts";
import { requestSignal } from "../http/request-signal.ts";
import { sessionOf, type Route } from "../http/routes.ts";
import { parseInput } from "../http/validate.ts";

export function questionRoutes(route: Route, { questions, ...deps }: ProvenanceDeps & { questions: QuestionStore }): void {
  route("POST /api/v1/questions", async (req, res) => {
    const { subject, text } = parseInput(NewQuestion, req.body, "body");
    const session = sessionOf(res)!;
    const provenance = await provenanceOf(subject, session.role, deps);
    res.status(201).json(await questions.ask(session, subject, provenance, text));
  });

  route("GET /api/v1/questions", async (req, res) => {
    const { status } = parseInput(QuestionsQuery, req.query, "query");
    res.json({ questions: await questions.list(status, sessionOf(res)!.role, { signal: requestSignal(req, res) }) });
  });

  route("GET /api/v1/questions/mine", async (req, res) => {
    parseInput(QuestionsQuery.pick({}), req.query, "query");
    const session = sessionOf(res)!;
    res.json({ questions: await questions.mine(session.username, session.role, { signal: requestSignal(req, res) }) });
  });

  route("POST /api/v1/questions/:id/answer", async (req, res) => {
    const { id } = parseInput(QuestionPath, req.params, "path");
    const { answer } = parseInput(NewAnswer, req.body, "body");
    const answered = await questions.answer(id, answer, sessionOf(res)!);
    if (!answered) throw new NotFound(msg("unknown.question", { id }));
    res.json(answered);
  });
}
