import { useState } from 'react';
import { errorText, put } from '../../api.ts';
import { API } from '../../endpoints.ts';
import type { PolicyResponse } from '../../types.ts';

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

/** Language names for the defaults list, by code. */
const LANGUAGE = new Intl.DisplayNames(['en'], { type: 'language' });

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
  const own = policy[field] ?? null;
  const [draft, setDraft] = useState<string | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const id = `safety-${field}`;

  const save = async (text: string | null) => {
    if (text !== null && text.trim() === '') return setMessage({ ok: false, text: 'Write the text, or use the default.' });
    try {
      await put(API.policy, { ...policy, [field]: text });
      setMessage({ ok: true, text: text === null ? 'The default is used again.' : 'Saved.' });
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
          <blockquote className="safety-text">{own ?? defaults.en}</blockquote>
          {own === null ? (
            <details>
              <summary>Sent in the customer’s language: {Object.keys(defaults).length - 1} more</summary>
              <dl className="safety-languages">
                {Object.entries(defaults)
                  .filter(([code]) => code !== 'en')
                  .map(([code, text]) => (
                    <div key={code}>
                      <dt>{LANGUAGE.of(code) ?? code}</dt>
                      <dd>{text}</dd>
                    </div>
                  ))}
              </dl>
            </details>
          ) : (
            <p className="muted small">Sent as written, whatever the customer’s language.</p>
          )}
          {canEdit && (
            <div className="action-row">
              <button type="button" onClick={() => (setMessage(null), setDraft(own ?? defaults.en))}>
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
          <label htmlFor={id}>{title} reply</label>
          <textarea id={id} rows={4} maxLength={2000} value={draft} onChange={(e) => setDraft(e.target.value)} />
          <p className="muted small">{draft.length} of 2,000 characters. Sent as written, whatever the customer’s language.</p>
          <div className="action-row">
            <button type="submit" className="primary">
              Save
            </button>
            <button type="button" onClick={() => setDraft(null)}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {message && (
        <p className={message.ok ? 'ok small' : 'error small'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
    </div>
  );
}
