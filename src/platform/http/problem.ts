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

export const notFound = (what: string): HttpProblem => new HttpProblem(404, 'Not Found', `${what} not found`);
export const conflict = (detail: string): HttpProblem => new HttpProblem(409, 'Conflict', detail);
export const badRequest = (detail: string, errors?: { path: string; message: string }[]): HttpProblem =>
  new HttpProblem(400, 'Bad Request', detail, errors ? { errors } : {});
