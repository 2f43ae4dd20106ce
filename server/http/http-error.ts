/** The one error type of the HTTP layer; the error middleware turns it into application/problem+json. */
export class HttpError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  /** Extra members of the problem body, e.g. the offending parameter. */
  readonly extensions: Record<string, unknown>;

  constructor(
    status: number,
    title: string,
    { detail, cause, ...extensions }: { detail?: string; cause?: unknown; [key: string]: unknown } = {},
  ) {
    super(detail ? `${title}: ${detail}` : title, { cause });
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.extensions = extensions;
  }
}

/**
 * A value from the request as an error message may quote it: only a short plain token (an id, a
 * code, a path) is echoed, anything else is not, so no answer ever reflects hostile input.
 */
export const quoted = (value: string): string => (/^[\w./:-]{1,120}$/.test(value) ? value : "(not shown)");
