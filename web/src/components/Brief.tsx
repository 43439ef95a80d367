import type { ReactNode } from 'react';
import { humanize, percent, reasonLabel, routedInWords, safeHref } from '../format.ts';
import { Value } from './Value.tsx';
import { Redactable } from './Reveal.tsx';
import { BriefActions } from './BriefActions.tsx';
import { Quote } from './Quote.tsx';
import { currentBrief, type Brief as BriefJson, type Handoff } from '../types.ts';

// The handoff brief (schema_version 2, contracts/api.ts: Brief), each field in its place. A
// handoff without a current brief (an imported one) shows its reasons and what it carries.

type Article = BriefJson['knowledge'][number];
type Attempt = BriefJson['bot_attempts'][number];

function Row({ label, children, wide = false }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <div className={wide ? 'brief-row wide' : 'brief-row'}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Sentiment({ v }: { v: NonNullable<BriefJson['sentiment']> }) {
  return (
    <span className={`sentiment ${v.label === 'negative' || v.score < -0.1 ? 'neg' : ''}`}>
      {v.label} ({v.score.toFixed(2)})
    </span>
  );
}

const REACTION_LABEL: Record<string, string> = {
  asked_for_human: 'asked for a person',
  said_not_helpful: 'said it did not help',
  rephrased: 'rephrased the question',
  negative: 'reacted negatively',
  thanked: 'said thanks',
  continued: 'carried on',
};

function Reaction({ v }: { v: Attempt['reaction'] }) {
  if (v.kind === 'none') return null;
  return (
    <span className="reaction">
      {' '}
      → customer {REACTION_LABEL[v.kind] ?? humanize(v.kind).toLowerCase()}
      {v.text && (
        <>
          : <Quote text={v.text} />
        </>
      )}
    </span>
  );
}

function ArticleLink({ a }: { a: Article }) {
  const link = safeHref(a.url);
  return link ? (
    <a href={link} target="_blank" rel="noopener noreferrer">
      {a.title || a.id}
    </a>
  ) : (
    <>{a.title || a.id}</>
  );
}

function Fields({ v }: { v: BriefJson['fields'] }) {
  if (v.length === 0) return <span className="muted">none</span>;
  return (
    <ul className="inline-list">
      {v.map((f, i) => (
        <li key={i}>
          <span className="muted">{f.label ?? humanize(f.kind)}:</span>{' '}
          <code>
            <Redactable text={f.value} />
          </code>
        </li>
      ))}
    </ul>
  );
}

function Attempts({ items }: { items: Attempt[] }) {
  return (
    <ol className="attempts">
      {items.map((a, i) => (
        <li key={i}>
          {a.text && <Quote text={a.text} />}
          {/* A clarifying question names its pages itself (they are under "Knowledge referenced"). */}
          {a.articles.length > 0 && a.action !== 'clarify' && (
            <span className="cites">
              {' '}
              from{' '}
              {a.articles.map((c, j) => (
                <span key={j}>
                  {j > 0 && ', '}
                  <ArticleLink a={c} />
                </span>
              ))}
            </span>
          )}
          <Reaction v={a.reaction} />
        </li>
      ))}
    </ol>
  );
}

function Reasons({ reasons, kinds = {} }: { reasons: string[]; kinds?: Record<string, string | undefined> }) {
  return (
    <ul className="reasons" aria-label="Escalation reasons">
      {reasons.map((r) => (
        <li key={r} className={`reason reason-${r}`}>
          {reasonLabel(r, kinds[r])}
        </li>
      ))}
    </ul>
  );
}

const STATUS_NOW: Record<string, string> = {
  queued: 'waiting in the queue',
  awaiting_customer: 'waiting for a reply by e-mail',
  with_agent: 'with',
  bot: 'back with the bot',
  resolved: 'resolved',
  closed: 'closed',
};

/** Where the conversation is now (the brief is rebuilt when it moves), and whether anyone is on shift. */
function Now({ b }: { b: BriefJson }) {
  const s = b.state;
  const onShift = s ? s.on_shift : b.routing.on_shift;
  if (!s) return onShift ? <span className="muted">—</span> : <span className="badge status-awaiting_customer">nobody on shift</span>;
  return (
    <>
      {s.status === 'with_agent' ? `with ${s.assignee_name ?? 'an agent'}` : (STATUS_NOW[s.status] ?? humanize(s.status))}
      {!onShift && s.status !== 'with_agent' && <span className="badge status-awaiting_customer">nobody on shift</span>}
    </>
  );
}

/** What the summary says about the messages sent while waiting, counted rather than claimed. */
function WaitingNote({ updates }: { updates: BriefJson['updates'] }) {
  const n = updates.length;
  const quoted = updates.filter((u) => u.in_summary !== false).length;
  const plural = (k: number) => (k === 1 ? 'message' : 'messages');
  return (
    <p className="muted small waiting-note">
      The customer wrote {n} {plural(n)} while waiting
      {quoted === n
        ? `; the summary quotes ${n === 1 ? 'it' : 'each one'}.`
        : `; the summary quotes ${quoted}, the other ${n - quoted} held only a greeting or a detail listed under Collected.`}
    </p>
  );
}

export function Brief({ handoff, earlier }: { handoff: Handoff; earlier: number }) {
  const b = currentBrief(handoff);
  const earlierNote = earlier > 0 && (
    <p className="muted small">
      {earlier} earlier handoff{earlier > 1 ? 's' : ''} in this conversation.
    </p>
  );
  if (!b) {
    return (
      <section className="brief" aria-labelledby="brief-title">
        <header>
          <h2 id="brief-title">Handoff brief</h2>
          <Reasons reasons={handoff.reasons} />
        </header>
        <p className="muted">This handoff has no brief Baton wrote (it was imported, or predates this version).</p>
        <Value v={handoff.brief} />
        {earlierNote}
      </section>
    );
  }
  const reasons = [...new Set([...handoff.reasons, ...b.reasons, ...b.escalation.reasons.map((e) => e.reason)])];
  const evidence = b.escalation.reasons.filter((e) => e.evidence);
  const { customer, intent, routing } = b;
  const routed = routedInWords(routing);
  const otherTokens = b.redaction_tokens.filter((t) => !b.fields.some((f) => f.value === t));

  return (
    <section className="brief" aria-labelledby="brief-title">
      <header>
        <h2 id="brief-title">Handoff brief</h2>
        <Reasons reasons={reasons} kinds={Object.fromEntries(b.escalation.reasons.map((e) => [e.reason, e.kind]))} />
      </header>
      {b.summary &&
        (b.summary_sources.length > 1 && b.summary_sources.every((s) => s.text) ? (
          // Several messages: one quoted line each, in the order they were written, so they read as
          // the customer's words rather than one run-on sentence.
          <ul className="brief-summary quotes">
            {b.summary_sources.map((s, i) => (
              <li key={i}>
                <Quote text={s.text!} />
              </li>
            ))}
          </ul>
        ) : (
          <p className="brief-summary">
            {b.summary_sources.length === 1 && b.summary_sources[0]!.text ? (
              <Quote text={b.summary_sources[0]!.text} />
            ) : (
              <Redactable text={b.summary} />
            )}
          </p>
        ))}
      <dl className="brief-grid">
        <Row label="Recommended next step" wide>
          <strong>
            <span className="badge">{humanize(b.recommended_next_step.action)}</span> <Redactable text={b.recommended_next_step.text} />
          </strong>
        </Row>
        {b.goal && (
          <Row label="Goal">
            <Quote text={b.goal.text} />
          </Row>
        )}
        <Row label="Customer">
          {customer.name ?? 'Anonymous'}
          {customer.email && <> · {customer.email}</>}{' '}
          {!customer.verified && b.actions?.identity?.via === 'tool' ? (
            // Verified in the conversation with a verification tool: the actions section says how.
            <span className="badge verified">verified by the bot</span>
          ) : (
            <span className={`badge ${customer.verified ? 'verified' : 'unverified'}`}>
              {customer.verified ? `verified${customer.verified_by ? ` (${humanize(customer.verified_by)})` : ''}` : 'not verified'}
            </span>
          )}
          {customer.vip && <span className="badge prio-high">VIP</span>}
          {customer.tier && <span className="badge">tier {customer.tier}</span>}
          {customer.plan && <span className="badge">plan {customer.plan}</span>}
        </Row>
        {intent && (
          <Row label="Intent">
            {intent.title && intent.title !== intent.id ? intent.title : humanize(intent.id)}
            {percent(intent.confidence) && <span className="muted"> ({percent(intent.confidence)} sure)</span>}
          </Row>
        )}
        <Row label="Bot confidence">
          {percent(b.escalation.confidence) ?? '—'}
          {percent(b.escalation.threshold) && <span className="muted"> (threshold {percent(b.escalation.threshold)})</span>}
        </Row>
        {b.sentiment && (
          <Row label="Sentiment">
            <Sentiment v={b.sentiment} />
          </Row>
        )}
        <Row label="Language · channel">
          <Value v={b.language} /> · <Value v={b.channel} />
        </Row>
        <Row label="Priority">
          <Value v={b.priority} />
        </Row>
        <Row label="Routed at handoff">
          {routed.target}
          {routed.why && <span className="muted"> — {routed.why}</span>}
          {routed.rule && <span className="muted"> (rule: {routed.rule})</span>}
        </Row>
        <Row label="Now">
          <Now b={b} />
        </Row>
        {b.last_customer_message && (
          <Row label="Last customer message">
            <Quote text={b.last_customer_message} />
          </Row>
        )}
        <Row label="Collected">
          <Fields v={b.fields} />
        </Row>
        {/* Tokens not already listed under Collected (e.g. a name, or one the bot wrote). */}
        {otherTokens.length > 0 && (
          <Row label="Also redacted">
            <Value v={otherTokens} />
          </Row>
        )}
      </dl>
      {evidence.length > 0 && (
        <div className="brief-block">
          <h3>Why it was escalated</h3>
          <ul className="value-list">
            {evidence.map((e, i) => (
              <li key={i}>
                <strong>{reasonLabel(e.reason, e.kind)}:</strong> {e.message_id ? <Quote text={e.evidence!} /> : e.evidence}
                {percent(e.confidence) && <span className="muted"> (the bot was {percent(e.confidence)} sure)</span>}
              </li>
            ))}
          </ul>
        </div>
      )}
      {b.actions && <BriefActions conversationId={b.conversation_id} actions={b.actions} />}
      {b.bot_attempts.length > 0 && (
        <div className="brief-block">
          <h3>What the bot tried</h3>
          <Attempts items={b.bot_attempts} />
        </div>
      )}
      {b.knowledge.length > 0 && (
        <div className="brief-block">
          <h3>Knowledge referenced</h3>
          <ul className="inline-list">
            {b.knowledge.map((a, i) => (
              <li key={i}>
                <ArticleLink a={a} />
              </li>
            ))}
          </ul>
        </div>
      )}
      {b.updates.length > 0 && <WaitingNote updates={b.updates} />}
      {earlierNote}
    </section>
  );
}
