/**
 * Questions about a number (issue 21, point 7): any role asks the analysts ("dit lijkt niet te
 * kloppen"); the server attaches the number's provenance, computed from the subject for the asker's
 * role. The provenance is for analyst and admin only: the asker gets their question and its answer.
 */
import { z } from "zod";
import { Role } from "./contract.ts";
import { areaCode } from "./params.ts";
import { reason } from "../i18n/message.ts";
import { choices } from "../i18n/choices.ts";

const subjectKinds = ["indicator", "station"] as const;

/** Which number the question is about: an indicator's value (of an area, in a period) or a station. */
export const QuestionSubject = z.discriminatedUnion(
  "kind",
  [
    z.strictObject({
      kind: z.literal("indicator"),
      indicatorId: z.string().min(1).max(100),
      /** The period of the value; the latest with a value when left out. */
      period: z
        .string()
        .regex(/^\d{4}$/, { error: reason("param.year") })
        .optional(),
      /** The area of the value; the municipality when left out. */
      areaCode: areaCode.optional(),
    }),
    z.strictObject({
      kind: z.literal("station"),
      station: z.string().regex(/^[A-Z]{2}\d{5}$/, { error: reason("param.stationNumber") }),
    }),
  ],
  { error: reason("param.oneOf", { choices: choices(subjectKinds) }) },
);
export type QuestionSubject = z.infer<typeof QuestionSubject>;

/** The number as the server served it to the asker's role when the question came in. */
export const QuestionProvenance = z.object({
  indicatorId: z.string().nullable(),
  station: z.string().nullable(),
  name: z.string(),
  period: z.string().nullable(),
  areaCode: z.string().nullable(),
  areaName: z.string().nullable(),
  /** The value as served to `servedTo` (null when suppressed for that role or missing). */
  value: z.number().nullable(),
  suppressed: z.boolean(),
  unit: z.string().nullable(),
  /** The role the value was computed for: the asker's. */
  servedTo: Role,
  source: z.string(),
  licence: z.string().nullable(),
  /** The published run of every pipeline the number comes from. */
  runs: z.array(z.object({ pipeline: z.string(), runId: z.number().nullable() })),
  /** The published runs joined, as the data version. */
  dataVersion: z.string(),
  qualityTier: z.string().nullable(),
});
export type QuestionProvenance = z.infer<typeof QuestionProvenance>;

export const questionStatuses = ["open", "answered"] as const;

export const Question = z.object({
  id: z.number().int(),
  askedBy: z.string(),
  askedByRole: Role,
  askedAt: z.string(),
  subject: QuestionSubject,
  text: z.string(),
  status: z.enum(questionStatuses),
  answer: z.string().nullable(),
  answeredBy: z.string().nullable(),
  answeredAt: z.string().nullable(),
  /** Analyst and admin only (null for the asker's own list of another role). */
  provenance: QuestionProvenance.nullable(),
});
export type Question = z.infer<typeof Question>;

export const QuestionList = z.object({ questions: z.array(Question) });
export type QuestionList = z.infer<typeof QuestionList>;
