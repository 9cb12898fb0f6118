/** Who is signed in, for every screen: loaded from GET /api/v1/me; null when nobody is. */
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, ApiError } from './api/client.ts';
import type { Me } from './api/types.ts';

interface Session {
  me: Me | null;
  loading: boolean;
  refresh(): Promise<Me | null>;
  signIn(login: string, password: string): Promise<Me | null>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);
  const refresh = useCallback(async () => {
    try {
      const m = await api.get<Me>('/api/v1/me');
      setMe(m);
      return m;
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        setMe(null);
        return null;
      }
      throw err;
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => {
    refresh().catch(() => setLoading(false));
  }, [refresh]);
  const signIn = useCallback(
    async (login: string, password: string) => {
      await api.post('/api/v1/auth/sign-in', { login, password });
      return refresh();
    },
    [refresh],
  );
  const signOut = useCallback(async () => {
    await api.post('/api/v1/auth/sign-out');
    setMe(null);
  }, []);
  return <SessionContext.Provider value={{ me, loading, refresh, signIn, signOut }}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

export const isStaff = (me: Me | null) => me?.kind === 'staff';
export const hasRole = (me: Me | null, ...roles: string[]) => Boolean(me?.memberships.some((m) => roles.includes(m.role)));
