import { detectAddress } from './detectors/address.ts';
import { detectCard } from './detectors/card.ts';
import { detectDateOfBirth } from './detectors/date-of-birth.ts';
import { detectDriverLicense } from './detectors/driver-license.ts';
import { detectEmail } from './detectors/email.ts';
import { detectIban } from './detectors/iban.ts';
import { detectIp } from './detectors/ip.ts';
import { detectNationalId } from './detectors/national-id.ts';
import { detectPerson } from './detectors/person.ts';
import { detectPhone } from './detectors/phone.ts';
import { detectPostcode } from './detectors/postcode.ts';
import { detectSecret } from './detectors/secret.ts';
import { detectCustom } from './custom.ts';
import { resolveOverlaps } from './resolve.ts';
import { DEFAULT_SETTINGS, type PiiSettings } from './settings.ts';
import type { BuiltinType, Detector, Span } from './types.ts';

/** Each detector and the types it can produce (to skip it when all are disabled). */
const DETECTORS: ReadonlyArray<{ detector: Detector; types: readonly BuiltinType[] }> = [
  { detector: detectEmail, types: ['EMAIL'] },
  { detector: detectCard, types: ['CARD'] },
  { detector: detectIban, types: ['IBAN'] },
  { detector: detectNationalId, types: ['SSN', 'NINO', 'NATIONAL_ID'] },
  { detector: detectIp, types: ['IP'] },
  { detector: detectPhone, types: ['PHONE'] },
  { detector: detectDateOfBirth, types: ['DATE_OF_BIRTH'] },
  { detector: detectSecret, types: ['SECRET'] },
  { detector: detectDriverLicense, types: ['DRIVER_LICENSE'] },
  { detector: detectAddress, types: ['ADDRESS'] },
  { detector: detectPostcode, types: ['POSTCODE'] },
  { detector: detectPerson, types: ['PERSON'] },
];

/**
 * All PII spans in a text under a workspace's settings: disjoint, sorted by start,
 * above the score threshold and not on the allow-list.
 */
export function detect(text: string, settings: PiiSettings = DEFAULT_SETTINGS): Span[] {
  const { enabled, allowed, ctx } = prepared(settings);
  const candidates: Span[] = [];
  for (const { detector, types } of DETECTORS) {
    if (enabled && !types.some((t) => enabled.has(t))) continue;
    for (const span of detector(text, ctx)) {
      if (!enabled || enabled.has(span.type)) candidates.push(span);
    }
  }
  candidates.push(...detectCustom(text, settings.custom));
  const kept = candidates.filter(
    (s) => s.score >= settings.minScore && s.end > s.start && !allowed.has(text.slice(s.start, s.end).toLowerCase()),
  );
  return resolveOverlaps(kept);
}

// Sets derived from a settings object, built once per object rather than per message.
const preparedCache = new WeakMap<PiiSettings, { enabled?: Set<string>; allowed: Set<string>; ctx: { locale: string } }>();

function prepared(settings: PiiSettings) {
  let p = preparedCache.get(settings);
  if (!p) {
    p = {
      enabled: settings.enabled ? new Set<string>(settings.enabled) : undefined,
      allowed: new Set(settings.allow.map((v) => v.toLowerCase())),
      ctx: { locale: settings.locale },
    };
    preparedCache.set(settings, p);
  }
  return p;
}
