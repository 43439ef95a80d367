// Language of a message. franc works on character trigrams and guesses wildly on a short
// line ("how do I reset my password" came back Portuguese, "How do I get a refund?"
// Swedish), so a turn's language is decided from more than the line: the function words it
// uses, eld's reading (an n-gram detector built for short text), the language the
// conversation has been in, the widget's locale and the knowledge's languages.
import { franc } from 'franc';
import { eld } from 'eld/small';
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
// The same languages for eld (its codes are ISO 639-1, as ours).
eld.setLanguageSubset(Object.values(ISO1));

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

/** The text without PII tokens (<EMAIL_1>): their letters say nothing of the language. */
const withoutTokens = (text: string) => text.replace(/<[A-Z_]+\d*>/g, ' ').trim();

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
  const cleaned = withoutTokens(text);
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

/**
 * eld's vote: its best language, by how far it leads the next (`ELD_MARGIN` of its score and more
 * is a full lead: "eliminate" read Italian 0.752 against English 0.747, "de acuerdo" Spanish 0.850
 * against Dutch 0.671), as much as two function words when eld calls its reading reliable, less
 * than one otherwise. Chosen on development lines (bench/language.ts: 280 short lines in seven
 * languages written apart from short.jsonl, and dev.jsonl) against English read as English on
 * CLINC150 val (3,100 lines): eld alone as a vote 274 of 280 with 13 English lines misread, the
 * lead scaled 277 with 7 (franc as before: 227 with 3).
 */
const ELD_RELIABLE_VOTE = 2;
const ELD_WEAK_VOTE = 0.6;
const ELD_MARGIN = 0.1;

/** Votes for each language from one text: function words, its letters and eld's reading. */
function votes(text: string): Map<string, number> {
  const v = new Map<string, number>();
  const add = (l: string, w: number) => v.set(l, (v.get(l) ?? 0) + w);
  const cleaned = withoutTokens(text);
  for (const w of words(normalize(cleaned))) {
    const langs = WORD_LANGS.get(w);
    if (langs) for (const l of langs) add(l, 1 / langs.length);
  }
  for (const [lang, letters] of LETTERS) if (letters.test(cleaned)) add(lang, LETTER_VOTE);
  const read = eld.detect(cleaned);
  if (read.language) {
    const [first, second = 0] = Object.values(read.getScores()).sort((a, b) => b - a);
    const lead = Math.min(1, (first - second) / first / ELD_MARGIN);
    add(read.language, lead * (read.isReliable() ? ELD_RELIABLE_VOTE : ELD_WEAK_VOTE));
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
 * nothing else: "mi serve una ricevuta" es/it, "posso pagare domani" pt/it): eld's scores choose
 * among those few only. Without it the tie went to whichever language the word lists name
 * first, always Spanish or Portuguese before Italian.
 */
function tieBreak(text: string, tied: string[]): string {
  if (tied.length < 2) return tied[0];
  const scores = eld.detect(withoutTokens(text)).getScores();
  return tied.reduce((best, l) => ((scores[l] ?? 0) > (scores[best] ?? 0) ? l : best));
}
