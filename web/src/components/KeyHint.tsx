import { SHORTCUTS, type ShortcutName } from '../shortcuts.ts';

/** The shortcut's first key, shown on its button; hidden from screen readers, which get aria-keyshortcuts. */
export function KeyHint({ name }: { name: ShortcutName }) {
  const key = SHORTCUTS[name].keys[0]!;
  return (
    <kbd className="key-hint" aria-hidden="true">
      {key.length === 1 ? key.toUpperCase() : key}
    </kbd>
  );
}
