// Language of a message. franc works on character trigrams and guesses wildly on a short
// line ("how do I reset my password" came back Portuguese, "How do I get a refund?"
// Swedish), so a turn's language is decided from more than the line: the function words it
// uses (a short line's best evidence), franc only on longer text, the language the
// conversation has been in, the widget's locale and the knowledge's languages.
import { franc } from 'franc';
import { normalize, words } from '../text/normalize.ts';

/** ISO 639-3 (franc) -> ISO 639-1 (what the rest of Baton stores). */
const ISO1: Record<string, string> = {
  eng: 'en',
  spa: 'es',
  fra: 'fr',
  deu: 'de',
  por: 'pt',
  ita: 'it',
  nld: 'nl',
  pol: 'pl',
  swe: 'sv',
  dan: 'da',
  nob: 'no',
  fin: 'fi',
  tur: 'tr',
  rus: 'ru',
  ukr: 'uk',
  cmn: 'zh',
  jpn: 'ja',
  kor: 'ko',
  arb: 'ar',
};
const ONLY = Object.keys(ISO1);
const ISO3: Record<string, string> = Object.fromEntries(Object.entries(ISO1).map(([three, one]) => [one, three]));

/** Frequent function words per language (normalised: lower case, no accents). */
const FUNCTION_WORDS: Record<string, string[]> = {
  en: 'the a an is are was do does did i my me you your how what where when why who can could to of and for with it this that have has not please will would should from on in at be been there any get hi hello thanks about something tell which they them their want need know if but by some just out up than much many'.split(
    ' ',
  ),
  es: 'el la los las de del que y en un una mi mis es son por para como donde cuando no se con tengo puedo quiero esta estoy hola gracias usted su sus hay pero muy'.split(
    ' ',
  ),
  fr: 'le la les de des du et est un une je mon ma mes vous votre pour pas ne comment ou quand que qui avec sur bonjour merci puis il elle ce cette suis dans'.split(
    ' ',
  ),
  de: 'der die das und ist ich mein meine nicht wie wo wann was ein eine mit fur sie kann bitte danke zu auf ihr ihre hallo habe den dem bei noch es'.split(
    ' ',
  ),
  pt: 'o a os as de que e do da em um uma meu minha nao como onde quando para com voce eu posso obrigado obrigada ola esta estou tem seu sua'.split(
    ' ',
  ),
  it: 'il lo la gli le di che e un una mio mia non come dove quando per con sono posso grazie ciao perche del della questo ho mi'.split(
    ' ',
  ),
  nl: 'de het een en ik mijn is niet hoe waar wanneer wat van voor met kan je u bedankt hallo zijn heb er op dat'.split(' '),
};
/**
 * Words of the trade each language writes its own way (normalised), for the short lines that
 * carry no function word ("rimborso ordine", "Bestellung verspätet"): they vote like function
 * words. Loanwords the other languages use as they are ("account", "password", "tracking") are
 * left out; a word two languages share splits its vote.
 */
const SUPPORT_WORDS: Record<string, string[]> = {
  en: 'order orders refund refunds delivery shipping payment invoice account password card delayed pending declined missing cancel cancelled tracking'.split(
    ' ',
  ),
  es: 'pedido pedidos reembolso devolucion envio entrega pago factura cuenta contrasena tarjeta retrasado pendiente rechazado rechazada cancelar seguimiento gratis'.split(
    ' ',
  ),
  fr: 'commande commandes remboursement livraison paiement facture compte carte retard perdue perdu refuse refusee annuler suivi gratuite gratuit'.split(
    ' ',
  ),
  de: 'bestellung bestellungen ruckerstattung lieferung versand zahlung rechnung konto passwort karte verspatet fehlt abgelehnt stornieren kostenlos'.split(
    ' ',
  ),
  pt: 'encomenda pedido reembolso devolucao envio entrega pagamento fatura conta senha cartao atrasado atrasada pendente recusado recusada cancelar gratis'.split(
    ' ',
  ),
  it: 'ordine ordini rimborso reso spedizione consegna pagamento fattura conto carta ritardo mancante rifiutato rifiutata annullare gratuita gratuito'.split(
    ' ',
  ),
  nl: 'bestelling bestellingen terugbetaling levering verzending betaling factuur rekening wachtwoord kaart vertraagd kwijt geweigerd annuleren gratis'.split(
    ' ',
  ),
};
/**
 * Letters only one of the languages with word lists writes (lost to the function words, which
 * are read without accents): "contraseña olvidada" is Spanish by its ñ. Half a
 * word's vote, once per text.
 */
const LETTERS: [string, RegExp][] = [
  ['es', /[ñ¿¡]/i],
  ['pt', /[ãõ]/i],
  ['de', /[ßäöü]/i],
];
const LETTER_VOTE = 0.5;
const WORD_LANGS = new Map<string, string[]>();
for (const lists of [FUNCTION_WORDS, SUPPORT_WORDS])
  for (const [lang, list] of Object.entries(lists))
    for (const w of list) if (!WORD_LANGS.get(w)?.includes(lang)) WORD_LANGS.set(w, [...(WORD_LANGS.get(w) ?? []), lang]);

/** Scripts that name their language outright. */
function scriptLanguage(text: string): string | null {
  if (/[\u0600-\u06FF]/.test(text)) return 'ar';
  if (/[\u3040-\u30FF]/.test(text)) return 'ja';
  if (/[\uAC00-\uD7AF]/.test(text)) return 'ko';
  if (/[\u4E00-\u9FFF]/.test(text)) return 'zh';
  return null;
}

