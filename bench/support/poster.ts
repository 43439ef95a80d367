import { Agent, request } from 'node:http';

/**
 * POSTs JSON with a bearer token over kept-alive sockets. Benchmarks send through node:http:
 * the load generator shares the server's two cores, and fetch costs it about twice the CPU
 * per request.
 */
export function poster(baseUrl: string) {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  return (path: string, token: string, body: unknown) =>
    new Promise<{ status: number; body: any }>((resolve, reject) => {
      const payload = JSON.stringify(body);
      const req = request(
        baseUrl + path,
        {
          method: 'POST',
          agent,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString() || 'null') }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
}
