import { createHmac, timingSafeEqual } from 'node:crypto';
import { SignatureError, type InboundRequest } from './types.ts';

export function header(req: InboundRequest, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export const hmac = (algorithm: 'sha1' | 'sha256', key: string, data: Buffer | string, encoding: 'hex' | 'base64'): string =>
  createHmac(algorithm, key).update(data).digest(encoding);

/** A signed timestamp must be within the window: old captures cannot be replayed. */
export function checkFreshness(at: Date, now: Date, toleranceSeconds: number): void {
  if (Number.isNaN(at.getTime())) throw new SignatureError('unreadable signature timestamp');
  if (Math.abs(now.getTime() - at.getTime()) > toleranceSeconds * 1000)
    throw new SignatureError('signature timestamp outside the replay window');
}

export function parseJsonBody(req: InboundRequest): any {
  try {
    return JSON.parse(req.rawBody.toString('utf8'));
  } catch {
    return null;
  }
}
