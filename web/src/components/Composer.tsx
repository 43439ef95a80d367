import { useId, useRef, useState, type RefObject } from 'react';
import { errorText, post } from '../api.ts';
import type { Conversation, Message } from '../types.ts';

export type ComposerMode = 'reply' | 'note';

export function Composer(props: {
  conversation: Conversation;
  text: string;
  setText: (t: string) => void;
  mode: ComposerMode;
  setMode: (m: ComposerMode) => void;
  inputRef: RefObject<HTMLTextAreaElement | null>;
  onSent: (m: Message) => void;
}) {
  const { conversation: c, text, setText, mode, setMode } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  // The words being sent and their id, kept until the server answers for them: sending the
  // same words again after a failure reuses the id, so a reply whose answer was lost is not
  // stored (and shown to the customer) twice.
  const unsent = useRef<{ text: string; id: string } | null>(null);
  const canReply = c.status === 'with_agent';
  const closed = c.status === 'closed';

  const send = async () => {
    const body = text.trim();
    if (!body || busy) return;
    setBusy(true);
    setError(null);
    try {
      const draft = `${mode}:${body}`;
      if (unsent.current?.text !== draft) unsent.current = { text: draft, id: newLineId() };
      const res = await post<{ message: Message }>(`/conversations/${c.id}/messages`, {
        text: body,
        internal: mode === 'note',
        client_message_id: unsent.current.id,
      });
      unsent.current = null;
      props.onSent(res.message);
      setText('');
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
      props.inputRef.current?.focus();
    }
  };

  const hint =
    mode === 'reply' && !canReply
      ? c.status === 'queued' || c.status === 'awaiting_customer'
        ? 'Accept the conversation to reply to the customer. Internal notes work any time.'
        : 'Replies go to the customer only while an agent holds the conversation.'
      : null;

  return (
    <form
      className={`composer mode-${mode}`}
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
      aria-label="Composer"
    >
      <div role="radiogroup" aria-label="Message type" className="mode-switch">
        <label className={mode === 'reply' ? 'active' : ''}>
          <input type="radio" name={`${id}-mode`} checked={mode === 'reply'} onChange={() => setMode('reply')} /> Reply
        </label>
        <label className={mode === 'note' ? 'active' : ''}>
          <input type="radio" name={`${id}-mode`} checked={mode === 'note'} onChange={() => setMode('note')} /> Internal note
        </label>
      </div>
      <label htmlFor={`${id}-text`} className="sr-only">
        {mode === 'reply' ? 'Reply to the customer' : 'Internal note (agents only)'}
      </label>
      <textarea
        id={`${id}-text`}
        ref={props.inputRef}
        value={text}
        rows={3}
        maxLength={4000}
        disabled={closed}
        placeholder={
          mode === 'reply' ? 'Write a reply… (Ctrl+Enter to send, Esc to leave)' : 'Write a note only agents see… (Ctrl+Enter to save)'
        }
        aria-keyshortcuts="C Slash"
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void send();
          } else if (e.key === 'Escape') {
            // Out of the box, so the inbox's single-key shortcuts work again.
            e.currentTarget.blur();
          }
        }}
        aria-describedby={hint ? `${id}-hint` : undefined}
      />
      <div className="composer-foot">
        {hint && (
          <span id={`${id}-hint`} className="muted small">
            {hint}
          </span>
        )}
        {error && (
          <span className="error small" role="alert">
            {error}
          </span>
        )}
        <span className="spacer" />
        <button type="submit" className="primary" disabled={busy || closed || !text.trim() || (mode === 'reply' && !canReply)}>
          {mode === 'reply' ? 'Send reply' : 'Add note'}
        </button>
      </div>
    </form>
  );
}

/** A random id for a line (crypto.randomUUID needs a secure context, which a plain-http install is not). */
function newLineId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
