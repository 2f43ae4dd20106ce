/**
 * meta.annotations: dated notes on an indicator, a station or a pipeline. Every role reads them (they
 * are about the data, not about people); who wrote one is for the roles that work on the data.
 */
import type { Annotation, AnnotationSubject, ProvenanceNote } from "../../ground/contract/contract-annotations.ts";
import type { Role } from "../../ground/contract/contract.ts";
import type { Database, QueryOptions, Row } from "../../store/database.ts";

/** The roles that see who wrote a note: the analysts, who write them, and the admin. */
export const seesAuthor = (role: Role) => role === "analyst" || role === "admin";

const COLUMNS = `annotation_id, subject, subject_id, strftime(date_from, '%Y-%m-%d') AS date_from, strftime(date_to, '%Y-%m-%d') AS date_to,
  text_nl, text_en, author, strftime(created_at, '%Y-%m-%dT%H:%M:%SZ') AS created_at`;
const LIST_SQL = `SELECT ${COLUMNS} FROM meta.annotations WHERE subject = $1 AND subject_id = $2 ORDER BY date_from, annotation_id`;
const BY_ID_SQL = `SELECT ${COLUMNS} FROM meta.annotations WHERE annotation_id = $1`;

export interface NewAnnotation {
  subject: AnnotationSubject;
  subjectId: string;
  from: string;
  to: string | null;
  text: { nl: string; en: string | null };
}

const toAnnotation = (r: Row, role: Role): Annotation => ({
  id: Number(r.annotation_id),
  subject: r.subject as AnnotationSubject,
  subjectId: String(r.subject_id),
  from: String(r.date_from),
  to: (r.date_to as string | null) ?? null,
  text: { nl: String(r.text_nl), en: (r.text_en as string | null) ?? null },
  author: seesAuthor(role) ? String(r.author) : null,
  createdAt: String(r.created_at),
});

export function createAnnotationStore(db: Database, clock: () => Date) {
  return {
    async list(subject: AnnotationSubject, subjectId: string, role: Role, options: QueryOptions = {}): Promise<Annotation[]> {
      return (await db.query(LIST_SQL, [subject, subjectId], options)).map((r) => toAnnotation(r, role));
    },

    /** An indicator's notes as its provenance carries them: the same for every role (no author). */
    async provenanceNotes(indicatorId: string, options: QueryOptions = {}): Promise<ProvenanceNote[]> {
      return (await db.query(LIST_SQL, ["indicator", indicatorId], options)).map((r) => {
        const { id, from, to, text } = toAnnotation(r, "policy");
        return { id, from, to, text };
      });
    },

    async add(note: NewAnnotation, author: string, role: Role): Promise<Annotation> {
      const rows = await db.query(
        `INSERT INTO meta.annotations (subject, subject_id, date_from, date_to, text_nl, text_en, author, created_at)
         VALUES ($1, $2, $3::DATE, $4::DATE, $5, $6, $7, $8::TIMESTAMP) RETURNING annotation_id`,
        [note.subject, note.subjectId, note.from, note.to, note.text.nl, note.text.en, author, clock().toISOString()],
      );
      const added = await db.query(BY_ID_SQL, [Number(rows[0]!.annotation_id)]);
      return toAnnotation(added[0]!, role);
    },

    /** Whether there was such a note. */
    async remove(id: number): Promise<boolean> {
      const rows = await db.query("DELETE FROM meta.annotations WHERE annotation_id = $1 RETURNING annotation_id", [id]);
      return rows.length > 0;
    },
  };
}

export type AnnotationStore = ReturnType<typeof createAnnotationStore>;

/** The notes in the provenance of a table answer (series, values per area). */
export function withNotes<T extends { provenance: object }>(value: T, notes: readonly ProvenanceNote[]): T {
  return { ...value, provenance: { ...value.provenance, annotations: [...notes] } };
}
