/** The annotation requests: which subject's notes to list, a new note, and the id of one to delete. */
import { z } from "zod";
import { reason } from "../../i18n/message.ts";

const subjectId = z
  .string()
  .min(1, { error: reason("param.notEmpty") })
  .max(100, { error: reason("param.maxChars", { max: 100 }) });

/** Exactly one subject: ?indicator=, ?station= or ?pipeline=. */
export const AnnotationsQuery = z
  .strictObject({ indicator: subjectId.optional(), station: subjectId.optional(), pipeline: subjectId.optional() })
  .refine((q) => [q.indicator, q.station, q.pipeline].filter((v) => v !== undefined).length === 1, { error: reason("param.oneSubject"), path: ["indicator"] });

const day = (name: string) => z.iso.date({ error: reason("param.date", { name }) });
const text = (max: number) =>
  z
    .string({ error: reason("param.notEmpty") })
    .trim()
    .min(1, { error: reason("param.notEmpty") })
    .max(max, { error: reason("param.maxChars", { max }) });

export const NewAnnotation = z
  .strictObject({
    subject: z.enum(["indicator", "station", "pipeline"], { error: reason("param.oneSubject") }),
    subjectId,
    from: day("from"),
    to: day("to").optional(),
    text: text(500),
    textEn: text(500).optional(),
  })
  .refine((a) => a.to === undefined || a.from <= a.to, { error: reason("param.fromNotAfterTo"), path: ["from"] });

export const AnnotationPath = z.object({
  id: z.coerce
    .number({ error: reason("param.annotationId") })
    .int({ error: reason("param.annotationId") })
    .min(1, { error: reason("param.annotationId") }),
});
