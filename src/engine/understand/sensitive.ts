// Sensitive topics that must reach a person: legal threats, safety, self-harm and fraud reports.
// These phrases are the sure cases; the learned detector (signals/) finds the rest.
// Questions *about* a legal topic ("how do I file a complaint with the attorney general")
// are not threats, so the legal patterns look for the customer threatening action.

/** The kinds of sensitive topic, as decisions' traces record them (`safety`: danger or abuse). */
export const SENSITIVE_KINDS = ['legal', 'safety', 'self_harm', 'fraud'] as const;
export type SensitiveKind = (typeof SENSITIVE_KINDS)[number];

export interface SensitiveHit {
  kind: SensitiveKind;
  phrase: string;
  /** Soft topics may be answered when the knowledge has an article written for them. */
  soft: boolean;
}

/** A denial that the customer made a payment: British and American spellings, apostrophes typed or not ("a payment i dont recognise"). */
const NOT_MADE = String.raw`unauthori[sz]ed|didn'?t make|did not make|don'?t recogni[sz]e|do not recogni[sz]e|not mine|aren'?t mine`;
/** What moves money out of an account. */
const MONEY_MOVED = 'charge|transaction|payment|purchase|withdrawal|transfer|debit';

const RULES: { kind: SensitiveKind; soft: boolean; re: RegExp }[] = [
  {
    kind: 'legal',
    soft: false,
    re: /\b(i('ll| will| am going to|'m going to| shall)|we('ll| will)|going to|gonna)\s+(sue|take (you|this|legal)|report you|file a lawsuit|press charges)\b/,
  },
  {
    kind: 'legal',
    soft: false,
    re: /\b(my|our) (lawyer|attorney|solicitor|legal team)\b|\b(see you in court|legal action|class action|small claims court)\b/,
  },
  { kind: 'legal', soft: false, re: /\b(abogado|demanda|demandar|avocat|poursuite|anwalt|klage|verklagen)\b/ },
  { kind: 'self_harm', soft: false, re: /\b(kill myself|suicid\w*|self[- ]harm|hurt myself|end my life|want to die|overdos\w*)\b/ },
  { kind: 'safety', soft: false, re: /\b(kill (me|you|him|her|them)|hurt someone)\b/ },
  // Immediate danger, said about the customer's own situation (not "benefits for an injury").
  {
    kind: 'safety',
    soft: false,
    re: /\b(bomb threat|has a (gun|knife|weapon)|on fire|caught fire|smoke coming|electric shock|gas leak|got poisoned|is bleeding|am bleeding|call an ambulance|i('m| am) (in danger|not safe|being (threatened|harassed|stalked|abused)))\b/,
  },
  // A hazard in the home said by what the customer notices ("I can smell gas near the new boiler"):
  // the learned detector knows "i smell gas" and not its longer forms (docs/engine.md, "Hazards by
  // what is noticed").
  {
    kind: 'safety',
    soft: false,
    re: /\b(smell(s|ing)? (of )?gas(?! station)|sparks? (are )?(coming|flying|from)|(is|are|keeps?|started) sparking|(cord|cable|plug|wire|wires|socket|charger|lead)s? (is |are )?(melting|sparking|smoking))\b/,
  },
  { kind: 'safety', soft: false, re: /\b(threaten(ed|ing) (me|my)|harass(ed|ing) me|stalking me|abus(ed|ing) me)\b/ },
  // "scam" and its forms only: "scam\w*" read "shrimp scampi" as a fraud report (CLINC150 val).
  {
    kind: 'fraud',
    soft: true,
    re: /\b(fraud\w*|scam(s|med|mer|mers|ming|my)?\b|identity theft|stolen identity|phishing|hacked|hijacked)\b/,
  },
  // Money moved that the customer did not move, the denial before or after it.
  { kind: 'fraud', soft: true, re: new RegExp(String.raw`\b(${NOT_MADE})\b.{0,30}\b(${MONEY_MOVED}|use)\w*`) },
  { kind: 'fraud', soft: true, re: new RegExp(String.raw`\b(${MONEY_MOVED})\w*\b.{0,30}\b(${NOT_MADE})\b`) },
];

export function detectSensitive(normalized: string): SensitiveHit | null {
  for (const r of RULES) {
    const m = normalized.match(r.re);
    if (m) return { kind: r.kind, phrase: m[0], soft: r.soft };
  }
  return null;
}
