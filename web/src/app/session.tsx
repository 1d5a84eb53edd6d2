import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, forgetCsrf } from '../api/client.ts';
import type { Me } from '../api/types.ts';

const PUBLIC: Me = { username: 'public', role: 'public', region: null, ruc: null };

/** GET /api/auth/permissions: the operations ("METHOD /pattern") of the server's route table the caller's role passes. */
interface Permissions {
  role: Me['role'];
  operations: string[];
}

interface Session {
  /** undefined while the first /api/auth/me is on its way. */
  me: Me | undefined;
  /** undefined while the caller's permitted operations are on their way. */
  operations: ReadonlySet<string> | undefined;
  /**
   * Whether the server lets the caller's role call `op` ("POST /api/imports/reinfo", written
   * as the route declares it, `:id` and all). A page, button or form that calls an operation
   * is shown only when this says yes: the server's route table decides, not a list here.
   */
  can: (op: string) => boolean;
  login: (username: string, password: string) => Promise<Me>;
  logout: () => Promise<void>;
}

const SessionContext = createContext<Session>({
  me: undefined,
  operations: undefined,
  can: () => false,
  login: () => Promise.resolve(PUBLIC),
  logout: () => Promise.resolve(),
});

const fetchOperations = (): Promise<ReadonlySet<string>> =>
  api<Permissions>('/api/auth/permissions').then(
    (p) => new Set(p.operations),
    () => new Set<string>(),
  );

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | undefined>(undefined);
  const [operations, setOperations] = useState<ReadonlySet<string> | undefined>(undefined);
  useEffect(() => {
    api<Me>('/api/auth/me').then(setMe, () => setMe(PUBLIC));
    void fetchOperations().then(setOperations);
  }, []);
  const login = useCallback(async (username: string, password: string) => {
    forgetCsrf();
    const who = await api<Me>('/api/auth/login', { method: 'POST', json: { username, password } });
    setOperations(undefined);
    setOperations(await fetchOperations());
    setMe(who);
    return who;
  }, []);
  const logout = useCallback(async () => {
    await api<void>('/api/auth/logout', { method: 'POST' }).catch(() => undefined);
    forgetCsrf();
    setMe(PUBLIC);
    setOperations(await fetchOperations());
  }, []);
  const can = useCallback((op: string) => operations?.has(op) ?? false, [operations]);
  const value = useMemo(() => ({ me, operations, can, login, logout }), [me, operations, can, login, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  return useContext(SessionContext);
}

export const isOfficial = (me: Me | undefined): boolean => !!me && ['regional', 'national', 'auditor', 'admin'].includes(me.role);
