/**
 * Shared types of the PII shield. Offsets are JavaScript string indices (UTF-16 code
 * units), end exclusive, so they slice the original text directly.
 */

/** The entity types Baton detects out of the box (docs/pii.md lists each with examples). */
export const BUILTIN_TYPES = [
  'EMAIL',
  'PHONE',
  'CARD',
  'IBAN',
  'SSN',
  'NINO',
  'NATIONAL_ID',
  'IP',
  'DATE_OF_BIRTH',
  'ADDRESS',
  'POSTCODE',
  'PERSON',
  'SECRET',
  'DRIVER_LICENSE',
] as const;

export type BuiltinType = (typeof BUILTIN_TYPES)[number];

/** A built-in type, or the name of a workspace's custom pattern (upper snake case). */
export type EntityType = BuiltinType | (string & {});

export interface Span {
  type: EntityType;
  start: number;
  end: number;
  /** Confidence in [0, 1]; spans under the workspace's threshold are dropped. */
  score: number;
}

/** A detector is a pure function of the text (and the locale for national formats). */
export type Detector = (text: string, ctx: DetectContext) => Span[];

export interface DetectContext {
  /** BCP 47-ish language tag, e.g. "en", "de", "fr-BE"; picks default phone regions. */
  locale: string;
}
