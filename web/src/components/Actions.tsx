import { useState } from 'react';
import { errorText, post } from '../api.ts';
import { useWorkspace } from '../workspace.tsx';
import { PRIORITIES, type Conversation } from '../types.ts';
import { ariaKeys, hint } from '../shortcuts.ts';
import { KeyHint } from './KeyHint.tsx';

const OPEN_HUMAN = ['queued', 'with_agent', 'awaiting_customer'];

/** What the lifecycle allows on a conversation now. */
export function allowedMoves(c: Conversation) {
  const isOpenHuman = OPEN_HUMAN.includes(c.status);
  return {
    isOpenHuman,
    canAccept: c.status === 'queued' || c.status === 'awaiting_customer',
    canResolve: c.status === 'bot' || isOpenHuman,
    canClose: c.status !== 'closed',
  };
}

export interface ControlMoves {
  busy: string | null;
  error: string | null;
  setError(e: string | null): void;
  /** Posts a move (`accept`, `resolve`…); true when the server took it. */
  run(name: string, path: string, body?: unknown): Promise<boolean>;
}

/** The moves' shared state, so the buttons and the keyboard shortcuts run the same calls. */
export function useControlMoves(conversationId: string, onChanged: (c: Conversation) => void): ControlMoves {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async (name: string, path: string, body: unknown = {}) => {
    if (busy) return false;
    setBusy(name);
    setError(null);
    try {
      const res = await post<{ conversation: Conversation }>(`/conversations/${conversationId}/${path}`, body);
      onChanged(res.conversation);
      return true;
    } catch (err) {
      setError(errorText(err));
      return false;
    } finally {
      setBusy(null);
    }
  };
  return { busy, error, setError, run };
}

/** Control moves: accept, assign or transfer, resolve, return to the bot, close. */
export function Actions({ conversation: c, moves }: { conversation: Conversation; moves: ControlMoves }) {
  const ws = useWorkspace();
  const { busy, error, setError, run } = moves;
  const [assigning, setAssigning] = useState(false);
  const [team, setTeam] = useState('');
  const [agent, setAgent] = useState('');
  const [priority, setPriority] = useState('');
  const { isOpenHuman, canAccept, canResolve, canClose } = allowedMoves(c);

  return (
    <div className="actions">
      <div className="action-row" role="toolbar" aria-label="Conversation actions">
        {canAccept && (
          <button
            type="button"
            className="primary"
            disabled={!!busy}
            title={hint('accept')}
            aria-keyshortcuts={ariaKeys('accept')}
            onClick={() => void run('accept', 'accept')}
          >
            {busy === 'accept' ? 'Accepting…' : 'Accept'}
            <KeyHint name="accept" />
          </button>
        )}
        {isOpenHuman && (
          <button
            type="button"
            aria-expanded={assigning}
            aria-controls={`assign-${c.id}`}
            disabled={!!busy}
            onClick={() => setAssigning((a) => !a)}
          >
            Assign / transfer
          </button>
        )}
        {canResolve && (
          <button
            type="button"
            disabled={!!busy}
            title={hint('resolve')}
            aria-keyshortcuts={ariaKeys('resolve')}
            onClick={() => void run('resolve', 'resolve')}
          >
            {busy === 'resolve' ? 'Resolving…' : 'Resolve'}
            <KeyHint name="resolve" />
          </button>
        )}
        {isOpenHuman && (
          <button type="button" disabled={!!busy} onClick={() => void run('bot', 'return-to-bot')}>
            Return to bot
          </button>
        )}
        {canClose && (
          <button type="button" className="subtle" disabled={!!busy} onClick={() => void run('close', 'close')}>
            Close
          </button>
        )}
      </div>
      {assigning && isOpenHuman && (
        <form
          id={`assign-${c.id}`}
          className="assign"
          aria-label="Assign or transfer"
          onSubmit={(e) => {
            e.preventDefault();
            const body: Record<string, string> = {};
            if (agent) body.agent_id = agent;
            if (team) body.team_id = team;
            if (priority) body.priority = priority;
            if (!agent && !team) return setError('Pick a team or an agent.');
            void run('assign', 'assign', body).then((ok) => ok && setAssigning(false));
          }}
        >
          <label>
            <span>Team</span>
            <select value={team} onChange={(e) => setTeam(e.target.value)}>
              <option value="">—</option>
              {ws.teams.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>Agent</span>
            <select value={agent} onChange={(e) => setAgent(e.target.value)}>
              <option value="">—</option>
              {ws.agents
                .filter((a) => a.role !== 'viewer')
                .map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name} ({a.status})
                  </option>
                ))}
            </select>
          </label>
          <label>
            <span>Priority</span>
            <select value={priority} onChange={(e) => setPriority(e.target.value)}>
              <option value="">unchanged</option>
              {PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="primary" disabled={!!busy}>
            {agent ? 'Assign' : 'Transfer'}
          </button>
        </form>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
