import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/** Addresses an outbound call may not reach unless the admin allowed private targets (SSRF). */
const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  blocked.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
  ['2001:db8::', 32],
  ['100::', 64],
] as const)
  blocked.addSubnet(net, prefix, 'ipv6');

export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return blocked.check(mapped[1]!, 'ipv4');
    return blocked.check(address, 'ipv6');
  }
  return blocked.check(address, 'ipv4');
}

export class OutboundError extends Error {
  constructor(
    message: string,
    readonly kind: 'ssrf' | 'network' | 'timeout' | 'http' | 'invalid' | 'throttled',
    readonly retryable: boolean,
    readonly status: number | null = null,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }
}

/** Resolves a host and checks every address; throws an 'ssrf' OutboundError if any is private. */
export async function resolvePublic(hostname: string, allowPrivate: boolean): Promise<{ address: string; family: number }[]> {
  const host = hostname.replace(/^\[|\]$/g, '');
  let addresses: { address: string; family: number }[];
  try {
    addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await dnsLookup(host, { all: true, verbatim: true });
  } catch (err) {
    throw new OutboundError(`cannot resolve ${host}: ${(err as Error).message}`, 'network', true);
  }
  if (addresses.length === 0) throw new OutboundError(`no address for ${host}`, 'network', true);
  if (!allowPrivate) {
    const bad = addresses.find((a) => isPrivateAddress(a.address));
    if (bad) throw new OutboundError(`refusing ${host}: it resolves to a private or loopback address`, 'ssrf', false);
  }
  return addresses;
}

/** Checks a target URL when it is configured: scheme, and every address its host resolves to. */
export async function checkTargetUrl(raw: string, allowPrivate: boolean): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundError('not a URL', 'invalid', false);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new OutboundError('only http and https URLs', 'invalid', false);
  if (url.username || url.password) throw new OutboundError('credentials in the URL are not allowed', 'invalid', false);
  await resolvePublic(url.hostname, allowPrivate);
  return url;
}

export interface HttpResult {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const MAX_RESPONSE_BYTES = 1024 * 1024;

/**
 * One HTTP request with a deadline. The socket connects to an address checked at connect time
 * (the lookup hook), so DNS rebinding between the check and the connect cannot reach a private
 * host. Redirects are not followed.
 */
export function safeRequest(
  rawUrl: string,
  opts: { method: string; headers?: Record<string, string>; body?: string; timeoutMs: number; allowPrivate: boolean },
): Promise<HttpResult> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return Promise.reject(new OutboundError('not a URL', 'invalid', false));
  }
  const lookup: LookupFunction = (hostname, options, callback) => {
    resolvePublic(hostname, opts.allowPrivate).then(
      (addresses) => {
        const wanted = typeof options === 'object' && options.family ? addresses.filter((a) => a.family === options.family) : addresses;
        const list = wanted.length ? wanted : addresses;
        if (typeof options === 'object' && options.all) (callback as any)(null, list);
        else callback(null, list[0]!.address, list[0]!.family);
      },
      (err: Error) => callback(err as NodeJS.ErrnoException, '', 0),
    );
  };
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<HttpResult>((resolve, reject) => {
    const pre = isIP(url.hostname.replace(/^\[|\]$/g, '')) && !opts.allowPrivate && isPrivateAddress(url.hostname.replace(/^\[|\]$/g, ''));
    if (pre) return reject(new OutboundError(`refusing ${url.hostname}: a private or loopback address`, 'ssrf', false));
    const body = opts.body === undefined ? undefined : Buffer.from(opts.body);
    const req = client.request(
      url,
      {
        method: opts.method,
        headers: { ...(opts.headers ?? {}), ...(body ? { 'content-length': String(body.length) } : {}) },
        lookup,
        timeout: opts.timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size <= MAX_RESPONSE_BYTES) chunks.push(c);
        });
        res.on('end', () => {
          clearTimeout(deadline);
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
          resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', (err) => reject(new OutboundError(err.message, 'network', true)));
      },
    );
    // A whole-request deadline, not only an idle timeout.
    const deadline = setTimeout(
      () => req.destroy(new OutboundError(`no answer within ${opts.timeoutMs} ms`, 'timeout', true)),
      opts.timeoutMs,
    );
    req.on('timeout', () => req.destroy(new OutboundError(`no answer within ${opts.timeoutMs} ms`, 'timeout', true)));
    req.on('error', (err) => {
      clearTimeout(deadline);
      reject(err instanceof OutboundError ? err : new OutboundError(err.message, 'network', true));
    });
    if (body) req.write(body);
    req.end();
  });
}
