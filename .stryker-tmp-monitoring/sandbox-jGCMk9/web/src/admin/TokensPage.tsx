// @ts-nocheck
import { useState, type FormEvent } from 'react';
import { api, ApiError, qs, useApi } from '../api/client.ts';
import { navigate } from '../app/router.tsx';
import { useSession } from '../app/session.tsx';
import { fmtDateTime } from '../i18n/format.ts';
import { useT } from '../i18n/i18n.tsx';
import { PageHeader } from '../ui/bits.tsx';
import { Async, ErrorBox } from '../ui/states.tsx';
import { m } from './messages.ts';

/** A token as GET /api/auth/tokens lists it (never its value). */
interface TokenInfo {
  id: number;
  username: string;
  name: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  revokedReason: string | null;
  fromSession: boolean;
  active: boolean;
}

export function TokensPage({ query }: { query: URLSearchParams }) {
  const t = useT(m);
  const { me } = useSession();
  const admin = me?.role === 'admin';
  const username = admin ? (query.get('usuario') ?? '') : '';
  const list = useApi<TokenInfo[]>(`/api/auth/tokens${qs({ username: username || undefined })}`);
  const [who, setWho] = useState(username);
  const [name, setName] = useState('');
  const [days, setDays] = useState(90);
  const [issued, setIssued] = useState<{ token: string; expiresAt: string } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const issue = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setError(null);
    try {
      setIssued(await api<{ token: string; expiresAt: string }>('/api/auth/tokens', { method: 'POST', json: { name: name.trim(), days } }));
      setName('');
      list.reload();
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, { detail: String(err) }));
    }
  };
  const revoke = async (id: number): Promise<void> => {
    setError(null);
    try {
      await api(`/api/auth/tokens/${id}`, { method: 'DELETE' });
      list.reload();
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, { detail: String(err) }));
    }
  };
  const state = (x: TokenInfo): string =>
    x.revokedAt ? t('tokens.revoked', { reason: x.revokedReason ?? '' }) : x.active ? t('tokens.active') : t('tokens.expired');

  return (
    <>
      <PageHeader title={t('tokens.title')} subtitle={t('tokens.subtitle')} />
      {admin && (
        <form
          className="card"
          style={{ maxWidth: 640 }}
          onSubmit={(e) => {
            e.preventDefault();
            navigate(`/tokens${qs({ usuario: who.trim() || undefined })}`);
          }}
        >
          <div className="field">
            <label htmlFor="tokens-user">{t('tokens.user')}</label>
            <input id="tokens-user" value={who} onChange={(e) => setWho(e.target.value)} placeholder={me?.username} />
          </div>
          <button type="submit">{t('tokens.show')}</button>
        </form>
      )}
      {!username && (
        <form className="card" style={{ maxWidth: 640, marginTop: 16 }} onSubmit={(e) => void issue(e)}>
          <h2>{t('tokens.new')}</h2>
          <div className="field">
            <label htmlFor="tokens-name">{t('tokens.name')}</label>
            <input id="tokens-name" required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="tokens-days">{t('tokens.days')}</label>
            <input id="tokens-days" type="number" min={1} max={366} required value={days} onChange={(e) => setDays(Number(e.target.value))} />
          </div>
          <button type="submit">{t('tokens.issue')}</button>
          {issued && (
            <p className="state" role="status">
              {t('tokens.issued', { date: fmtDateTime(issued.expiresAt) })} <code>{issued.token}</code>
            </p>
          )}
        </form>
      )}
      {error && <ErrorBox error={error} />}
      <section className="card" style={{ marginTop: 16 }}>
        <h2>{t('tokens.list')}</h2>
        <Async state={list}>
          {(tokens) =>
            tokens.length === 0 ? (
              <p>{t('tokens.none')}</p>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('tokens.id')}</th>
                    <th scope="col">{t('tokens.name')}</th>
                    <th scope="col">{t('tokens.created')}</th>
                    <th scope="col">{t('tokens.expires')}</th>
                    <th scope="col">{t('tokens.state')}</th>
                    <th scope="col">
                      <span className="sr-only">{t('tokens.revoke')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {tokens.map((x) => (
                    <tr key={x.id}>
                      <td>{x.id}</td>
                      <td>
                        {x.name}
                        {x.fromSession ? ` (${t('tokens.fromSession')})` : ''}
                      </td>
                      <td>{fmtDateTime(x.createdAt)}</td>
                      <td>{fmtDateTime(x.expiresAt)}</td>
                      <td>{state(x)}</td>
                      <td>
                        {x.active && (
                          <button type="button" aria-label={t('tokens.revokeLabel', { id: x.id, name: x.name })} onClick={() => void revoke(x.id)}>
                            {t('tokens.revoke')}
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </Async>
      </section>
    </>
  );
}
