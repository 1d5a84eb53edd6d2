/** The administrator's user management: list with filters, create, change role/scope, deactivate/reactivate, reset a password. */
import { useState, type FormEvent } from 'react';
import { api, ApiError, qs, useApi } from '../api/client.ts';
import type { Department } from '../api/types.ts';
import { Link, setQuery } from '../app/router.tsx';
import { fmtInt } from '../i18n/format.ts';
import { useT } from '../i18n/i18n.tsx';
import { PageHeader } from '../ui/bits.tsx';
import { Async, ErrorBox } from '../ui/states.tsx';
import { m } from './messages.ts';

export const USER_ROLES = ['regional', 'national', 'auditor', 'admin', 'miner', 'surveyor', 'cooperation'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** A user as /api/admin/users answers it. */
export interface AdminUser {
  id: number;
  username: string;
  displayName: string;
  role: UserRole;
  region: string | null;
  ruc: string | null;
  active: boolean;
  createdAt: string;
  activeTokens: number;
  sessions: number;
}

export const needsRegion = (role: string): boolean => role === 'regional' || role === 'surveyor';
export const needsRuc = (role: string): boolean => role === 'miner';
export const asError = (err: unknown): ApiError => (err instanceof ApiError ? err : new ApiError(0, { detail: String(err) }));

/** The server's account rules answer a code per field: each in the page's language. */
export function Problems({ error }: { error: ApiError | null }) {
  const t = useT(m);
  if (!error) return null;
  const codes = [
    ...(Array.isArray(error.problem['errors']) ? (error.problem['errors'] as { code?: string }[]).map((e) => e.code) : []),
    typeof error.problem['code'] === 'string' ? error.problem['code'] : undefined,
  ].filter((c): c is string => !!c && `err.${c}` in m.es);
  if (codes.length === 0) return <ErrorBox error={error} />;
  return (
    <ul className="state state-error" role="alert">
      {[...new Set(codes)].map((c) => (
        <li key={c}>{t(`err.${c}` as Parameters<typeof t>[0])}</li>
      ))}
    </ul>
  );
}

export function useDepartments(): { departments: Department[]; nameOf: (code: string | null) => string } {
  const state = useApi<Department[]>('/api/public/territory/departments');
  const departments = state.data ?? [];
  return { departments, nameOf: (code) => (code ? (departments.find((d) => d.code === code)?.name ?? code) : '—') };
}

function RegionSelect({ id, value, onChange, anyLabel }: { id: string; value: string; onChange: (v: string) => void; anyLabel?: string }) {
  const { departments } = useDepartments();
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{anyLabel ?? '—'}</option>
      {departments.map((d) => (
        <option key={d.code} value={d.code}>
          {d.name}
        </option>
      ))}
    </select>
  );
}

