import { useResource } from '../hooks.ts';
import { href, onLinkClick } from '../router.ts';
import { shortId, STATUS_LABEL, timeAgo } from '../format.ts';
import { Value } from './Value.tsx';
import type { BotVerification, Conversation, Customer } from '../types.ts';

export function CustomerCard({
  customer,
  conversation,
  botVerification,
}: {
  customer: Customer | null;
  conversation: Conversation;
  /** The bot verified the customer in this conversation with a verification tool. */
  botVerification: BotVerification | null;
}) {
  const [history] = useResource<{ conversations: Conversation[] }>(customer ? `/conversations?customer_id=${customer.id}&limit=6` : null);
  const previous = history.state === 'ready' ? history.data.conversations.filter((c) => c.id !== conversation.id) : [];
  return (
    <section className="card" aria-labelledby="customer-title">
      <h2 id="customer-title">Customer</h2>
      {customer ? (
        <dl className="kv">
          <div>
            <dt>Name</dt>
            <dd>{customer.name ?? <span className="muted">not given</span>}</dd>
          </div>
          <div>
            <dt>E-mail</dt>
            <dd>{customer.email ?? <span className="muted">not given</span>}</dd>
          </div>
          <div>
            <dt>Identity</dt>
            <dd>
              {botVerification && !customer.verified ? (
                <>
                  <span className="badge verified">verified by the bot</span>
                  {/* How, never with what: the values stay tokens in the transcript. */}
                  <span className="muted small block" title={botVerification.tool ? `with ${botVerification.tool}` : undefined}>
                    via {botVerification.method}
                  </span>
                </>
              ) : (
                <span className={`badge ${customer.verified ? 'verified' : 'unverified'}`}>
                  {customer.verified ? 'verified' : 'not verified'}
                </span>
              )}
            </dd>
          </div>
          {customer.external_id && (
            <div>
              <dt>User id</dt>
              <dd>{customer.external_id}</dd>
            </div>
          )}
          <div>
            <dt>Channel</dt>
            <dd>{conversation.channel}</dd>
          </div>
          <div>
            <dt>Language</dt>
            <dd>{conversation.language ?? '—'}</dd>
          </div>
          {Object.keys(customer.attributes ?? {}).length > 0 && (
            <div>
              <dt>Attributes</dt>
              <dd>
                <Value v={customer.attributes} />
              </dd>
            </div>
          )}
        </dl>
      ) : (
        <p className="muted">No customer record.</p>
      )}
      {previous.length > 0 && (
        <>
          <h3>Earlier conversations</h3>
          <ul className="history">
            {previous.map((c) => (
              <li key={c.id}>
                <a href={href(`/c/${c.id}`)} onClick={onLinkClick(`/c/${c.id}`)}>
                  {c.intent ?? shortId(c.id)}
                </a>{' '}
                <span className="muted small">
                  {STATUS_LABEL[c.status]} · {timeAgo(c.updated_at)}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
