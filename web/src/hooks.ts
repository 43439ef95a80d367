import { useCallback, useEffect, useState } from 'react';
import { ApiError, errorText, get } from './api.ts';

export type Resource<T> =
  | { state: 'loading' }
  | { state: 'missing' }
  | { state: 'error'; message: string }
  | { state: 'ready'; data: T };

/** GETs a path; a 404 means the feature is not on this server yet ("missing"), not an error. */
export function useResource<T>(path: string | null): [Resource<T>, () => void] {
  const [res, setRes] = useState<Resource<T>>({ state: 'loading' });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!path) return;
    let live = true;
    setRes((r) => (r.state === 'ready' ? r : { state: 'loading' }));
    get<T>(path).then(
      (data) => live && setRes({ state: 'ready', data }),
      (err: unknown) => {
        if (!live) return;
        if (err instanceof ApiError && err.status === 404) setRes({ state: 'missing' });
        else setRes({ state: 'error', message: errorText(err) });
      },
    );
    return () => {
      live = false;
    };
  }, [path, tick]);
  return [res, useCallback(() => setTick((t) => t + 1), [])];
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
