import { href, onLinkClick } from '../router.ts';
import { humanize, STATUS_LABEL, timeAgo } from '../format.ts';
import { useWorkspace } from '../workspace.tsx';
import type { ConversationRow } from '../types.ts';

export interface ListHint {
  name?: string;
  summary?: string;
}

/** The intent in words: its article's title, else the id made readable ("gift-cards" → "Gift cards"). */
export const intentLabel = (c: Pick<ConversationRow, 'intent' | 'intent_label'>): string | null =>
  c.intent_label || (c.intent ? humanize(c.intent) : null);

export function ConversationList(props: {
  items: ConversationRow[];
  selected: string | null;
  hints: Record<string, ListHint>;
  fresh: Set<string>;
  loading: boolean;
}) {
  const ws = useWorkspace();
  if (props.items.length === 0)
    return <p className="muted list-empty">{props.loading ? 'Loading…' : 'Nothing here. New handoffs will appear live.'}</p>;
  return (
    <ul className="conversations" aria-label="Conversation list">
      {props.items.map((c) => {
        const hint = props.hints[c.id] ?? {};
        const name = c.customer_name || hint.name || 'Visitor';
        const preview = c.preview ?? hint.summary;
        const topic = intentLabel(c);
        const isNew = props.fresh.has(c.id);
        const assignee = c.assignee_id ? (c.assignee_id === ws.me.id ? 'You' : (ws.agentName(c.assignee_id) ?? 'Assigned')) : null;
        return (
          <li key={c.id} className={`${props.selected === c.id ? 'selected' : ''} ${isNew ? 'new' : ''}`} data-conversation-id={c.id}>
            <a href={href(`/c/${c.id}`)} onClick={onLinkClick(`/c/${c.id}`)} aria-current={props.selected === c.id ? 'true' : undefined}>
              <span className="row">
                <strong className="title">{name}</strong>
                <time dateTime={c.updated_at ?? undefined}>{timeAgo(c.updated_at)}</time>
              </span>
              {topic && <span className="topic">{topic}</span>}
              {preview ? <span className="summary">{preview}</span> : <span className="summary muted-more">No message yet</span>}
              <span className="badges">
                {isNew && <span className="badge new">New</span>}
                <span className={`badge status-${c.status}`}>{STATUS_LABEL[c.status] ?? c.status}</span>
                {c.priority !== 'normal' && <span className={`badge prio-${c.priority}`}>{c.priority}</span>}
                {c.team_id && <span className="badge">{ws.teamName(c.team_id) ?? 'Team'}</span>}
                {c.language && <span className="badge">{c.language.toUpperCase()}</span>}
                {assignee && <span className="badge">{assignee}</span>}
              </span>
            </a>
          </li>
        );
      })}
    </ul>
  );
}
