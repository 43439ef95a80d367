import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, errorText, get } from '../api.ts';
import type { PushBus } from '../bus.ts';
import { href, onLinkClick } from '../router.ts';
import { STATUS_LABEL } from '../format.ts';
import { useWorkspace } from '../workspace.tsx';
import { Brief } from './Brief.tsx';
import { Transcript } from './Transcript.tsx';
import { Composer, type ComposerMode } from './Composer.tsx';
import { Actions, allowedMoves, useControlMoves } from './Actions.tsx';
import { AssistPanel } from './AssistPanel.tsx';
import { CustomerCard } from './CustomerCard.tsx';
import { BriefFeedback } from './BriefFeedback.tsx';
import { hasTokens, RevealBar, RevealProvider } from './Reveal.tsx';
import { MacroPicker } from './MacroPicker.tsx';
import { useShortcuts } from '../shortcuts.ts';
import { fillMacro } from '../macros.ts';
import type { Conversation, ConversationDetail, Message } from '../types.ts';

function byRequested(a: { requested_at: string | null }, b: { requested_at: string | null }) {
  return (a.requested_at ?? '').localeCompare(b.requested_at ?? '');
}

export function ConversationView(props: { id: string; bus: PushBus; onChanged: (c: Conversation) => void; onSeen: (id: string) => void }) {
  const { id, bus, onChanged, onSeen } = props;
  const ws = useWorkspace();
  const [detail, setDetail] = useState<ConversationDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [mode, setMode] = useState<ComposerMode>('reply');
  const [revealed, setRevealed] = useState<Record<string, string> | null>(null);
  useEffect(() => setRevealed(null), [id]);
  const inputRef = useRef<HTMLTextAreaElement | null>(null);
  const endRef = useRef<HTMLDivElement | null>(null);
  const bodyRef = useRef<HTMLDivElement | null>(null);

  const load = useCallback(async () => {
    try {
      setDetail(await get<ConversationDetail>(`/conversations/${encodeURIComponent(id)}`));
      setError(null);
    } catch (err) {
      // A malformed id in the address is the same to the agent as an unknown one.
      const unknown = err instanceof ApiError && (err.status === 404 || (err.status === 400 && err.message.startsWith('params/')));
      setError(unknown ? 'This conversation does not exist, or you have no access to it.' : errorText(err));
    }
  }, [id]);

  useEffect(() => {
    void load();
    onSeen(id);
  }, [load, id, onSeen]);

  const addMessage = useCallback((m: Message) => {
    setDetail((d) => {
      if (!d || m.conversation_id !== d.conversation.id || d.messages.some((x) => x.id === m.id)) return d;
      return { ...d, messages: [...d.messages, m].sort((a, b) => a.seq - b.seq) };
    });
  }, []);

  const setConversation = useCallback(
    (c: Conversation) => {
      setDetail((d) => (d && d.conversation.id === c.id ? { ...d, conversation: c } : d));
      onChanged(c);
    },
    [onChanged],
  );

  // The conversation as shown, for the push handler (subscribed once per conversation).
  const shown = useRef(detail);
  shown.current = detail;
  useEffect(
    () =>
      bus.subscribe((push) => {
        if (push.type === 'message.created' && push.data.conversation_id === id) {
          addMessage(push.data);
          // The brief is rebuilt on a customer's line while a handoff is open: read it again.
          if (push.data.author === 'customer' && shown.current?.conversation.status !== 'bot') void load();
        } else if (push.type === 'conversation.updated' && push.data.id === id) {
          const was = shown.current?.conversation;
          const moved = was && (was.status !== push.data.status || was.assignee_id !== push.data.assignee_id);
          setDetail((d) => (d ? { ...d, conversation: push.data } : d));
          // Accepted, assigned, awaiting: the brief's next step reads from the state now.
          if (moved) void load();
        } else if (push.type === 'conversation.handoff' && push.data.conversation.id === id) void load();
      }),
    [bus, id, addMessage, load],
  );

  // The brief comes first when a conversation opens; later messages scroll into view when
  // the agent is already reading the end of the transcript.
  const count = detail?.messages.length ?? 0;
  const seen = useRef(0);
  useEffect(() => {
    const body = bodyRef.current;
    if (body && seen.current > 0 && count > seen.current && body.scrollHeight - body.scrollTop - body.clientHeight < 200) {
      endRef.current?.scrollIntoView({ block: 'end' });
    }
    seen.current = count;
  }, [count]);

  const fill = (raw: string) => fillMacro(raw, { customer: detail?.customer?.name, agent: ws.me.name });
  const insert = (raw: string) => {
    const t = fill(raw);
    setMode('reply');
    setText(text.trim() ? `${text.trimEnd()}\n${t}` : t);
    requestAnimationFrame(() => inputRef.current?.focus());
  };

  const moves = useControlMoves(id, setConversation);
  const [picking, setPicking] = useState(false);
  const allowed = detail ? allowedMoves(detail.conversation) : null;
  useShortcuts({
    accept: () => (allowed?.canAccept ? void moves.run('accept', 'accept') : false),
    resolve: () => (allowed?.canResolve ? void moves.run('resolve', 'resolve') : false),
    macro: () => (detail && detail.conversation.status !== 'closed' ? setPicking(true) : false),
    compose: () => {
      const box = inputRef.current;
      if (!box || box.disabled) return false;
      box.focus();
    },
  });

  if (error)
    return (
      <section className="conversation-pane" aria-label="Conversation">
        <a className="back" href={href('/')} onClick={onLinkClick('/')}>
          ← Back to the list
        </a>
        <p className="error" role="alert">
          {error}
        </p>
      </section>
    );
  if (!detail)
    return (
      <section className="conversation-pane" aria-label="Conversation">
        <p className="muted" role="status">
          Loading…
        </p>
      </section>
    );

  const c = detail.conversation;
  const handoffs = [...detail.handoffs].sort(byRequested);
  const latest = handoffs.at(-1);
  const title = detail.customer?.name || 'Visitor';
  const tokens =
    detail.messages.some((m) => hasTokens(m.text)) || hasTokens(typeof latest?.brief?.summary === 'string' ? latest.brief.summary : null);

  return (
    <RevealProvider value={revealed}>
      <section className="conversation-pane" aria-labelledby="conv-title">
        <div className="conv-head">
          <a className="back" href={href('/')} onClick={onLinkClick('/')}>
            ← Conversations
          </a>
          <h1 id="conv-title">{title}</h1>
          <p className="badges">
            <span className={`badge status-${c.status}`} data-testid="conversation-status">
              {STATUS_LABEL[c.status] ?? c.status}
            </span>
            <span className={`badge prio-${c.priority}`}>{c.priority} priority</span>
            {c.team_id && <span className="badge">{ws.teamName(c.team_id) ?? 'team'}</span>}
            {c.assignee_id && (
              <span className="badge">
                {/* Queued with an assignee is an offer (routing); it is theirs once accepted. */}
                {c.status === 'queued' ? 'offered to' : 'assigned to'}{' '}
                {c.assignee_id === ws.me.id ? 'me' : (ws.agentName(c.assignee_id) ?? 'someone')}
              </span>
            )}
            {c.csat != null && <span className="badge">CSAT {c.csat}/5</span>}
          </p>
          <Actions conversation={c} moves={moves} />
          <RevealBar conversationId={c.id} present={tokens} values={revealed} onValues={setRevealed} />
        </div>
        <div className="conv-body" ref={bodyRef}>
          {latest ? (
            <>
              <Brief handoff={latest} earlier={handoffs.length - 1} />
              <BriefFeedback conversationId={c.id} handoffId={latest.id} />
            </>
          ) : (
            <p className="muted small">No handoff: the bot has handled this conversation so far.</p>
          )}
          <h2 className="sr-only">Transcript</h2>
          <Transcript messages={detail.messages} customer={detail.customer} />
          <div ref={endRef} />
        </div>
        <Composer conversation={c} text={text} setText={setText} mode={mode} setMode={setMode} inputRef={inputRef} onSent={addMessage} />
      </section>
      <aside className="side-pane" aria-label="Customer and assist">
        <CustomerCard customer={detail.customer} conversation={c} botVerification={detail.bot_verification} />
        <AssistPanel conversationId={c.id} onInsert={insert} fill={fill} />
      </aside>
      <MacroPicker open={picking} language={c.language} onClose={() => setPicking(false)} onPick={insert} />
    </RevealProvider>
  );
}
