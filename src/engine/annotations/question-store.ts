/**
 * meta.questions: questions about a number from any role, with the number's provenance as computed
 * for the asker, and the analysts' answers. The provenance goes to analyst and admin only.
 */
import type { Role } from "../../ground/contract/contract.ts";
import type { Question, QuestionProvenance, QuestionSubject } from "../../ground/contract/contract-questions.ts";
import type { Database, QueryOptions, Row } from "../../store/database.ts";
import { seesAuthor } from "./annotation-store.ts";

const iso = (column: string) => `strftime(${column}, '%Y-%m-%dT%H:%M:%SZ') AS ${column}`;
const COLUMNS = `question_id, asked_by, asked_role, ${iso("asked_at")}, subject, provenance, text, status, answer, answered_by, ${iso("answered_at")}`;

const BY_ID_SQL = `SELECT ${COLUMNS} FROM meta.questions WHERE question_id = $1`;
const LIST_SQL = `SELECT ${COLUMNS} FROM meta.questions WHERE $1::VARCHAR IS NULL OR status = $1 ORDER BY asked_at DESC, question_id DESC`;
const MINE_SQL = `SELECT ${COLUMNS} FROM meta.questions WHERE asked_by = $1 ORDER BY asked_at DESC, question_id DESC`;

/** Analyst and admin work on the questions: they see the provenance attached to each. */
export const seesProvenance = seesAuthor;

const toQuestion = (r: Row, role: Role): Question => ({
  id: Number(r.question_id),
  askedBy: String(r.asked_by),
  askedByRole: r.asked_role as Role,
  askedAt: String(r.asked_at),
  subject: JSON.parse(String(r.subject)) as QuestionSubject,
  text: String(r.text),
  status: r.status as Question["status"],
  answer: (r.answer as string | null) ?? null,
  answeredBy: (r.answered_by as string | null) ?? null,
  answeredAt: (r.answered_at as string | null) ?? null,
  provenance: seesProvenance(role) ? (JSON.parse(String(r.provenance)) as QuestionProvenance) : null,
});

export function createQuestionStore(db: Database, clock: () => Date) {
  const byId = async (id: number, role: Role) => {
    const rows = await db.query(BY_ID_SQL, [id]);
    return rows[0] ? toQuestion(rows[0], role) : null;
  };
  return {
    async ask(asker: { username: string; role: Role }, subject: QuestionSubject, provenance: QuestionProvenance, text: string): Promise<Question> {
      const rows = await db.query(
        `INSERT INTO meta.questions (asked_by, asked_role, asked_at, subject, provenance, text, status)
         VALUES ($1, $2, $3::TIMESTAMP, $4, $5, $6, 'open') RETURNING question_id`,
        [asker.username, asker.role, clock().toISOString(), JSON.stringify(subject), JSON.stringify(provenance), text],
      );
      return (await byId(Number(rows[0]!.question_id), asker.role))!;
    },

    /** Every question (newest first), or those of one status: for analyst and admin. */
    async list(status: Question["status"] | undefined, role: Role, options: QueryOptions = {}): Promise<Question[]> {
      const rows = await db.query(LIST_SQL, [status ?? null], options);
      return rows.map((r) => toQuestion(r, role));
    },

    /** The asker's own questions with their answers (newest first). */
    async mine(username: string, role: Role, options: QueryOptions = {}): Promise<Question[]> {
      const rows = await db.query(MINE_SQL, [username], options);
      return rows.map((r) => toQuestion(r, role));
    },

    /** Sets (or corrects) the answer; null when there is no such question. */
    async answer(id: number, answer: string, by: { username: string; role: Role }): Promise<Question | null> {
      const rows = await db.query(
        "UPDATE meta.questions SET status = 'answered', answer = $2, answered_by = $3, answered_at = $4::TIMESTAMP WHERE question_id = $1 RETURNING question_id",
        [id, answer, by.username, clock().toISOString()],
      );
      return rows[0] ? byId(id, by.role) : null;
    },
  };
}

export type QuestionStore = ReturnType<typeof createQuestionStore>;
