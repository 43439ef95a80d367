import { useCallback, useEffect, useState } from 'react';
import { ApiError, errorText, get } from './api.ts';

export type Resource<T> = { state: 'loading' } | { state: 'missing' } | { state: 'error'; message: string } | { state: 'ready'; data: T };

/**
 * GETs the first of the paths that exists; 404 on all of them means the feature is not on this
 * server yet ("missing"), not an error. Also returns the path that answered (to write back to).
 */
export function useResource<T>(paths: string | readonly string[] | null): [Resource<T>, () => void, string | null] {
  const [res, setRes] = useState<Resource<T>>({ state: 'loading' });
  const [found, setFound] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const key = paths === null ? null : JSON.stringify(typeof paths === 'string' ? [paths] : paths);
  useEffect(() => {
    if (key === null) return;
    const candidates = JSON.parse(key) as string[];
    let live = true;
    setRes((r) => (r.state === 'ready' ? r : { state: 'loading' }));
    void (async () => {
      for (const path of candidates) {
        try {
          const data = await get<T>(path);
          if (live) {
            setFound(path);
            setRes({ state: 'ready', data });
          }
          return;
        } catch (err) {
          if (err instanceof ApiError && err.status === 404) continue;
          if (live) setRes({ state: 'error', message: errorText(err) });
          return;
        }
      }
      if (live) setRes({ state: 'missing' });
    })();
    return () => {
      live = false;
    };
  }, [key, tick]);
  return [res, useCallback(() => setTick((t) => t + 1), []), found];
}

/** The first array in a response, whatever the key: {articles: [...]}, {items: [...]}, or [...]. */
export function firstArray(data: unknown, ...prefer: string[]): unknown[] {
  if (Array.isArray(data)) return data;
  if (data && typeof data === 'object') {
    const o = data as Record<string, unknown>;
    for (const k of prefer) if (Array.isArray(o[k])) return o[k] as unknown[];
    for (const v of Object.values(o)) if (Array.isArray(v)) return v;
  }
  return [];
}
