// Live updates for one conversation: a WebSocket when the page lets us open one, otherwise
// polling the conversation over HTTP. Host pages whose CSP leaves ws:/wss: out of connect-src
// (or networks that drop upgrades) still get the agent's replies, a few seconds late.

export interface LiveHandlers {
  /** A push from the socket: `message.created` or `conversation.updated`. */
  push(type: string, data: unknown): void;
  /** Re-reads the conversation over HTTP; rejects when that fails too. */
  refresh(): Promise<void>;
  /** True while neither the socket nor polling gets through. */
  offline(down: boolean): void;
}

/** How often the conversation is re-read while the socket is down. */
export const POLL_MS = 3000;

/** Set once the page's CSP refused a socket: no point asking again on this page. */
let socketsBlocked = false;
// A refused socket is reported as a CSP violation before its close event.
document.addEventListener('securitypolicyviolation', (e) => {
  if (e.effectiveDirective === 'connect-src' && /^wss?:/.test(e.blockedURI)) socketsBlocked = true;
});

export class LiveUpdates {
  private socket: WebSocket | null = null;
  private retry = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private pollTimer: ReturnType<typeof setTimeout> | undefined;
  private running = false;

  constructor(
    private readonly url: () => string,
    private readonly on: LiveHandlers,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.open();
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
    const socket = this.socket;
    this.socket = null;
    socket?.close();
  }

  private open(): void {
    if (!this.running) return;
    if (socketsBlocked) return this.poll();
    let socket: WebSocket;
    try {
      socket = new WebSocket(this.url());
    } catch {
      socket = { readyState: WebSocket.CLOSED } as WebSocket; // older browsers throw on a CSP refusal
    }
    // Chromium refuses by handing back a socket already closed, with an error event and no close.
    if (socket.readyState === WebSocket.CLOSED) {
      socketsBlocked = true;
      return this.poll();
    }
    this.socket = socket;
    socket.addEventListener('open', () => {
      const caughtUp = this.retry > 0 || this.pollTimer !== undefined;
      this.retry = 0;
      clearTimeout(this.pollTimer);
      this.pollTimer = undefined;
      this.on.offline(false);
      // Catch up on anything said while the socket was down.
      if (caughtUp) this.on.refresh().catch(() => {});
    });
    socket.addEventListener('message', (e) => {
      try {
        const push = JSON.parse(String(e.data)) as { type: string; data: unknown };
        this.on.push(push.type, push.data);
      } catch {
        /* not a push we know */
      }
    });
    socket.addEventListener('close', (e) => {
      if (this.socket !== socket) return;
      this.socket = null;
      // 1008: the server refused the token; the conversation is gone for this widget.
      if (!this.running || e.code === 1008) return;
      this.retry++;
      if (this.pollTimer === undefined) this.poll();
      if (!socketsBlocked) this.reconnectTimer = setTimeout(() => this.open(), Math.min(15_000, 500 * 2 ** this.retry));
    });
  }

  private poll(): void {
    this.pollTimer = setTimeout(() => {
      this.pollTimer = undefined;
      if (!this.running || this.socket?.readyState === WebSocket.OPEN) return;
      this.on.refresh().then(
        () => this.on.offline(false),
        () => this.on.offline(true),
      );
      this.poll();
    }, POLL_MS);
  }
}
