import { useEffect, useRef } from 'react';
import { SHORTCUTS, type Shortcut } from '../shortcuts.ts';

/** The "?" dialog: every inbox shortcut and what it does. */
export function ShortcutHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement | null>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} className="dialog shortcut-help" aria-labelledby="shortcut-help-title" onClose={onClose}>
      <div className="dialog-head">
        <h2 id="shortcut-help-title">Keyboard shortcuts</h2>
        <button type="button" className="subtle" onClick={onClose}>
          Close
        </button>
      </div>
      <p className="muted small">They work anywhere in the inbox except while you type in a field.</p>
      <table className="shortcut-table">
        <caption className="sr-only">Keyboard shortcuts</caption>
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Does</th>
          </tr>
        </thead>
        <tbody>
          {(Object.values(SHORTCUTS) as Shortcut[]).map((s) => (
            <tr key={s.does}>
              <td>
                {s.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 && <span className="muted"> or </span>}
                    <kbd>{k}</kbd>
                  </span>
                ))}
              </td>
              <td>{s.does}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </dialog>
  );
}