/** franc, trusted only on text long enough for trigrams to mean something. */
function francLanguage(cleaned: string, minLength: number): string | null {
  if (cleaned.length < minLength) return null;
  return ISO1[franc(cleaned, { only: ONLY, minLength })] ?? null;
}

/** The one-line detector of before: franc, restricted, with a fallback for short text. */
export function detectLanguage(text: string, fallback = 'en'): string {
  const cleaned = text.replace(/<[A-Z_]+\d*>/g, ' ').trim();
  return scriptLanguage(cleaned) ?? francLanguage(cleaned, 12) ?? fallback;
}

export interface LanguageContext {
  /** Earlier customer messages of the conversation, oldest first. */
  previous?: string[];
  /** The widget's (or conversation's) locale, e.g. "de-AT". */
  locale?: string | null;
  /** Languages the knowledge is written in, most used first. */
  knowledge?: string[];
}

/** From this many characters franc's trigrams are evidence enough to outweigh two words. */
const FRANC_LONG = 40;
/**
 * Shorter, franc guesses often but not at random: a third of a word's vote, enough to settle a
 * line whose words two languages share ("je veux parler à un humain": "je" is French and Dutch,
 * "à" reads as the English and Portuguese "a") and too little to outvote a word of its own.
 * Chosen on bench/language.ts (short.jsonl alone 0.884 -> 0.902) with English read as English
 * on CLINC150 (val 3,100 lines, test 5,500: no more misread lines than without it).
 */
const FRANC_SHORT = 10;
const FRANC_SHORT_VOTE = 0.3;

/** Votes for each language from one text: function words, and franc (weakly on shorter text). */
function votes(text: string): Map<string, number> {
  const v = new Map<string, number>();
  const add = (l: string, w: number) => v.set(l, (v.get(l) ?? 0) + w);
  const cleaned = text.replace(/<[A-Z_]+\d*>/g, ' ').trim();
  for (const w of words(normalize(cleaned))) {
    const langs = WORD_LANGS.get(w);
    if (langs) for (const l of langs) add(l, 1 / langs.length);
  }
  for (const [lang, letters] of LETTERS) if (letters.test(cleaned)) add(lang, LETTER_VOTE);
  const f = francLanguage(cleaned, FRANC_LONG);
  if (f) add(f, 2);
  else {
    const short = francLanguage(cleaned, FRANC_SHORT);
    if (short) add(short, FRANC_SHORT_VOTE);
  }
  return v;
}

/** The earlier lines' vote for their own language. */
const PREVIOUS_VOTE = 0.9;
/** Scores closer than this are a tie. */
const TIE = 1e-9;

/** The best-scored language and how far it leads the next (or nothing, which scores 0). */
function leadOver(score: Map<string, number>): { lang: string; by: number } | null {
  let lang: string | null = null;
  let best = 0;
  let second = 0;
  for (const [l, s] of score) {
    if (lang === null || s > best) {
      second = lang === null ? second : Math.max(second, best);
      lang = l;
      best = s;
    } else second = Math.max(second, s);
  }
  return lang === null ? null : { lang, by: best - second };
}

/**
 * The language of this turn: the message's own evidence, then the conversation so far, the
 * locale and the knowledge, each as a weaker prior. A line with no evidence of its own ("ok",
 * "1234") keeps the conversation's language.
 */
export function decideLanguage(text: string, ctx: LanguageContext = {}): string {
  const script = scriptLanguage(text);
  if (script) return script;
  const score = votes(text);
  const add = (l: string | null | undefined, w: number) => {
    if (l) score.set(l, (score.get(l) ?? 0) + w);
  };
  add(ctx.locale?.slice(0, 2).toLowerCase(), 0.6);
  ctx.knowledge?.forEach((l, i) => add(l.slice(0, 2).toLowerCase(), i === 0 ? 0.4 : 0.2));
  // The earlier lines only matter when their vote could change the outcome: franc over the
  // whole conversation on every turn was a third of a turn's time.
  const lead = leadOver(score);
  if (lead && lead.by > PREVIOUS_VOTE + TIE) return lead.lang;
  const previous = (ctx.previous ?? []).join(' ');
  if (previous.trim()) {
    const before = votes(previous);
    const top = [...before].sort((a, b) => b[1] - a[1])[0];
    if (top && top[1] >= 1) add(top[0], PREVIOUS_VOTE);
  }
  const ranked = [...score].sort((a, b) => b[1] - a[1]);
  const best = ranked[0];
  if (!best || best[1] <= 0) return ctx.knowledge?.[0] ?? 'en';
  return tieBreak(
    text,
    ranked.filter(([, s]) => best[1] - s < TIE).map(([l]) => l),
  );
}

/**
 * Languages tied on the evidence (a short line's function words shared by two languages and
 * nothing else: "mi serve una ricevuta" es/it, "posso pagare domani" pt/it): franc's trigrams choose
 * among those few only. Without it the tie went to whichever language the word lists name
 * first, always Spanish or Portuguese before Italian.
 */
function tieBreak(text: string, tied: string[]): string {
  if (tied.length < 2) return tied[0];
  const cleaned = text.replace(/<[A-Z_]+\d*>/g, ' ').trim();
  const only = tied.map((l) => ISO3[l]).filter((l): l is string => !!l);
  if (only.length < 2) return tied[0];
  return ISO1[franc(cleaned, { only, minLength: 1 })] ?? tied[0];
}
