/**
 * Notes on the data (issue 21, point 7): a dated annotation on an indicator, a station or a pipeline
 * ("station moved 200 m", "source outage 3–5 May"), shown on its charts, in its provenance and in its
 * exports. Not personal: every role reads them; the author's name goes to analyst and admin only.
 */
import { z } from "zod";

export const annotationSubjects = ["indicator", "station", "pipeline"] as const;
export const AnnotationSubject = z.enum(annotationSubjects);
export type AnnotationSubject = z.infer<typeof AnnotationSubject>;

/** What an annotation says, in Dutch and optionally in English (null: the Dutch text is shown). */
export const AnnotationText = z.object({ nl: z.string(), en: z.string().nullable() });

/** An annotation as the provenance of a number carries it: what and when, never who. */
export const ProvenanceNote = z.object({
  id: z.number().int(),
  /** The first day it is about (YYYY-MM-DD). */
  from: z.iso.date(),
  /** The last day of a range (YYYY-MM-DD), or null for one day. */
  to: z.iso.date().nullable(),
  text: AnnotationText,
});
export type ProvenanceNote = z.infer<typeof ProvenanceNote>;

export const Annotation = ProvenanceNote.extend({
  subject: AnnotationSubject,
  /** The indicator id, station number or pipeline name. */
  subjectId: z.string(),
  /** Who wrote it: analyst and admin only, null for other roles. */
  author: z.string().nullable(),
  createdAt: z.string(),
});
export type Annotation = z.infer<typeof Annotation>;

export const AnnotationList = z.object({
  /** Oldest date first; numbered in this order on the charts. */
  annotations: z.array(Annotation),
  /** Whether the caller's role may add and delete notes (analyst, admin): the client shows its form by it. */
  mayWrite: z.boolean(),
});
export type AnnotationList = z.infer<typeof AnnotationList>;
