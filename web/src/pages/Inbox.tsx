import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { errorText, get, query } from '../api.ts';
import { PushBus } from '../bus.ts';
import { useLiveChannel } from '../LiveProvider.tsx';
import { askDesktopPermission, chime, desktopNotify, loadPrefs, savePrefs, type AlertPrefs } from '../notify.ts';
import { navigate } from '../router.ts';
import { useWorkspace } from '../workspace.tsx';
import { ConversationList, type ListHint } from '../components/ConversationList.tsx';
import { Filters, type FilterState } from '../components/Filters.tsx';
import { ConversationView } from '../components/ConversationView.tsx';
import type { Conversation, ConversationRow, Push, Queue, Status } from '../types.ts';
import { ShortcutHelp } from '../components/ShortcutHelp.tsx';
import { ariaKeys, hint, useShortcuts } from '../shortcuts.ts';

export type View = 'queue' | 'mine' | 'all';

const VIEWS: { id: View; label: string }[] = [
  { id: 'queue', label: 'Queue' },
  { id: 'mine', label: 'Mine' },
  { id: 'all', label: 'All' },
];

interface ListQuery {
  statuses: Status[] | null;
  team: string | null;
  assignee: string | null;
  priority: string | null;
  language: string | null;
}

function listQuery(view: View, f: FilterState, meId: string): ListQuery {
  const defaults: Record<View, Status[] | null> = {
    queue: ['queued', 'awaiting_customer'],
    mine: ['with_agent', 'queued', 'awaiting_customer'],
    all: null,
  };
  return {
    statuses: f.status ? [f.status as Status] : defaults[view],
    team: f.team || null,
    assignee: view === 'mine' ? meId : null,
    priority: f.priority || null,
    language: f.language || null,
  };
}

/** The same test the server's list applies, so live pushes land in (or leave) the right list. */
function matches(c: Conversation, q: ListQuery): boolean {
  return (
    (!q.statuses || q.statuses.includes(c.status)) &&
    (!q.team || c.team_id === q.team) &&
    (!q.assignee || c.assignee_id === q.assignee) &&
    (!q.priority || c.priority === q.priority) &&
    (!q.language || c.language === q.language)
  );
}

