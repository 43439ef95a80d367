import { useEffect, useRef, useState } from 'react';
import type { Push } from './types.ts';

// The agent socket (/api/v1/ws, authenticated by the session cookie): one per tab, reconnects
// with backoff, and tells listeners when it came back so they can refetch what they missed.
type Listener = (push: Push) => void;

export type LiveState = 'connecting' | 'live' | 'down';

export function useLive(enabled: boolean, onPush: Listener, onReconnect: () => void): LiveState {
  const [state, setState] = useState<LiveState>('connecting');
  const pushRef = useRef(onPush);
  const reconnectRef = useRef(onReconnect);
  pushRef.current = onPush;
  reconnectRef.current = onReconnect;

  useEffect(() => {
    if (!enabled) return;
    let socket: WebSocket | null = null;
    let attempt = 0;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const open = () => {
      const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/v1/ws`;
      socket = new WebSocket(url);
      socket.onmessage = (e) => {
        let push: Push;
        try {
          push = JSON.parse(String(e.data)) as Push;
        } catch {
          return;
        }
        if (push.type === 'ready') {
          setState('live');
          if (attempt > 0) reconnectRef.current();
          attempt = 0;
          return;
        }
        pushRef.current(push);
      };
      socket.onclose = () => {
        if (stopped) return;
        setState('down');
        attempt++;
        timer = setTimeout(open, Math.min(15_000, 500 * 2 ** attempt));
      };
    };
    open();
    return () => {
      stopped = true;
      clearTimeout(timer);
      socket?.close();
    };
  }, [enabled]);
  return state;
}
