// @ts-nocheck
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, forgetCsrf } from '../api/client.ts';
import type { Me } from '../api/types.ts';

const PUBLIC: Me = { username: 'public', role: 'public', region: null, ruc: null };

interface Session {
  /** undefined while the first /api/auth/me is on its way. */
  me: Me | undefined;
  login: (username: string, password: string) => Promise<Me>;
  logout: () => Promise<void>;
}

const SessionContext = createContext<Session>({ me: undefined, login: () => Promise.resolve(PUBLIC), logout: () => Promise.resolve() });

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | undefined>(undefined);
  useEffect(() => {
    api<Me>('/api/auth/me').then(setMe, () => setMe(PUBLIC));
  }, []);
  const login = useCallback(async (username: string, password: string) => {
    forgetCsrf();
    const who = await api<Me>('/api/auth/login', { method: 'POST', json: { username, password } });
    setMe(who);
    return who;
  }, []);
  const logout = useCallback(async () => {
    await api<void>('/api/auth/logout', { method: 'POST' }).catch(() => undefined);
    forgetCsrf();
    setMe(PUBLIC);
  }, []);
  const value = useMemo(() => ({ me, login, logout }), [me, login, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  return useContext(SessionContext);
}

export const isOfficial = (me: Me | undefined): boolean => !!me && ['regional', 'national', 'auditor', 'admin'].includes(me.role);
export const canWrite = (me: Me | undefined): boolean => !!me && ['regional', 'national', 'admin'].includes(me.role);
