import { useState, type FormEvent } from 'react';
import { ApiError, errorText, post } from '../api.ts';

export function Login({ onLoggedIn }: { onLoggedIn: () => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [workspace, setWorkspace] = useState('');
  // Shown only when the e-mail and password fit agents of several workspaces.
  const [askWorkspace, setAskWorkspace] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await post('/auth/login', { email, password, ...(askWorkspace && workspace.trim() ? { workspace: workspace.trim() } : {}) });
      onLoggedIn();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'workspace_required') setAskWorkspace(true);
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login" id="main">
      <form onSubmit={(e) => void submit(e)} aria-labelledby="login-title" noValidate>
        <h1 id="login-title">Baton</h1>
        <p className="muted">Log in to the agent workspace.</p>
        <label htmlFor="email">E-mail</label>
        <input id="email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        <label htmlFor="password">Password</label>
        <input
          id="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        {askWorkspace && (
          <>
            <label htmlFor="workspace">Workspace</label>
            <input id="workspace" required value={workspace} onChange={(e) => setWorkspace(e.target.value)} placeholder="e.g. demo" />
          </>
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
      </form>
    </main>
  );
}
