import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { navigate } from '../app/router.tsx';
import { useSession } from '../app/session.tsx';
import { defineMessages, useT } from '../i18n/i18n.tsx';
import { useServerT } from '../i18n/server.tsx';
import { PageHeader } from '../ui/bits.tsx';
import { m } from './messages.ts';

/** The login throttle's answer (429 with Retry-After in seconds). */
const lm = defineMessages(
  { 'login.locked': 'Demasiados intentos fallidos. Vuelva a intentar en {seconds} s.' },
  { 'login.locked': 'Too many failed attempts. Try again in {seconds} s.' },
);

function home(me: Me): string {
  if (me.role === 'miner') return '/mis-tramites';
  if (me.role === 'public') return '/';
  return '/region';
}

export function Login({ query }: { query: URLSearchParams }) {
  const t = useT(m);
  const tl = useT(lm);
  const server = useServerT();
  const { login } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const me = await login(username.trim(), password);
      const next = query.get('next');
      navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : home(me), { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.status === 429) {
        const seconds = Number((err.problem as { params?: { retryAfterSeconds?: number } }).params?.retryAfterSeconds ?? 60);
        setError(tl('login.locked', { seconds }));
      } else setError(err instanceof ApiError && err.status === 401 ? t('login.wrong') : server.error(err));
      setBusy(false);
    }
  };
  return (
    <>
      <PageHeader title={t('login.title')} subtitle={t('login.subtitle')} />
      <form className="card" style={{ maxWidth: 420 }} onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor="login-user">{t('login.user')}</label>
          <input id="login-user" name="username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="login-password">{t('login.password')}</label>
          <input
            id="login-password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        {error && (
          <p className="state state-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? t('login.busy') : t('login.submit')}
        </button>
      </form>
    </>
  );
}
