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
