/**
 * What the engine (themes, dossiers, stations, pipelines, alerts) and the database refuse with. They
 * know nothing of HTTP: the one edge that turns them into application/problem+json, with a status,
 * is src/web/http/problem.ts (ADR 0016). Texts are catalogue messages, as in HttpError; `title`,
 * `detail` and `message` are their English renderings, for logs.
 */
import { msg, renderMessage, type Message } from "./i18n/message.ts";

/** The base of the errors below: a title and a detail, both catalogue messages. */
export abstract class DomainError extends Error {
  readonly titleMessage: Message;
  readonly detailMessages: readonly Message[];

  constructor(title: Message, detail: Message, options?: { cause?: unknown }) {
    // The same English text as the HttpError it becomes, so log lines do not change.
    super(`${renderMessage("en", title)}: ${renderMessage("en", detail)}`, options);
    this.titleMessage = title;
    this.detailMessages = [detail];
  }

  get title(): string {
    return renderMessage("en", this.titleMessage);
  }

  get detail(): string {
    return this.detailMessages.map((m) => renderMessage("en", m)).join("; ");
  }
}

/**
 * Nothing by that id or name (an indicator, a station, a run).
 * @example throw new NotFound(msg("unknown.indicator", { id: quoted(id) }));
 */
export class NotFound extends DomainError {
  constructor(detail: Message) {
    super(msg("title.404"), detail);
  }
}

/** Where a refused parameter was given. */
export type ParameterPlace = "query" | "body" | "path";

const inPlace = { query: "param.inQuery", body: "param.inBody", path: "param.inPath" } as const;

/** "query parameter area: <reason>", the text of a 400 for each refused parameter. */
export const refusedParameter = (name: string, reason: Message, place: ParameterPlace): Message => msg(inPlace[place], { name, reason });

/**
 * A parameter that is well-formed but does not fit (an area below the indicator's level); `name` is
 * as it is shown in the text and in the problem's `invalidParams`.
 * @example throw new BadParameter("area", msg("param.unknownArea", { code: quoted(code) }));
 */
export class BadParameter extends DomainError {
  readonly parameter: string;
  readonly reason: Message;
  readonly place: ParameterPlace;

  constructor(name: string, reason: Message, place: ParameterPlace = "query") {
    super(msg("title.400"), refusedParameter(name, reason, place));
    this.parameter = name;
    this.reason = reason;
    this.place = place;
  }
}

/** The resource is in a state that refuses the request (a pipeline already running, a backup file that exists). */
export class Conflict extends DomainError {
  constructor(detail: Message) {
    super(msg("title.409"), detail);
  }
}

/** Cannot answer now (the database or the runner is shutting down); asking again later may work. */
export class Unavailable extends DomainError {
  constructor(detail: Message, { title = msg("title.503"), cause }: { title?: Message; cause?: unknown } = {}) {
    super(title, detail, { cause });
  }
}

/** A query (or the wait for a connection to run it on) passed its deadline: unavailable, titled "Query Timeout". */
export class QueryTimeout extends Unavailable {
  constructor(detail: Message, options: { cause?: unknown } = {}) {
    super(detail, { title: msg("title.queryTimeout"), ...options });
  }
}

/**
 * Thrown by a computation that saw a publish happen under it: the answer is built again
 * (buildFromOneVersion, the alert monitor). A signal to retry, not an answer: it has no problem of
 * its own, and one that escapes is a bug (500).
 */
export class DataChanged extends Error {
  constructor() {
    super("the published data changed during the computation");
  }
}
