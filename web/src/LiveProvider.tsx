import { createContext, useCallback, useContext, useMemo, useRef, type ReactNode } from 'react';
import { PushBus } from './bus.ts';
import { useLive, type LiveState } from './live.ts';

// One workspace socket for as long as the workspace is open, whatever screen shows: it is what
// makes an agent "online" (the server follows sockets), so it must not close when an admin
// leaves the inbox for the Agents page. Screens subscribe to its pushes and reconnections.

export interface LiveChannel {
  state: LiveState;
  bus: PushBus;
  /** Called after the socket came back: refetch what may have been missed. */
  onReconnect(fn: () => void): () => void;
}

const LiveContext = createContext<LiveChannel | null>(null);

export function LiveProvider({ children }: { children: ReactNode }) {
  const bus = useMemo(() => new PushBus(), []);
  const reconnects = useRef(new Set<() => void>());
  const state = useLive(
    true,
    (push) => bus.emit(push),
    () => {
      for (const fn of reconnects.current) fn();
    },
  );
  const onReconnect = useCallback((fn: () => void) => {
    reconnects.current.add(fn);
    return () => void reconnects.current.delete(fn);
  }, []);
  const value = useMemo(() => ({ state, bus, onReconnect }), [state, bus, onReconnect]);
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}

export function useLiveChannel(): LiveChannel {
  const live = useContext(LiveContext);
  if (!live) throw new Error('useLiveChannel outside LiveProvider');
  return live;
}
