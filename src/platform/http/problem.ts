import type { DomainError, DomainErrorKind } from '../errors.ts';

/** RFC 9457 problem details; validation problems carry `errors: [{ path, message }]`. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: { path: string; message: string }[];
  [extra: string]: unknown;
}

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
    this.name = 'HttpProblem';
  }

  toProblem(): Problem {
    return { type: 'about:blank', title: this.title, status: this.status, ...(this.detail ? { detail: this.detail } : {}), ...this.extra };
  }
}

export const notFound = (what: string): HttpProblem => new HttpProblem(404, 'Not Found', `${what} not found`, { code: 'http.not_found', params: { what } });
export const conflict = (detail: string): HttpProblem => new HttpProblem(409, 'Conflict', detail, { code: 'http.conflict' });
export const badRequest = (detail: string, errors?: { path: string; message: string }[]): HttpProblem =>
  new HttpProblem(400, 'Bad Request', detail, { code: 'http.bad_request', ...(errors ? { errors } : {}) });

const STATUS_OF = {
  not_found: { status: 404, title: 'Not Found' },
  conflict: { status: 409, title: 'Conflict' },
  validation: { status: 400, title: 'Bad Request' },
  forbidden: { status: 403, title: 'Forbidden' },
} as const satisfies Record<DomainErrorKind, { status: number; title: string }>;

/** A service's domain error as problem+json: the status and title of its kind, its message as detail, its code and params. */
export function problemOf(err: DomainError): Problem {
  const { status, title } = STATUS_OF[err.kind];
  const errors = 'errors' in err && Array.isArray(err.errors) ? { errors: err.errors as { path: string; message: string }[] } : {};
  return { type: 'about:blank', title, status, detail: err.message, code: err.code, params: err.params, ...errors };
}