export function UsersPage({ query }: { query: URLSearchParams }) {
  const t = useT(m);
  const role = query.get('rol') ?? '';
  const region = query.get('region') ?? '';
  const active = query.get('estado') ?? '';
  const q = query.get('q') ?? '';
  const [text, setText] = useState(q);
  const list = useApi<{ total: number; items: AdminUser[] }>(
    `/api/admin/users${qs({ role: role || undefined, region: region || undefined, active: active || undefined, q: q || undefined })}`,
  );
  const { nameOf } = useDepartments();
  return (
    <>
      <PageHeader title={t('users.title')} subtitle={t('users.subtitle')}>
        <Link className="button" to="/usuarios/nuevo">
          {t('users.new')}
        </Link>
      </PageHeader>
      <form
        className="inline-form"
        aria-label={t('users.filters')}
        onSubmit={(e) => {
          e.preventDefault();
          setQuery({ q: text.trim() });
        }}
      >
        <div className="field">
          <label htmlFor="uf-role">{t('users.role')}</label>
          <select id="uf-role" value={role} onChange={(e) => setQuery({ rol: e.target.value })}>
            <option value="">{t('users.any')}</option>
            {USER_ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="uf-region">{t('users.region')}</label>
          <RegionSelect id="uf-region" value={region} onChange={(v) => setQuery({ region: v })} anyLabel={t('users.anyRegion')} />
        </div>
        <div className="field">
          <label htmlFor="uf-state">{t('users.state')}</label>
          <select id="uf-state" value={active} onChange={(e) => setQuery({ estado: e.target.value })}>
            <option value="">{t('users.any')}</option>
            <option value="true">{t('users.active')}</option>
            <option value="false">{t('users.inactive')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="uf-q">{t('users.search')}</label>
          <input id="uf-q" value={text} maxLength={100} onChange={(e) => setText(e.target.value)} />
        </div>
        <button type="submit">{t('users.apply')}</button>
      </form>
      <Async state={list}>
        {({ total, items }) =>
          items.length === 0 ? (
            <p className="state">{t('users.none')}</p>
          ) : (
            <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="users-caption">
              <table>
                <caption id="users-caption">{t('users.count', { n: fmtInt(total) })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('users.username')}</th>
                    <th scope="col">{t('users.displayName')}</th>
                    <th scope="col">{t('users.role')}</th>
                    <th scope="col">{t('users.region')}</th>
                    <th scope="col">{t('users.ruc')}</th>
                    <th scope="col">{t('users.state')}</th>
                    <th scope="col" className="num">
                      {t('users.tokens')}
                    </th>
                    <th scope="col" className="num">
                      {t('users.sessions')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((u) => (
                    <tr key={u.id}>
                      <td>
                        <Link to={`/usuarios/${u.id}`}>{u.username}</Link>
                      </td>
                      <td>{u.displayName}</td>
                      <td>{t(`role.${u.role}`)}</td>
                      <td>{nameOf(u.region)}</td>
                      <td>{u.ruc ?? '—'}</td>
                      <td>{u.active ? t('users.active') : t('users.inactive')}</td>
                      <td className="num">{fmtInt(u.activeTokens)}</td>
                      <td className="num">{fmtInt(u.sessions)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Async>
    </>
  );
}

/** Role, region and RUC fields: the region only for the roles that need one, the RUC only for the miner. */
export function ScopeFields({
  prefix,
  role,
  region,
  ruc,
  onRole,
  onRegion,
  onRuc,
}: {
  prefix: string;
  role: string;
  region: string;
  ruc: string;
  onRole: (v: UserRole) => void;
  onRegion: (v: string) => void;
  onRuc: (v: string) => void;
}) {
  const t = useT(m);
  return (
    <>
      <div className="field">
        <label htmlFor={`${prefix}-role`}>{t('users.role')}</label>
        <select id={`${prefix}-role`} value={role} onChange={(e) => onRole(e.target.value as UserRole)}>
          {USER_ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </select>
      </div>
      {needsRegion(role) && (
        <div className="field">
          <label htmlFor={`${prefix}-region`}>
            {t('users.region')} <span className="hint">{t('users.regionHint')}</span>
          </label>
          <RegionSelect id={`${prefix}-region`} value={region} onChange={onRegion} />
        </div>
      )}
      {needsRuc(role) && (
        <div className="field">
          <label htmlFor={`${prefix}-ruc`}>
            {t('users.ruc')} <span className="hint">{t('users.rucHint')}</span>
          </label>
          <input id={`${prefix}-ruc`} inputMode="numeric" maxLength={11} value={ruc} onChange={(e) => onRuc(e.target.value.trim())} />
        </div>
      )}
    </>
  );
}

export function PasswordChoice({
  prefix,
  mode,
  password,
  onMode,
  onPassword,
}: {
  prefix: string;
  mode: 'generate' | 'set';
  password: string;
  onMode: (m: 'generate' | 'set') => void;
  onPassword: (v: string) => void;
}) {
  const t = useT(m);
  return (
    <fieldset>
      <legend>{t('users.password')}</legend>
      <label className="check">
        <input type="radio" name={`${prefix}-pw`} checked={mode === 'generate'} onChange={() => onMode('generate')} /> {t('users.pwGenerate')}
      </label>
      <label className="check">
        <input type="radio" name={`${prefix}-pw`} checked={mode === 'set'} onChange={() => onMode('set')} /> {t('users.pwSet')}
      </label>
      {mode === 'set' && (
        <div className="field">
          <label htmlFor={`${prefix}-password`}>
            {t('users.password')} <span className="hint">{t('users.pwHint')}</span>
          </label>
          <input id={`${prefix}-password`} type="password" autoComplete="new-password" required value={password} onChange={(e) => onPassword(e.target.value)} />
        </div>
      )}
    </fieldset>
  );
}

export function OneTime({ username, password }: { username: string; password: string }) {
  const t = useT(m);
  return (
    <p className="message-ok" role="status">
      {t('users.oneTime', { username })} <code className="secret">{password}</code>
    </p>
  );
}

export function UserNewPage() {
  const t = useT(m);
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<UserRole>('regional');
  const [region, setRegion] = useState('');
  const [ruc, setRuc] = useState('');
  const [mode, setMode] = useState<'generate' | 'set'>('generate');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [created, setCreated] = useState<{ user: AdminUser; password?: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const body = {
        username: username.trim(),
        displayName: displayName.trim() || undefined,
        role,
        region: needsRegion(role) ? region || null : null,
        ruc: needsRuc(role) ? ruc || null : null,
        password: mode === 'set' ? password : undefined,
      };
      setCreated(await api<{ user: AdminUser; password?: string }>('/api/admin/users', { method: 'POST', json: body }));
    } catch (err) {
      setError(asError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader title={t('users.new')}>
        <Link to="/usuarios">{t('users.back')}</Link>
      </PageHeader>
      {created ? (
        <section className="card form-card">
          <p className="message-ok" role="status">
            {t('users.created.ok', { username: created.user.username })} <Link to={`/usuarios/${created.user.id}`}>{created.user.username}</Link>
          </p>
          {created.password && <OneTime username={created.user.username} password={created.password} />}
        </section>
      ) : (
        <form className="card form-card" onSubmit={(e) => void submit(e)}>
          <div className="field">
            <label htmlFor="un-username">
              {t('users.username')} <span className="hint">{t('users.usernameHint')}</span>
            </label>
            <input id="un-username" required maxLength={32} autoComplete="off" value={username} onChange={(e) => setUsername(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="un-name">{t('users.displayName')}</label>
            <input id="un-name" maxLength={200} value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
          </div>
          <ScopeFields prefix="un" role={role} region={region} ruc={ruc} onRole={setRole} onRegion={setRegion} onRuc={setRuc} />
          <PasswordChoice prefix="un" mode={mode} password={password} onMode={setMode} onPassword={setPassword} />
          <Problems error={error} />
          <button type="submit" disabled={busy}>
            {t('users.create')}
          </button>
        </form>
      )}
    </>
  );
}
