import type { ReactNode } from 'react';
import { ApiError, type ApiState } from '../api/client.ts';
import { Link, useLocation } from '../app/router.tsx';
import { common } from '../i18n/common.ts';
import { useT } from '../i18n/i18n.tsx';
import { ServerMessage, useServerT } from '../i18n/server.tsx';

export function Loading() {
  const t = useT(common);
  return (
    <p className="state" role="status" aria-live="polite">
      {t('state.loading')}
    </p>
  );
}

/** Says what went wrong in words a user can act on (log in, no access, offline). */
export function ErrorBox({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const t = useT(common);
  const server = useServerT();
  const { href } = useLocation();
  if (error.status === 401) return <LoginNeeded next={href} />;
  // the server's code says what went wrong in the reader's language, never its English detail
  const text =
    error.status === 404 ? (
      t('state.notFound')
    ) : error.status === 403 ? (
      t('state.forbidden')
    ) : error.status === 0 ? (
      t('state.offline')
    ) : (
      <ServerMessage message={server.problem(error.problem, error.status)} />
    );
  return (
    <div className="state state-error" role="alert">
      <p>{text}</p>
      {onRetry && error.status !== 404 && error.status !== 403 && (
        <button type="button" onClick={onRetry}>
          {t('state.retry')}
        </button>
      )}
    </div>
  );
}

export function LoginNeeded({ next }: { next: string }) {
  const t = useT(common);
  return (
    <div className="state" role="alert">
      <p>{t('state.loginNeeded')}</p>
      <Link className="button" to={`/ingresar?next=${encodeURIComponent(next)}`}>
        {t('state.loginLink')}
      </Link>
    </div>
  );
}

/** A figure the server does not publish (yet): said plainly, never a crash. */
export function Unavailable({ endpoint }: { endpoint: string }) {
  const t = useT(common);
  return (
    <div className="state state-unavailable" data-unavailable={endpoint}>
      <strong>{t('state.unavailable')}</strong> <span>{t('state.unavailableDetail', { endpoint })}</span>
    </div>
  );
}

/**
 * Renders `children(data)` once loaded; loading and errors in between. A 404 from an
 * endpoint that is not there yet (`optional`) shows the "no disponible" state.
 */
export function Async<T>({ state, children, optional }: { state: ApiState<T>; children: (data: T) => ReactNode; optional?: string }) {
  if (state.error) {
    const missingRoute = state.error.status === 404 && /^No route /.test(state.error.problem.detail ?? '');
    if (optional && (missingRoute || state.error.status === 403 || state.error.status === 401)) return <Unavailable endpoint={optional} />;
    return <ErrorBox error={state.error} onRetry={state.reload} />;
  }
  if (state.data === undefined) return <Loading />;
  return <>{children(state.data)}</>;
}

/** A card that is the loaded content itself, or a titled card holding the loading/error/unavailable state. */
export function CardAsync<T>({ title, state, optional, children }: { title: string; state: ApiState<T>; optional?: string; children: (data: T) => ReactNode }) {
  if (state.data !== undefined && !state.error) return <>{children(state.data)}</>;
  return (
    <section className="card" aria-label={title}>
      <h3>{title}</h3>
      <Async state={state} optional={optional}>
        {children}
      </Async>
    </section>
  );
}
