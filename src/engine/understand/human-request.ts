// Explicit requests for a human, in several languages. Matched on normalised text (lower
// case, no accents). Kept as data so that adding a language is adding lines, not code.

const PATTERNS: RegExp[] = [
  // English
  /\b(talk|speak|chat|connect|put me through|transfer (me|us|this|the chat|my call)|escalate)\b.{0,25}\b(human|person|agent|representative|rep|operator|someone|somebody|staff|employee|manager|supervisor|customer service)\b/,
  /\b(real|live|actual)\s+(human|person|agent|people|operator)\b/,
  /\b(human|agent|representative|operator)\s*(please|pls|now)\b/,
  /\b(i want|i need|give me|get me|let me talk to)\b.{0,12}\b(a|an|the)\s+(human|agent|representative|operator|manager|supervisor)\b/,
  /^\s*(human|agent|representative|operator)[\s.!?]*$/,
  /\bnot (talk|speak)(ing)? to a (bot|robot|machine)\b/,
  /\b(stop|no more)\b.{0,10}\b(bot|robot)\b/,
  // Spanish
  /\b(hablar|comunicarme|contactar)\b.{0,25}\b(persona|humano|agente|asesor|representante|operador|alguien)\b/,
  /\b(persona|agente) (real|humano|humana)\b/,
  /\bquiero (un|una) (agente|humano|persona|asesor|representante)\b/,
  // French
  /\b(parler|discuter)\b.{0,25}\b(humain|personne|agent|conseiller|conseillere|operateur|quelqu'un)\b/,
  /\b(vraie personne|etre humain|agent humain)\b/,
  /\bje veux (un|une) (humain|agent|conseiller|conseillere|personne)\b/,
  // German
  /\b(mensch|menschen|mitarbeiter|mitarbeiterin|berater|beraterin|person|agenten|kundendienst)\b.{0,30}\b(sprechen|reden)\b/,
  /\b(echten|echte|richtigen) (menschen|mensch|person|mitarbeiter)\b/,
  /\b(verbinden sie mich|ich mochte|ich will)\b.{0,30}\b(mensch|menschen|mitarbeiter|berater)\b/,
  // Portuguese / Italian / Dutch
  /\b(falar com)\b.{0,20}\b(pessoa|humano|atendente|agente)\b/,
  /\b(parlare con)\b.{0,20}\b(persona|umano|operatore|agente)\b/,
  /\b(spreken met|praten met)\b.{0,20}\b(mens|medewerker|persoon)\b/,
];

/**
 * A question about people rather than a request for one (issue 15: "does a real person read
 * the reviews", "are your products made by real people", "am i chatting with an actual
 * human"): the words before the phrase, in its sentence, open a yes/no question whose subject
 * is the people ("does a real person ...", "are real people ..."), a question about the bot
 * ("are you", "am i talking"), name the people as the ones who did something ("made by"), or
 * ask the bot to be or play one ("could you be a real person", "act and think like a real
 * person": CLINC150 val).
 * A question that asks for one stays a request: "is there a real person", "do you have a live
 * agent", "can a real human answer me". Such a phrase is left to the learned detector, which
 * is trained on both.
 */
const ABOUT_OPENER =
  /^(?:(?:do|does|did|is|are|was|were|has|have)\b(?!\s+(?:there|anyone|anybody|someone|somebody|you\s+have)\b)|(?:can you tell me )?(?:if |whether )?(?:are you|you are|you're|youre|am i)\b)/;
const BY_THEM = /\bby\s+(?:a\s+|an\s+|the\s+)?$/;
/** "be a", "act like a", "pretend to be a" before the phrase; "will there be a real person" still asks for one. */
const PLAY_ONE = /(?:(?<!\bthere )\bbe|\b(?:act|think|sound|talk|behave)(?:ing)? like|\bas if you were)\s+(?:a\s+|an\s+)?$/;

function aboutPeople(normalized: string, at: number): boolean {
  const sentence = normalized
    .slice(0, at)
    .split(/[.?!;\n]/)
    .pop()!
    .trimStart();
  return ABOUT_OPENER.test(sentence) || BY_THEM.test(sentence) || PLAY_ONE.test(sentence);
}

/** Every match of each pattern: a question about people may come before a request in the same message. */
const EVERY = PATTERNS.map((p) => new RegExp(p.source, 'g'));

/** Returns the phrase that asked for a human, or null. Expects normalised text. */
export function detectHumanRequest(normalized: string): string | null {
  for (const p of EVERY) {
    for (const m of normalized.matchAll(p)) if (!aboutPeople(normalized, m.index)) return m[0];
  }
  return null;
}
