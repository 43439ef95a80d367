import { useEffect, useRef } from 'react';

// The inbox's keyboard shortcuts: single keys, as in Gmail, Chatwoot or Zendesk. They never fire
// while the agent types (an input, a textarea, a select, an editable element) or with Ctrl, Alt
// or Cmd held (the browser's own shortcuts), nor while a dialog is open (it has its own keys).

export interface Shortcut {
  keys: string[];
  does: string;
}

/** What the help dialog lists and the hints name, in the order agents use them. */
export const SHORTCUTS = {
  next: { keys: ['j'], does: 'Next conversation' },
  previous: { keys: ['k'], does: 'Previous conversation' },
  accept: { keys: ['a'], does: 'Accept the conversation' },
  resolve: { keys: ['e', 'r'], does: 'Resolve the conversation' },
  macro: { keys: ['m'], does: 'Insert a macro (opens the macro picker)' },
  compose: { keys: ['c', '/'], does: 'Write in the composer' },
  leaveComposer: { keys: ['Esc'], does: 'Leave the composer (shortcuts work again)' },
  send: { keys: ['Ctrl+Enter'], does: 'Send the reply or note' },
  help: { keys: ['?'], does: 'Show these shortcuts' },
} as const satisfies Record<string, Shortcut>;

export type ShortcutName = keyof typeof SHORTCUTS;

/** "Accept (A)" style hint for a button's title. */
export const hint = (name: ShortcutName): string =>
  `${SHORTCUTS[name].does} (${SHORTCUTS[name].keys.map((k) => (k.length === 1 ? k.toUpperCase() : k)).join(' or ')})`;

/** The value for aria-keyshortcuts. */
export const ariaKeys = (name: ShortcutName): string =>
  SHORTCUTS[name].keys.map((k) => (k === '/' ? 'Slash' : k === '?' ? 'Shift+?' : k.length === 1 ? k.toUpperCase() : k)).join(' ');

/** Whether a key press belongs to what the agent is typing, not to the shortcuts. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type);
  return false;
}

/** The shortcut a key press means, if any (single keys only, with no modifier but Shift for "?"). */
export function shortcutOf(e: KeyboardEvent): ShortcutName | null {
  if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || isTyping(e.target)) return null;
  if (document.querySelector('dialog[open]')) return null;
  for (const [name, s] of Object.entries(SHORTCUTS) as [ShortcutName, Shortcut][]) {
    if (name === 'send' || name === 'leaveComposer') continue;
    if (s.keys.includes(e.key)) return name;
  }
  return null;
}

/** Calls `on` for each shortcut pressed; handlers that return false leave the key alone. */
export function useShortcuts(on: Partial<Record<ShortcutName, () => boolean | void>>): void {
  const handlers = useRef(on);
  handlers.current = on;
  useEffect(() => {
    const listener = (e: KeyboardEvent) => {
      const name = shortcutOf(e);
      const handler = name ? handlers.current[name] : undefined;
      if (!handler) return;
      if (handler() === false) return;
      e.preventDefault();
    };
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, []);
}
