import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, errorText, get, post, put, setUnauthenticatedHandler } from './api.ts';
import { Login } from './pages/Login.tsx';
import { Inbox } from './pages/Inbox.tsx';
import { href, navigate, onLinkClick, usePath } from './router.ts';
import { makeWorkspace, WorkspaceContext, type WorkspaceData } from './workspace.tsx';
import type { Agent, Team } from './types.ts';
import { NotFound } from './components/NotFound.tsx';
import { LiveProvider } from './LiveProvider.tsx';

// Admin and analytics load on first visit, so the inbox agents live in stays small.
const Admin = lazy(() => import('./pages/admin/Admin.tsx').then((m) => ({ default: m.Admin })));
const Analytics = lazy(() => import('./pages/Analytics.tsx').then((m) => ({ default: m.Analytics })));

type Session = { state: 'loading' } | { state: 'out' } | { state: 'in'; workspace: WorkspaceData } | { state: 'error'; message: string };

export function App() {
  const [session, setSession] = useState<Session>({ state: 'loading' });
  const path = usePath();
  const loadRef = useRef<() => Promise<void>>(async () => {});

  const load = useCallback(async (): Promise<void> => {
    try {
      const { agent } = await get<{ agent: Agent }>('/me');
      const [teams, agents] = await Promise.all([
        get<{ teams: Team[] }>('/teams').then(
          (r) => r.teams,
          () => [] as Team[],
        ),
        get<{ agents: Agent[] }>('/agents').then(
          (r) => r.agents,
          () => [] as Agent[],
        ),
      ]);
      setSession({ state: 'in', workspace: makeWorkspace(agent, teams, agents, () => void loadRef.current()) });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setSession({ state: 'out' });
      else setSession({ state: 'error', message: errorText(err) });
    }
  }, []);

  loadRef.current = load;
  useEffect(() => {
    setUnauthenticatedHandler(() => setSession({ state: 'out' }));
    void load();
  }, [load]);

  if (session.state === 'loading')
    return (
      <p className="centered" role="status">
        Loading…
      </p>
    );
  if (session.state === 'error')
    return (
      <div className="centered" role="alert">
        <p>Baton could not be reached: {session.message}</p>
        <button type="button" onClick={() => void load()}>
          Retry
        </button>
      </div>
    );
  if (session.state === 'out') return <Login onLoggedIn={() => void load()} />;

  const logout = async () => {
    await post('/auth/logout').catch(() => {});
    setSession({ state: 'out' });
    navigate('/', true);
  };

  const section = sectionOf(path);
  return (
    <WorkspaceContext.Provider value={session.workspace}>
      <LiveProvider>
        <a className="skip" href="#main">
          Skip to content
        </a>
        <header className="topbar">
          <span className="brand" aria-label="Baton">
            <img src="/favicon.svg" alt="" width={22} height={22} />
            Baton
          </span>
          <nav aria-label="Sections">
            <a href={href('/')} onClick={onLinkClick('/')} aria-current={section === 'inbox' ? 'page' : undefined}>
              Inbox
            </a>
            <a href={href('/analytics')} onClick={onLinkClick('/analytics')} aria-current={section === 'analytics' ? 'page' : undefined}>
              Analytics
            </a>
            <a href={href('/admin')} onClick={onLinkClick('/admin')} aria-current={section === 'admin' ? 'page' : undefined}>
              Admin
            </a>
          </nav>
          <span className="spacer" />
          <StatusPicker me={session.workspace.me} />
          <span className="who" title={session.workspace.me.email}>
            {session.workspace.me.name}
          </span>
          <button type="button" className="link" onClick={() => void logout()}>
            Log out
          </button>
        </header>
        <main id="main" tabIndex={-1}>
          {section === 'inbox' ? (
            <Inbox path={path} />
          ) : section === 'missing' ? (
            <NotFound path={path} />
          ) : (
            <Suspense
              fallback={
                <p className="centered" role="status">
                  Loading…
                </p>
              }
            >
              {section === 'admin' ? <Admin path={path} /> : <Analytics path={path} />}
            </Suspense>
          )}
        </main>
      </LiveProvider>
    </WorkspaceContext.Provider>
  );
}

/** Which screen a path under /app shows; anything else is a mistyped address. */
function sectionOf(path: string): 'inbox' | 'admin' | 'analytics' | 'missing' {
  const top = path.split('/')[1] ?? '';
  if (top === '' || top === 'c') return 'inbox';
  if (top === 'admin' || top === 'analytics') return top;
  return 'missing';
}

function StatusPicker({ me }: { me: Agent }) {
  const [status, setStatus] = useState<Agent['status']>(me.status === 'offline' ? 'online' : me.status);
  const [error, setError] = useState<string | null>(null);
  const change = async (next: Agent['status']) => {
    setStatus(next);
    try {
      await put('/me/status', { status: next });
      setError(null);
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <label className="status-picker">
      <span className={`dot ${status}`} aria-hidden="true" />
      <span className="sr-only">My status</span>
      <select value={status} onChange={(e) => void change(e.target.value as Agent['status'])} aria-invalid={error ? true : undefined}>
        <option value="online">Online</option>
        <option value="away">Away</option>
        <option value="offline">Offline</option>
      </select>
    </label>
  );
}
