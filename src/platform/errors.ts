/**
 * Domain errors: what a service refuses, independent of HTTP or the CLI. Each carries a
 * stable `code` and its `params`, and a message in English for logs and API clients. The
 * words a person reads come from the code: src/kernel/messages/ (es.ts, en.ts) has every
 * code in Spanish and English, and a test fails when the sources use a code it lacks. The
 * HTTP layer maps the errors to problem+json (`problemOf` in http/problem.ts: `code`,
 * `params`), the web app and the CLI (`--lang`, LANG) render the code in the reader's
 * language.
 */
export type ErrorParams = Record<string, string | number | boolean | null>;

/** One field's complaint in a validation error: the input path and the message. */
export interface FieldError {
  path: string;
  message: string;
}

export type DomainErrorKind = 'not_found' | 'conflict' | 'validation' | 'forbidden';

export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;

  constructor(
    readonly code: string,
    message: string,
    readonly params: ErrorParams = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * Something the caller asked for does not exist or is not visible to them (the two
 * are not told apart, so that codes outside one's scope are not revealed).
 */
export class NotFoundError extends DomainError {
  readonly kind = 'not_found';

  /** `what` names the thing in the message: `Inscription 12` gives "Inscription 12 not found". */
  static of(what: string, code = 'not_found', params: ErrorParams = {}): NotFoundError {
    return new NotFoundError(code, `${what} not found`, { what, ...params });
  }
}

/** The request is valid but contradicts the current state (already suspended, already merged…). */
export class ConflictError extends DomainError {
  readonly kind = 'conflict';
}

/** The input breaks a rule; `errors` lists the fields at fault when there are some. */
export class ValidationError extends DomainError {
  readonly kind = 'validation';

  constructor(
    code: string,
    message: string,
    params: ErrorParams = {},
    readonly errors?: FieldError[],
  ) {
    super(code, message, params);
  }
}

/** The actor may not do this (a role or scope refusal decided by the service). */
export class ForbiddenError extends DomainError {
  readonly kind = 'forbidden';
}
