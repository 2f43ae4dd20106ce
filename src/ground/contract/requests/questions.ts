/** The question requests: a new question about a number, the analysts' list, and an answer. */
import { z } from "zod";
import { QuestionSubject, questionStatuses } from "../contract-questions.ts";
import { choices } from "../../i18n/choices.ts";
import { reason } from "../../i18n/message.ts";

const text = (max: number) =>
  z
    .string({ error: reason("param.notEmpty") })
    .trim()
    .min(1, { error: reason("param.notEmpty") })
    .max(max, { error: reason("param.maxChars", { max }) });

export const NewQuestion = z.strictObject({ subject: QuestionSubject, text: text(1000) });

export const QuestionsQuery = z.strictObject({
  status: z.enum(questionStatuses, { error: reason("param.oneOf", { choices: choices(questionStatuses) }) }).optional(),
});

export const QuestionPath = z.object({
  id: z.coerce
    .number({ error: reason("param.questionId") })
    .int({ error: reason("param.questionId") })
    .min(1, { error: reason("param.questionId") }),
});

export const NewAnswer = z.strictObject({ answer: text(2000) });
