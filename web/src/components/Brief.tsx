import type { ReactNode } from 'react';
import { humanize, percent, REASON_LABEL, safeHref } from '../format.ts';
import { Value } from './Value.tsx';
import { Redactable } from './Reveal.tsx';
import type { Handoff } from '../types.ts';

// The handoff brief, rendered from its JSON: the fields we know get a proper place, anything
// newer than this screen is still listed under "More", so nothing in the brief is hidden.

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
function pick(b: Json, used: Set<string>, ...keys: string[]): unknown {
  for (const k of keys) {
    if (k in b) {
      used.add(k);
      if (b[k] !== null && b[k] !== undefined) return b[k];
    }
  }
  return undefined;
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="brief-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Sentiment({ v }: { v: unknown }) {
  const o = obj(v);
  if (o && typeof o.score === 'number') {
    const label = str(o.label) ?? '';
    return (
      <span className={`sentiment ${label === 'negative' || o.score < -0.1 ? 'neg' : ''}`}>
        {label} ({o.score.toFixed(2)})
      </span>
    );
  }
  if (typeof v !== 'number') return <Value v={v} />;
  const label = v <= -0.5 ? 'very negative' : v < -0.1 ? 'negative' : v > 0.3 ? 'positive' : 'neutral';
  return (
    <span className={`sentiment ${v < -0.1 ? 'neg' : ''}`}>
      {label} ({v.toFixed(2)})
    </span>
  );
}

