import type { AddressInfo, Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { sendBatched } from './batched-frames.ts';

describe('frames sent to a socket in one tick', () => {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  afterAll(
    () =>
      new Promise<void>((resolve) => {
        for (const c of server.clients) c.terminate();
        server.close(() => resolve());
      }),
  );

  it('wait in the socket until the tick ends, then arrive whole and in order', async () => {
    const accepted = new Promise<WebSocket>((resolve) => server.once('connection', resolve));
    const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
    const received: string[] = [];
    const all = new Promise<void>((resolve) =>
      client.on('message', (data) => {
        received.push(String(data));
        if (received.length === 3) resolve();
      }),
    );
    const socket = await accepted;
    const raw = (socket as WebSocket & { _socket: Socket })._socket;

    for (const n of [1, 2, 3]) sendBatched(socket, JSON.stringify({ n }));
    // Corked: nothing has gone to the kernel yet (a plain send writes each frame at once).
    expect(raw.writableLength).toBeGreaterThan(0);
    await all;
    expect(received.map((r) => JSON.parse(r).n)).toEqual([1, 2, 3]);
    expect(raw.writableLength).toBe(0);

    // The next tick corks again.
    sendBatched(socket, 'later');
    expect(raw.writableLength).toBeGreaterThan(0);
    client.close();
  });
});
