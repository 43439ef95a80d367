import { useEffect, useState } from 'react';

// A tiny history router under /app: enough for a handful of screens, no dependency.
const BASE = '/app';

function current(): string {
  const p = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : location.pathname;
  return p.replace(/\/+$/, '') || '/';
}

export function navigate(to: string, replace = false): void {
  const url = BASE + (to === '/' ? '/' : to);
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  window.dispatchEvent(new Event('baton:navigate'));
}

export function usePath(): string {
  const [path, setPath] = useState(current);
  useEffect(() => {
    const update = () => setPath(current());
    window.addEventListener('popstate', update);
    window.addEventListener('baton:navigate', update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener('baton:navigate', update);
    };
  }, []);
  return path;
}

export const href = (to: string): string => BASE + to;

/** A plain link that routes in-app on a normal click and behaves like a link otherwise. */
export function onLinkClick(to: string) {
  return (e: { button: number; metaKey: boolean; ctrlKey: boolean; shiftKey: boolean; altKey: boolean; preventDefault(): void }) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
}
