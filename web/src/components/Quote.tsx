import { useState } from 'react';
import { Redactable } from './Reveal.tsx';

// A quote from the transcript, trimmed to a readable length with "Show more": a 4,000-character
// message must not push the rest of the brief off the screen. Tokens stay revealable.

export const QUOTE_LIMIT = 280;

/** Cuts at a word boundary near the limit. */
function trim(text: string, limit: number): string {
  const cut = text.slice(0, limit);
  const space = cut.lastIndexOf(' ');
  return (space > limit * 0.6 ? cut.slice(0, space) : cut).trimEnd();
}

export function Quote({ text, limit = QUOTE_LIMIT }: { text: string; limit?: number }) {
  const [open, setOpen] = useState(false);
  const long = text.length > limit;
  return (
    <>
      <q>
        <Redactable text={long && !open ? `${trim(text, limit)}…` : text} />
      </q>
      {long && (
        <button type="button" className="link show-more" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'Show less' : `Show more (${text.length.toLocaleString('en')} characters)`}
        </button>
      )}
    </>
  );
}
