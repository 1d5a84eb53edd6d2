/** One user in the administrator's management: facts, role and scope, deactivation, password reset. */
import { useState, type FormEvent, type ReactNode } from 'react';
import { api, ApiError, qs, useApi } from '../api/client.ts';
import { Link } from '../app/router.tsx';
import { fmtDateTime, fmtInt } from '../i18n/format.ts';
import { useT } from '../i18n/i18n.tsx';
import { Facts, PageHeader } from '../ui/bits.tsx';
import { Async } from '../ui/states.tsx';
import { m } from './messages.ts';
import {
  type AdminUser,
  asError,
  needsRegion,
  needsRuc,
  OneTime,
  PasswordChoice,
  Problems,
  ScopeFields,
  useDepartments,
  type UserRole,
} from './UsersPages.tsx';

export function UserPage({ id }: { id: string }) {
  const t = useT(m);
  const user = useApi<AdminUser>(`/api/admin/users/${encodeURIComponent(id)}`);
  return (
    <Async state={user}>
      {(u) => (
        <>
          <PageHeader title={`${u.displayName} (${u.username})`}>
            <Link to="/usuarios">{t('users.back')}</Link>
          </PageHeader>
          <UserFacts user={u} />
          <div className="grid grid-2">
            <EditScope key={`${u.role}|${u.region ?? ''}|${u.ruc ?? ''}|${u.displayName}`} user={u} onDone={user.reload} />
            <ActiveToggle user={u} onDone={user.reload} />
            <ResetPassword user={u} onDone={user.reload} />
          </div>
        </>
      )}
    </Async>
  );
}

function UserFacts({ user: u }: { user: AdminUser }) {
  const t = useT(m);
  const { nameOf } = useDepartments();
  const items: [string, ReactNode][] = [
    [t('users.role'), t(`role.${u.role}`)],
    [t('users.region'), nameOf(u.region)],
    [t('users.ruc'), u.ruc ?? '—'],
    [t('users.state'), u.active ? t('users.active') : t('users.inactive')],
    [t('users.created'), fmtDateTime(u.createdAt)],
    [t('users.sessions'), fmtInt(u.sessions)],
    [
      t('users.tokens'),
      <Link to={`/tokens${qs({ usuario: u.username })}`}>{`${fmtInt(u.activeTokens)} · ${t('users.tokensOf', { username: u.username })}`}</Link>,
    ],
  ];
  return <Facts items={items} />;
}

function EditScope({ user: u, onDone }: { user: AdminUser; onDone: () => void }) {
  const t = useT(m);
  const [displayName, setDisplayName] = useState(u.displayName);
  const [role, setRole] = useState<UserRole>(u.role);
  const [region, setRegion] = useState(u.region ?? '');
  const [ruc, setRuc] = useState(u.ruc ?? '');
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setError(null);
    setSaved(false);
    try {
      await api(`/api/admin/users/${u.id}`, {
        method: 'PATCH',
        json: {
          displayName: displayName.trim() || undefined,
          role,
          region: needsRegion(role) ? region || null : null,
          ruc: needsRuc(role) ? ruc || null : null,
        },
      });
      setSaved(true);
      onDone();
    } catch (err) {
      setError(asError(err));
    }
  };
  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="ue-title">
      <h2 id="ue-title">{t('users.edit')}</h2>
      <div className="field">
        <label htmlFor="ue-name">{t('users.displayName')}</label>
        <input id="ue-name" maxLength={200} value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
      </div>
      <ScopeFields prefix="ue" role={role} region={region} ruc={ruc} onRole={setRole} onRegion={setRegion} onRuc={setRuc} />
      <Problems error={error} />
      {saved && (
        <p className="message-ok" role="status">
          {t('users.saved')}
        </p>
      )}
      <button type="submit">{t('users.save')}</button>
    </form>
  );
}

function ActiveToggle({ user: u, onDone }: { user: AdminUser; onDone: () => void }) {
  const t = useT(m);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const deactivating = u.active;
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setError(null);
    setDone(null);
    try {
      await api(`/api/admin/users/${u.id}/${deactivating ? 'deactivate' : 'reactivate'}`, { method: 'POST', json: { reason: reason.trim() } });
      setReason('');
      setDone(deactivating ? t('users.deactivated.ok') : t('users.reactivated.ok'));
      onDone();
    } catch (err) {
      setError(asError(err));
    }
  };
  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="ua-title">
      <h2 id="ua-title">{deactivating ? t('users.deactivateTitle') : t('users.reactivateTitle')}</h2>
      <p className="note">{deactivating ? t('users.deactivateNote') : t('users.reactivateNote')}</p>
      <div className="field">
        <label htmlFor="ua-reason">{t('users.reason')}</label>
        <input id="ua-reason" required maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      <Problems error={error} />
      {done && (
        <p className="message-ok" role="status">
          {done}
        </p>
      )}
      <button type="submit" className={deactivating ? 'danger' : undefined}>
        {deactivating ? t('users.deactivate') : t('users.reactivate')}
      </button>
    </form>
  );
}

function ResetPassword({ user: u, onDone }: { user: AdminUser; onDone: () => void }) {
  const t = useT(m);
  const [mode, setMode] = useState<'generate' | 'set'>('generate');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [result, setResult] = useState<{ password?: string } | null>(null);
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setError(null);
    setResult(null);
    try {
      const r = await api<{ password?: string }>(`/api/admin/users/${u.id}/password`, { method: 'POST', json: mode === 'set' ? { mode, password } : { mode } });
      setResult(r);
      setPassword('');
      onDone();
    } catch (err) {
      setError(asError(err));
    }
  };
  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="up-title">
      <h2 id="up-title">{t('users.reset')}</h2>
      <p className="note">{t('users.resetNote')}</p>
      <PasswordChoice prefix="up" mode={mode} password={password} onMode={setMode} onPassword={setPassword} />
      <Problems error={error} />
      {result &&
        (result.password ? (
          <OneTime username={u.username} password={result.password} />
        ) : (
          <p className="message-ok" role="status">
            {t('users.reset.ok')}
          </p>
        ))}
      <button type="submit">{t('users.resetDo')}</button>
    </form>
  );
}