function Reaction({ v }: { v: unknown }) {
  const o = obj(v);
  const kind = o ? str(o.kind) : str(v);
  if (kind === 'none') return null;
  const text = o ? str(o.text) : null;
  return (
    <span className="reaction">
      {' '}
      → customer {kind ? (REACTION_LABEL[kind] ?? humanize(kind).toLowerCase()) : <Value v={v} />}
      {text && (
        <>
          : <q>{text}</q>
        </>
      )}
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

/** A value that may be plain text or {text, ...}: the text, with any action as a badge. */
function TextOf({ v }: { v: unknown }) {
  const o = obj(v);
  if (o && str(o.text)) {
    return (
      <>
        {str(o.action) && <span className="badge">{humanize(String(o.action))}</span>} <Redactable text={String(o.text)} />
      </>
    );
  }
  return <Value v={v} />;
}

function ArticleLinks({ items }: { items: unknown[] }) {
  return (
    <ul className="inline-list">
      {items.map((a, i) => {
        const o = obj(a);
        const title = str(o?.title) ?? str(o?.id) ?? str(o?.articleId) ?? (o ? JSON.stringify(o) : String(a));
        const link = safeHref(o?.url);
        return (
          <li key={i}>
            {link ? (
              <a href={link} target="_blank" rel="noopener noreferrer">
                {title}
              </a>
            ) : (
              title
            )}
          </li>
        );
      })}
    </ul>
  );
}

function Fields({ v }: { v: unknown }) {
  if (!Array.isArray(v)) return <Value v={v} />;
  if (v.length === 0) return <span className="muted">none</span>;
  return (
    <ul className="inline-list">
      {v.map((f, i) => {
        const o = obj(f);
        return (
          <li key={i}>
            {o && str(o.kind) ? (
              <>
                <span className="muted">{humanize(String(o.kind))}:</span> <code>{String(o.value ?? '')}</code>
              </>
            ) : (
              <Value v={f} />
            )}
          </li>
        );
      })}
    </ul>
  );
}

function Attempts({ items }: { items: unknown[] }) {
  return (
    <ol className="attempts">
      {items.map((a, i) => {
        const o = obj(a);
        if (!o) return <li key={i}>{String(a)}</li>;
        const text = str(o.text) ?? str(o.answer) ?? str(o.summary);
        const cites = arr(o.citations ?? o.articles ?? o.sources);
        const reaction = o.reaction ?? o.customer_reaction ?? o.outcome;
        return (
          <li key={i}>
            {text && (
              <q>
                <Redactable text={text} />
              </q>
            )}
            {cites.length > 0 && (
              <span className="cites">
                {' '}
                from{' '}
                {cites.map((c, j) => {
                  const co = obj(c);
                  const title = str(co?.title) ?? str(co?.articleId) ?? str(co?.id) ?? String(c);
                  const link = safeHref(co?.url);
                  return (
                    <span key={j}>
                      {j > 0 && ', '}
                      {link ? (
                        <a href={link} target="_blank" rel="noopener noreferrer">
                          {title}
                        </a>
                      ) : (
                        title
                      )}
                    </span>
                  );
                })}
              </span>
            )}
            {reaction !== undefined && reaction !== null && <Reaction v={reaction} />}
          </li>
        );
      })}
    </ol>
  );
}

export function Brief({ handoff, earlier }: { handoff: Handoff; earlier: number }) {
  const b: Json = obj(handoff.brief) ?? {};
  const used = new Set<string>(['schema_version', 'transcript', 'conversation_id', 'summary_sources', 'generated_at']);
  const summary = str(pick(b, used, 'summary'));
  const goal = pick(b, used, 'goal', 'customer_goal');
  const next = pick(b, used, 'next_step', 'recommended_next_step', 'next_steps', 'recommendation');
  const customer = obj(pick(b, used, 'customer'));
  const intentRaw = pick(b, used, 'intent');
  const intent = obj(intentRaw);
  const escalation = obj(pick(b, used, 'escalation'));
  const confidence = escalation?.confidence ?? pick(b, used, 'confidence');
  const threshold = escalation?.threshold ?? pick(b, used, 'threshold');
  const evidence = arr(escalation?.reasons).map(obj).filter((e): e is Json => !!e && !!str(e.evidence));
  const channel = pick(b, used, 'channel');
  const updates = arr(pick(b, used, 'updates'));
  const sentiment = pick(b, used, 'sentiment');
  const language = pick(b, used, 'language');
  const priority = pick(b, used, 'priority');
  const briefReasons = arr(pick(b, used, 'reasons', 'escalation_reasons'));
  const reasons = [...new Set([...handoff.reasons, ...briefReasons.map(String), ...arr(escalation?.reasons).map((e) => str(obj(e)?.reason)).filter((r): r is string => !!r)])];
  const attempts = arr(pick(b, used, 'bot_attempts', 'what_the_bot_tried', 'bot_tried', 'attempts'));
  const knowledge = arr(pick(b, used, 'knowledge', 'knowledge_referenced', 'articles'));
  const fields = pick(b, used, 'fields', 'fields_collected', 'collected');
  const routing = obj(pick(b, used, 'routing')) ?? obj(handoff.routing);
  const redactions = pick(b, used, 'redaction_tokens', 'redactions');
  const lastMessage = str(pick(b, used, 'last_customer_message'));
  const rest = Object.entries(b).filter(([k]) => !used.has(k));

  const intentText = intent ? (str(intent.title) ?? str(intent.id) ?? JSON.stringify(intent)) : str(intentRaw);
  const intentConf = intent ? percent(intent.confidence) : null;

  return (
    <section className="brief" aria-labelledby="brief-title">
      <header>
        <h2 id="brief-title">Handoff brief</h2>
        <ul className="reasons" aria-label="Escalation reasons">
          {reasons.map((r) => (
            <li key={r} className={`reason reason-${r}`}>
              {REASON_LABEL[r] ?? humanize(r)}
            </li>
          ))}
        </ul>
      </header>
      {summary && (
        <p className="brief-summary">
          <Redactable text={summary} />
        </p>
      )}
      <dl className="brief-grid">
        {next !== undefined && (
          <Row label="Recommended next step">
            <strong>
              <TextOf v={next} />
            </strong>
          </Row>
        )}
        {goal !== undefined && (
          <Row label="Goal">
            {obj(goal) && str(obj(goal)!.text) ? <q>
                <Redactable text={String(obj(goal)!.text)} />
              </q> : <Value v={goal} />}
          </Row>
        )}
        {customer && (
          <Row label="Customer">
            {str(customer.name) ?? 'Anonymous'}
            {str(customer.email) && <> · {String(customer.email)}</>}{' '}
            <span className={`badge ${customer.verified ? 'verified' : 'unverified'}`}>
              {customer.verified ? `verified${str(customer.verified_by) ? ` (${humanize(String(customer.verified_by))})` : ''}` : 'not verified'}
            </span>
            {customer.vip === true && <span className="badge prio-high">VIP</span>}
            {str(customer.tier) && <span className="badge">tier {String(customer.tier)}</span>}
            {str(customer.plan) && <span className="badge">plan {String(customer.plan)}</span>}
          </Row>
        )}
        {intentText && (
          <Row label="Intent">
            {intentText}
            {intentConf && <span className="muted"> ({intentConf} sure)</span>}
          </Row>
        )}
        {(confidence !== undefined || threshold !== undefined) && (
          <Row label="Bot confidence">
            {percent(confidence) ?? '—'}
            {percent(threshold) && <span className="muted"> (threshold {percent(threshold)})</span>}
          </Row>
        )}
        {sentiment !== undefined && (
          <Row label="Sentiment">
            <Sentiment v={sentiment} />
          </Row>
        )}
        {(language !== undefined || channel !== undefined) && (
          <Row label="Language · channel">
            <Value v={language} /> · <Value v={channel} />
          </Row>
        )}
        {priority !== undefined && (
          <Row label="Priority">
            <Value v={priority} />
          </Row>
        )}
        {routing && (
          <Row label="Routed to">
            {[str(routing.team_name) ?? str(routing.teamName) ?? 'workspace queue', str(routing.agent_name)].filter(Boolean).join(' → ')}
            {str(routing.why) && <span className="muted"> — {String(routing.why)}</span>}
            {str(routing.rule) && <span className="muted"> (rule: {String(routing.rule)})</span>}
            {routing.on_shift === false && <span className="badge status-awaiting_customer">nobody on shift</span>}
          </Row>
        )}
        {lastMessage && (
          <Row label="Last customer message">
            <q>
              <Redactable text={lastMessage} />
            </q>
          </Row>
        )}
        {fields !== undefined && (
          <Row label="Collected">
            <Fields v={fields} />
          </Row>
        )}
        {redactions !== undefined && (
          <Row label="Redacted">
            <Value v={redactions} />
          </Row>
        )}
      </dl>
      {evidence.length > 0 && (
        <div className="brief-block">
          <h3>Why it was escalated</h3>
          <ul className="value-list">
            {evidence.map((e, i) => (
              <li key={i}>
                <strong>{REASON_LABEL[String(e.reason)] ?? humanize(String(e.reason))}:</strong> {String(e.evidence)}
              </li>
            ))}
          </ul>
        </div>
      )}
      {attempts.length > 0 && (
        <div className="brief-block">
          <h3>What the bot tried</h3>
          <Attempts items={attempts} />
        </div>
      )}
      {knowledge.length > 0 && (
        <div className="brief-block">
          <h3>Knowledge referenced</h3>
          <ArticleLinks items={knowledge} />
        </div>
      )}
      {rest.length > 0 && (
        <details className="brief-block">
          <summary>More ({rest.length})</summary>
          <dl className="brief-grid">
            {rest.map(([k, v]) => (
              <Row key={k} label={humanize(k)}>
                <Value v={v} />
              </Row>
            ))}
          </dl>
        </details>
      )}
      {updates.length > 0 && (
        <p className="muted small">
          The customer wrote {updates.length} more message{updates.length > 1 ? 's' : ''} while waiting; the brief includes them.
        </p>
      )}
      {earlier > 0 && (
        <p className="muted small">
          {earlier} earlier handoff{earlier > 1 ? 's' : ''} in this conversation.
        </p>
      )}
    </section>
  );
}
