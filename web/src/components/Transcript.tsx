import { clock, percent, safeHref } from '../format.ts';
import { useWorkspace } from '../workspace.tsx';
import { Value } from './Value.tsx';
import { Redactable } from './Reveal.tsx';
import type { Customer, Message } from '../types.ts';

/** The conversation as it happened: bot turns marked, their sources shown, internal notes apart. */
export function Transcript({ messages, customer }: { messages: Message[]; customer: Customer | null }) {
  const ws = useWorkspace();
  return (
    <ol className="transcript" aria-label="Transcript">
      {messages.map((m) => {
        const kind = m.internal ? 'note' : m.author;
        const who =
          m.author === 'customer'
            ? (customer?.name ?? 'Customer')
            : m.author === 'bot'
              ? 'Assistant'
              : m.author === 'agent'
                ? (ws.agentName(m.agent_id) ?? 'Agent')
                : 'System';
        const cites = (m.citations ?? []).filter((c) => c && (c.title || c.url));
        const trace = m.trace && typeof m.trace === 'object' ? m.trace : null;
        return (
          <li key={m.id} className={`msg msg-${kind}`} data-author={m.author} data-internal={m.internal ? 'true' : undefined}>
            <div className="msg-head">
              {m.author === 'bot' && <span className="badge bot">Bot</span>}
              {m.internal && <span className="badge note">Internal note</span>}
              <span className="msg-who">{who}</span>
              <time dateTime={m.created_at ?? undefined}>{clock(m.created_at)}</time>
            </div>
            <p className="msg-text">
              <Redactable text={m.text} />
            </p>
            {cites.length > 0 && (
              <div className="sources">
                <span className="sources-label">Sources:</span>
                <ul>
                  {cites.map((c, i) => {
                    const link = safeHref(c.url);
                    return (
                      <li key={i} title={c.passage}>
                        {link ? (
                          <a href={link} target="_blank" rel="noopener noreferrer">
                            {c.title || c.url}
                          </a>
                        ) : (
                          c.title
                        )}
                      </li>
                    );
                  })}
                </ul>
              </div>
            )}
            {m.author === 'bot' && trace && (
              <details className="trace">
                <summary>
                  Why the bot said this
                  {percent(trace.confidence) && ` · confidence ${percent(trace.confidence)}`}
                </summary>
                <Value v={trace} />
              </details>
            )}
          </li>
        );
      })}
    </ol>
  );
}
