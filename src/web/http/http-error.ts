/**
 * The one error type of the HTTP layer (authentication, access, media types, load, input that does not
 * parse); the error middleware turns it into application/problem+json. The engine and the database
 * throw domain errors instead (src/ground/domain-errors.ts), which that middleware maps to one of these.
 */
import { msg, renderMessage, type Message } from "../../ground/i18n/message.ts";
import { serverMessages, type ServerMessageKey } from "../../ground/i18n/catalogue.ts";

/** A refused parameter of a 400: its name, and why (in the answer's language). */
export interface InvalidParam {
  readonly name: string;
  readonly reason: Message;
}

export interface HttpErrorOptions {
  /** Instead of the status's own title (`title.<status>` in the catalogue). */
  title?: Message;
  cause?: unknown;
  invalidParams?: readonly InvalidParam[];
  /** Seconds for the Retry-After header (a 429 without one says 1). */
  retryAfter?: number;
  /** The detail is the second argument, a catalogue message: an English string here would not be translated. */
  detail?: never;
  /** Extra members of the problem body, sent as they are (no text for people). */
  [member: string]: unknown;
}

const titleOf = (status: number): Message => {
  const key = `title.${status}`;
  return key in serverMessages.en ? { key: key as Extract<ServerMessageKey, `title.${number}`>, params: {} } : msg("title.other");
};

/**
 * Texts are catalogue messages, rendered in the request's language by the problem handler; `title` and
 * `detail` (and `message`, for logs) are the English renderings.
 * @example throw new HttpError(404, msg("unknown.indicator", { id: quoted(id) }));
 */
export class HttpError extends Error {
  readonly status: number;
  readonly titleMessage: Message;
  /** Several messages are joined with "; " (a 400 naming each refused parameter). */
  readonly detailMessages: readonly Message[];
  readonly invalidParams: readonly InvalidParam[] | undefined;
  readonly extensions: Record<string, unknown>;
  readonly retryAfter: number | undefined;

  constructor(
    status: number,
    detail: Message | readonly Message[] | undefined,
    { title, cause, invalidParams, retryAfter, ...extensions }: HttpErrorOptions = {},
  ) {
    const titleMessage = title ?? titleOf(status);
    const detailMessages = detail === undefined ? [] : "key" in detail ? [detail] : detail;
    const english = detailMessages.map((m) => renderMessage("en", m)).join("; ");
    super(english ? `${renderMessage("en", titleMessage)}: ${english}` : renderMessage("en", titleMessage), { cause });
    this.status = status;
    this.titleMessage = titleMessage;
    this.detailMessages = detailMessages;
    this.invalidParams = invalidParams;
    this.retryAfter = retryAfter;
    this.extensions = extensions;
  }

  get title(): string {
    return renderMessage("en", this.titleMessage);
  }

  get detail(): string | undefined {
    return this.detailMessages.length ? this.detailMessages.map((m) => renderMessage("en", m)).join("; ") : undefined;
  }
}
