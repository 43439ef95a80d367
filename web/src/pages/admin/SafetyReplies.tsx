import { useState } from 'react';
import { errorText, put } from '../../api.ts';
import { API } from '../../endpoints.ts';
import type { PolicyResponse } from '../../types.ts';
import { languageName } from '../../languages.ts';
import { OutcomeLine, SaveCancel, type Outcome } from './common.tsx';

type Policy = PolicyResponse['policy'];
type Field = 'crisisMessage' | 'dangerMessage';

const FIELDS: { field: Field; title: string; when: string }[] = [
  {
    field: 'crisisMessage',
    title: 'Self-harm',
    when: 'A customer writes that they want to hurt themselves or end their life.',
  },
  {
    field: 'dangerMessage',
    title: 'Danger',
    when: 'A customer writes of abuse, threats, violence or coercion, against them or anyone else.',
  },
];

// What a customer at risk reads at once, before a person joins: the bot hands these messages off
// as urgent and sends this text first. The defaults name international lines; a workspace replaces
// them with the numbers of its own country (policy.crisisMessage, policy.dangerMessage).

/** The safety replies of the policy: the workspace's own text, or the default in each language. */
export function SafetyReplies({ data, canEdit, onSaved }: { data: PolicyResponse; canEdit: boolean; onSaved: () => void }) {
  return (
    <section className="safety-replies" aria-labelledby="safety-title">
      <h2 id="safety-title">Safety replies</h2>
      <p className="muted">
        When a message reads as self-harm or danger, the bot hands the conversation to a person at once, as urgent, and first sends the
        customer this text. Replace the default with the numbers of your country.
      </p>
      {FIELDS.map((f) => (
        <SafetyReply key={f.field} {...f} policy={data.policy} defaults={data.defaults[f.field]} canEdit={canEdit} onSaved={onSaved} />
      ))}
    </section>
  );
}

type Own = NonNullable<Policy[Field]>;

/** The languages an admin writes a reply in: the workspace's, then any its text already has. */
function languagesOf(policy: Policy, own: Own | null): string[] {
  const codes = policy.languages.map((l) => l.split(/[-_]/)[0]!.toLowerCase());
  if (own !== null && typeof own !== 'string') codes.push(...Object.keys(own));
  return [...new Set(codes.length ? codes : ['en'])];
}

/** What the form starts from: the workspace's own text, else the default, in each language. */
function draftOf(languages: string[], own: Own | null, defaults: Record<string, string>): Record<string, string> {
  if (own === null) return Object.fromEntries(languages.map((l) => [l, defaults[l] ?? '']));
  if (typeof own === 'string') return Object.fromEntries(languages.map((l, i) => [l, i === 0 ? own : '']));
  return Object.fromEntries(languages.map((l) => [l, own[l] ?? '']));
}

function SafetyReply(props: {
  field: Field;
  title: string;
  when: string;
  policy: Policy;
  defaults: Record<string, string>;
  canEdit: boolean;
  onSaved: () => void;
}) {
  const { field, title, when, policy, defaults, canEdit, onSaved } = props;
  const own: Own | null = policy[field] ?? null;
  const languages = languagesOf(policy, own);
  const [draft, setDraft] = useState<Record<string, string> | null>(null);
  const [message, setMessage] = useState<Outcome | null>(null);
  const id = `safety-${field}`;

  const save = async (texts: Record<string, string> | null) => {
    const given = texts && Object.fromEntries(Object.entries(texts).filter(([, t]) => t.trim() !== ''));
    if (given && Object.keys(given).length === 0)
      return setMessage({ ok: false, text: 'Write the text in at least one language, or use the default.' });
    try {
      await put(API.policy, { ...policy, [field]: given });
      setMessage({ ok: true, text: given === null ? 'The default is used again.' : 'Saved.' });
      setDraft(null);
      onSaved();
    } catch (err) {
      setMessage({ ok: false, text: errorText(err) });
    }
  };

  return (
    <div className="card safety-reply" role="group" aria-labelledby={`${id}-title`}>
      <div className="card-head">
        <h3 id={`${id}-title`}>{title}</h3>
        <span className={own === null ? 'badge' : 'badge own'}>{own === null ? 'Default' : 'Your text'}</span>
      </div>
      <p className="muted small">{when}</p>
      {draft === null ? (
        <>
          {own === null ? (
            <>
              <blockquote className="safety-text">{defaults.en}</blockquote>
              <details>
                <summary>Sent in the customer’s language: {Object.keys(defaults).length - 1} more</summary>
                <Texts texts={Object.fromEntries(Object.entries(defaults).filter(([code]) => code !== 'en'))} />
              </details>
            </>
          ) : typeof own === 'string' ? (
            <>
              <blockquote className="safety-text">{own}</blockquote>
              <p className="muted small">Sent as written, whatever the customer’s language.</p>
            </>
          ) : (
            <>
              <Texts texts={Object.fromEntries(languages.filter((l) => own[l]).map((l) => [l, own[l]!]))} quoted />
              {Object.keys(own).length > 1 && (
                <p className="muted small">
                  Sent in the customer’s language; any other language reads the {own.en ? 'English' : 'first'} one.
                </p>
              )}
            </>
          )}
          {canEdit && (
            <div className="action-row">
              <button type="button" onClick={() => (setMessage(null), setDraft(draftOf(languages, own, defaults)))}>
                {own === null ? 'Write your own' : 'Edit'}
              </button>
              {own !== null && (
                <button type="button" onClick={() => void save(null)}>
                  Use the default
                </button>
              )}
            </div>
          )}
        </>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save(draft);
          }}
        >
          {languages.map((code) => (
            <div key={code} className="field">
              <label htmlFor={`${id}-${code}`}>
                {title} reply in {languageName(code)}
              </label>
              <textarea
                id={`${id}-${code}`}
                rows={4}
                maxLength={2000}
                value={draft[code] ?? ''}
                onChange={(e) => (setMessage(null), setDraft({ ...draft, [code]: e.target.value }))}
              />
            </div>
          ))}
          <p className="muted small">
            Up to 2,000 characters each; the languages are the workspace’s (policy <code>languages</code>). A language left empty reads the
            English text, or the first one written.
          </p>
          <SaveCancel onCancel={() => setDraft(null)} />
        </form>
      )}
      <OutcomeLine outcome={message} small />
    </div>
  );
}

/** Texts by language, each under its language's name. */
function Texts({ texts, quoted = false }: { texts: Record<string, string>; quoted?: boolean }) {
  return (
    <dl className={quoted ? 'safety-languages quoted' : 'safety-languages'}>
      {Object.entries(texts).map(([code, text]) => (
        <div key={code}>
          <dt>{languageName(code)}</dt>
          <dd>{text}</dd>
        </div>
      ))}
    </dl>
  );
}
