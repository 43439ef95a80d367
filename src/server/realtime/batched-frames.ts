import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';

/**
 * Sends a frame on `socket`; the frames sent to one socket in the same tick leave in one write.
 * A staff socket hears every line of its workspace, and the notices of one batch statement
 * arrive together: one system call per frame (each also waking the reader) was a third of the
 * server's socket writes on the bot's path (decisions/0005, sixth pass).
 */
export function sendBatched(socket: WebSocket, text: string): void {
  // ws keeps the TCP socket it writes to as `_socket` (not in its types); without it, a plain send.
  const raw = (socket as WebSocket & { _socket?: Socket })._socket;
  if (raw && !corked.has(raw)) {
    corked.add(raw);
    raw.cork();
    setImmediate(() => {
      corked.delete(raw);
      raw.uncork();
    });
  }
  socket.send(text);
}

const corked = new WeakSet<Socket>();
