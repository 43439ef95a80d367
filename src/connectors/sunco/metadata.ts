// Switchboard metadata (passControl, releaseControl) is "limited to 4KB in size" (the
// passControlBody schema of zendesk/sunshine-conversations-api-spec). The spec does not say how
// it counts, so Baton counts the UTF-8 bytes of the metadata's JSON and keeps a margin under 4096.

export const METADATA_LIMIT_BYTES = 4000;

type Flat = Record<string, string | number | boolean>;

const size = (meta: Flat): number => Buffer.byteLength(JSON.stringify(meta), 'utf8');

/**
 * `meta` plus `key: text`, with text cut (at a character, never inside one, and marked with an
 * ellipsis) so that the whole metadata stays within the limit. Without room, the key is left out.
 */
export function withText(meta: Flat, key: string, text: string, limit = METADATA_LIMIT_BYTES): Flat {
  if (size({ ...meta, [key]: text }) <= limit) return { ...meta, [key]: text };
  const chars = Array.from(text);
  // The longest prefix that fits: binary search over whole characters (code points).
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (size({ ...meta, [key]: chars.slice(0, mid).join('') + '…' }) <= limit) lo = mid;
    else hi = mid - 1;
  }
  return lo > 0 ? { ...meta, [key]: chars.slice(0, lo).join('') + '…' } : { ...meta };
}

export const metadataBytes = size;