export function Inbox({ path }: { path: string }) {
  const ws = useWorkspace();
  const selected = path.startsWith('/c/') ? decodeURIComponent(path.slice(3)) : null;
  const [view, setView] = useState<View>('queue');
  const [filters, setFilters] = useState<FilterState>({ team: '', status: '', priority: '', language: '' });
  const [items, setItems] = useState<ConversationRow[]>([]);
  const [helpOpen, setHelpOpen] = useState(false);
  const [cursor, setCursor] = useState<string | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [queues, setQueues] = useState<Queue[]>([]);
  const [hints, setHints] = useState<Record<string, ListHint>>({});
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const [announce, setAnnounce] = useState('');
  const [prefs, setPrefs] = useState<AlertPrefs>(loadPrefs);
  const bus = useMemo(() => new PushBus(), []);
  const q = useMemo(() => listQuery(view, filters, ws.me.id), [view, filters, ws.me.id]);
  const qRef = useRef(q);
  qRef.current = q;
  const prefsRef = useRef(prefs);
  prefsRef.current = prefs;

  const loadList = useCallback(async (more?: string) => {
    const cur = qRef.current;
    setLoading(true);
    try {
      const res = await get<{ conversations: ConversationRow[]; next_cursor: string | null }>(
        `/conversations${query({
          status: cur.statuses?.join(','),
          team_id: cur.team,
          assignee_id: cur.assignee ? 'me' : null,
          priority: cur.priority,
          language: cur.language,
          limit: 50,
          cursor: more,
        })}`,
      );
      setItems((prev) => (more ? [...prev, ...res.conversations.filter((c) => !prev.some((p) => p.id === c.id))] : res.conversations));
      setCursor(res.next_cursor);
      setListError(null);
    } catch (err) {
      setListError(errorText(err));
    } finally {
      setLoading(false);
    }
  }, []);

  const loadQueues = useCallback(async () => {
    try {
      setQueues((await get<{ queues: Queue[] }>('/queues')).queues);
    } catch {
      /* counts are a nicety */
    }
  }, []);

  useEffect(() => {
    void loadList();
  }, [q, loadList]);
  useEffect(() => {
    void loadQueues();
  }, [loadQueues]);

  const upsert = useCallback((c: Conversation) => {
    setItems((prev) => {
      const rest = prev.filter((p) => p.id !== c.id);
      if (!matches(c, qRef.current)) return rest;
      // A push carries the conversation alone: the row keeps what the list said about it.
      const was = prev.find((p) => p.id === c.id);
      if (was) return prev.map((p) => (p.id === c.id ? { ...was, ...c } : p));
      return [{ ...c, customer_name: null, preview: null, intent_label: null }, ...rest];
    });
  }, []);

  const onPush = useCallback(
    (push: Push) => {
      bus.emit(push);
      if (push.type === 'conversation.handoff') {
        const { conversation, handoff } = push.data;
        const brief = (handoff?.brief ?? {}) as { summary?: unknown; customer?: { name?: unknown } };
        setHints((h) => ({
          ...h,
          [conversation.id]: {
            name: typeof brief.customer?.name === 'string' ? brief.customer.name : undefined,
            summary: typeof brief.summary === 'string' ? brief.summary : undefined,
          },
        }));
        setFresh((s) => new Set(s).add(conversation.id));
        upsert(conversation);
        void loadQueues();
        const team = ws.teamName(conversation.team_id);
        const text = `New handoff${team ? ` for ${team}` : ''}`;
        setAnnounce(`${text}: ${typeof brief.summary === 'string' ? brief.summary.slice(0, 120) : ''}`);
        if (prefsRef.current.sound) chime();
        if (prefsRef.current.desktop)
          desktopNotify(text, typeof brief.summary === 'string' ? brief.summary : '', () => navigate(`/c/${conversation.id}`));
      } else if (push.type === 'conversation.updated') {
        upsert(push.data);
        void loadQueues();
      } else if (push.type === 'message.created' && push.data.author === 'customer' && !push.data.internal) {
        const m = push.data;
        setItems((prev) => prev.map((p) => (p.id === m.conversation_id ? { ...p, preview: m.text.replace(/\s+/g, ' ').trim() } : p)));
      }
    },
    [bus, upsert, loadQueues, ws],
  );

  // The socket is the workspace's (LiveProvider), open on every screen; the inbox listens to it.
  const channel = useLiveChannel();
  useEffect(() => channel.bus.subscribe(onPush), [channel.bus, onPush]);
  useEffect(
    () =>
      channel.onReconnect(() => {
        void loadList();
        void loadQueues();
      }),
    [channel, loadList, loadQueues],
  );
  const live = channel.state;

  // j/k walk the list as shown; from no selection, j opens the first and k the last.
  // The selection as of the last key, not the last render: keys pressed quickly each move one row.
  const current = useRef(selected);
  useEffect(() => {
    current.current = selected;
  }, [selected]);
  const step = (by: 1 | -1) => {
    if (items.length === 0) return false;
    const at = items.findIndex((c) => c.id === current.current);
    const next = at < 0 ? (by === 1 ? 0 : items.length - 1) : Math.min(items.length - 1, Math.max(0, at + by));
    const id = items[next]!.id;
    if (id !== current.current) {
      current.current = id;
      navigate(`/c/${id}`);
    }
    requestAnimationFrame(() => document.querySelector(`[data-conversation-id="${CSS.escape(id)}"]`)?.scrollIntoView({ block: 'nearest' }));
  };
  useShortcuts({ next: () => step(1), previous: () => step(-1), help: () => setHelpOpen(true) });

  const togglePref = async (key: keyof AlertPrefs) => {
    const next = { ...prefs, [key]: !prefs[key] };
    if (key === 'desktop' && next.desktop) next.desktop = await askDesktopPermission();
    if (key === 'sound' && next.sound) chime();
    setPrefs(next);
    savePrefs(next);
  };

  const totals = queues.reduce((acc, qu) => ({ queued: acc.queued + qu.queued, with_agent: acc.with_agent + qu.with_agent }), {
    queued: 0,
    with_agent: 0,
  });

  return (
    <div className={`inbox ${selected ? 'has-selection' : ''}`}>
      <section className="list-pane" aria-label="Conversations">
        <div className="list-head">
          <div role="group" aria-label="Views" className="tabs">
            {VIEWS.map((v) => (
              <button
                key={v.id}
                type="button"
                aria-pressed={view === v.id}
                className={view === v.id ? 'active' : ''}
                onClick={() => setView(v.id)}
              >
                {v.label}
                {v.id === 'queue' && totals.queued > 0 && <span className="count">{totals.queued}</span>}
              </button>
            ))}
          </div>
          <p className={`live ${live}`} role="status">
            <span className="dot" aria-hidden="true" />
            {live === 'live' ? 'Live' : live === 'connecting' ? 'Connecting…' : 'Reconnecting…'}
          </p>
        </div>
        <Filters value={filters} onChange={setFilters} />
        <fieldset className="alerts">
          <legend className="sr-only">Alerts for new handoffs</legend>
          <label>
            <input type="checkbox" checked={prefs.sound} onChange={() => void togglePref('sound')} /> Sound
          </label>
          <label>
            <input type="checkbox" checked={prefs.desktop} onChange={() => void togglePref('desktop')} /> Desktop notifications
          </label>
        </fieldset>
        {queues.length > 0 && (
          <ul className="queues" aria-label="Queues">
            {queues
              .filter((qu) => qu.team_id || qu.queued + qu.with_agent + qu.awaiting_customer > 0)
              .map((qu) => (
                <li key={qu.team_id ?? 'none'}>
                  <button
                    type="button"
                    className={filters.team === (qu.team_id ?? '') && filters.team ? 'active' : ''}
                    onClick={() => setFilters((f) => ({ ...f, team: f.team === (qu.team_id ?? '') ? '' : (qu.team_id ?? '') }))}
                    aria-pressed={filters.team === (qu.team_id ?? '') && !!filters.team}
                    title={`${qu.queued} queued, ${qu.with_agent} with an agent`}
                  >
                    {/* The name read out starts with the words on the button (WCAG 2.5.3); the counts follow in words. */}
                    <span>{qu.team_name ?? 'No team'}</span>
                    <span className={`count ${qu.queued === 0 ? 'zero' : ''}`} aria-hidden="true">
                      {qu.queued}
                    </span>
                    <span className="sr-only">
                      , {qu.queued} queued, {qu.with_agent} with an agent
                    </span>
                  </button>
                </li>
              ))}
          </ul>
        )}
        <div className="sr-only" aria-live="polite">
          {announce}
        </div>
        {listError && (
          <p className="error" role="alert">
            {listError}
          </p>
        )}
        <ConversationList items={items} selected={selected} hints={hints} fresh={fresh} loading={loading} />
        {cursor && (
          <button type="button" className="more" onClick={() => void loadList(cursor)}>
            Load more
          </button>
        )}
        <div className="list-foot">
          <button
            type="button"
            className="link keys-button"
            title={hint('help')}
            aria-keyshortcuts={ariaKeys('help')}
            onClick={() => setHelpOpen(true)}
          >
            Keyboard shortcuts <kbd aria-hidden="true">?</kbd>
          </button>
        </div>
      </section>
      {selected ? (
        <ConversationView
          key={selected}
          id={selected}
          bus={bus}
          onChanged={upsert}
          onSeen={(id) =>
            setFresh((s) => {
              if (!s.has(id)) return s;
              const n = new Set(s);
              n.delete(id);
              return n;
            })
          }
        />
      ) : (
        <section className="empty-pane" aria-label="Conversation">
          <h1 className="sr-only">Inbox</h1>
          <p className="muted">
            Pick a conversation, or press <kbd>J</kbd> to open the first. New handoffs appear in the queue as they happen.
          </p>
        </section>
      )}
      <ShortcutHelp open={helpOpen} onClose={() => setHelpOpen(false)} />
    </div>
  );
}
