import { href, onLinkClick } from '../router.ts';
import { shortId, STATUS_LABEL, timeAgo } from '../format.ts';
import { useWorkspace } from '../workspace.tsx';
import type { Conversation } from '../types.ts';

export interface ListHint {
  name?: string;
  summary?: string;
}

export function ConversationList(props: {
  items: Conversation[];
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
        const title = hint.name ?? c.intent ?? `Conversation ${shortId(c.id)}`;
        const isNew = props.fresh.has(c.id);
        return (
          <li key={c.id} className={`${props.selected === c.id ? 'selected' : ''} ${isNew ? 'new' : ''}`} data-conversation-id={c.id}>
            <a href={href(`/c/${c.id}`)} onClick={onLinkClick(`/c/${c.id}`)} aria-current={props.selected === c.id ? 'true' : undefined}>
              <span className="row">
                <strong className="title">{title}</strong>
                <time dateTime={c.updated_at ?? undefined}>{timeAgo(c.updated_at)}</time>
              </span>
              {hint.summary && <span className="summary">{hint.summary}</span>}
              <span className="badges">
                {isNew && <span className="badge new">New</span>}
                <span className={`badge status-${c.status}`}>{STATUS_LABEL[c.status] ?? c.status}</span>
                {c.priority !== 'normal' && <span className={`badge prio-${c.priority}`}>{c.priority}</span>}
                {c.team_id && <span className="badge">{ws.teamName(c.team_id) ?? 'team'}</span>}
                {c.language && <span className="badge">{c.language}</span>}
                {c.assignee_id && (
                  <span className="badge">{c.assignee_id === ws.me.id ? 'me' : (ws.agentName(c.assignee_id) ?? 'assigned')}</span>
                )}
              </span>
            </a>
          </li>
        );
      })}
    </ul>
  );
}
