// @ts-nocheck
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Problem } from './types.ts';

/** An API answer that was not 2xx, with its problem+json body when there is one. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  constructor(status: number, problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

async function problemOf(res: Response): Promise<Problem> {
  try {
    return (await res.json()) as Problem;
  } catch {
    return { status: res.status, title: res.statusText };
  }
}

/**
 * The session's CSRF token: the server sends it in X-CSRF-Token with the login and
 * /api/auth/me answers (or GET /api/auth/csrf), and refuses every state-changing request
 * of a cookie session that does not send it back. Another site's page cannot read it.
 */
export const CSRF_HEADER = 'x-csrf-token';
let csrf: string | null = null;
let csrfLoading: Promise<string | null> | null = null;

const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS'];

function rememberCsrf(res: Response): void {
  const token = res.headers.get(CSRF_HEADER);
  if (token) csrf = token;
}

/** Forgets the token (at logout; the next state-changing request fetches a new one). */
export function forgetCsrf(): void {
  csrf = null;
}

/** The token known now, for requests sent without `api` (an XMLHttpRequest upload): `xhr.setRequestHeader(CSRF_HEADER, t)`. */
export function csrfTokenNow(): string | null {
  return csrf;
}

/** The token, fetched from the server when not known yet (null when not logged in). */
export function csrfToken(): Promise<string | null> {
  if (csrf) return Promise.resolve(csrf);
  csrfLoading ??= fetch('/api/auth/csrf', { credentials: 'same-origin', headers: { accept: 'application/json' } })
    .then(async (r) => (r.ok ? ((await r.json()) as { token: string }).token : null))
    .catch(() => null)
    .then((t) => {
      csrfLoading = null;
      if (t) csrf = t;
      return t;
    });
  return csrfLoading;
}

/** fetch with the session cookie (and its CSRF token on writes), JSON in and out, problem+json turned into ApiError. */
export async function api<T>(path: string, init: RequestInit & { json?: unknown } = {}, retried = false): Promise<T> {
  const { json, headers, ...rest } = init;
  const writes = !SAFE_METHODS.includes((init.method ?? 'GET').toUpperCase());
  const token = writes && path !== '/api/auth/login' ? await csrfToken() : null;
  let res: Response;
  try {
    res = await fetch(path, {
      credentials: 'same-origin',
      ...rest,
      headers: {
        accept: 'application/json',
        ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { [CSRF_HEADER]: token } : {}),
        ...headers,
      },
      ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
    });
  } catch {
    throw new ApiError(0, { title: 'Network error', detail: 'offline' });
  }
  rememberCsrf(res);
  if (!res.ok) {
    const problem = await problemOf(res);
    // A token from before a server restart or another session: fetch the current one and try once more.
    if (writes && !retried && res.status === 403 && problem.code === 'csrf.token') {
      forgetCsrf();
      return api<T>(path, init, true);
    }
    throw new ApiError(res.status, problem);
  }
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  return (type.includes('json') ? await res.json() : await res.text()) as T;
}

export interface ApiState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
}

/** GETs `path` (null: nothing to fetch yet); a newer path cancels the older answer. */
export function useApi<T>(path: string | null): ApiState<T> {
  const [state, setState] = useState<{ path: string | null; data?: T; error?: ApiError; loading: boolean }>({ path, loading: path !== null });
  const [tick, setTick] = useState(0);
  const current = useRef(0);
  useEffect(() => {
    if (path === null) {
      setState({ path, loading: false });
      return;
    }
    const id = ++current.current;
    const controller = new AbortController();
    setState((s) => ({ path, data: s.path === path ? s.data : undefined, loading: true }));
    api<T>(path, { signal: controller.signal }).then(
      (data) => id === current.current && setState({ path, data, loading: false }),
      (error: unknown) => {
        if (id !== current.current || controller.signal.aborted) return;
        setState({ path, loading: false, error: error instanceof ApiError ? error : new ApiError(0, { detail: String(error) }) });
      },
    );
    return () => controller.abort();
  }, [path, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

/** Query string from the defined entries. */
export function qs(params: Record<string, string | number | boolean | null | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}
