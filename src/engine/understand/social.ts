// Small talk: a message that is only a greeting, thanks, a goodbye or an acknowledgement
// ("ok", "got it"). It gets a short social reply, never an article and never a person.
// This is a closed class of phrases, so a word list per language is the right tool; a
// greeting in front of a question ("hi, where is my order?") leaves words over and is not
// small talk. Letters repeated for emphasis ("hiii", "thx!!") are squashed first.
import { words } from '../text/normalize.ts';

export type SocialKind = 'greeting' | 'thanks' | 'bye' | 'ack';

export interface SocialHit {
  kind: SocialKind;
  /** The language the words belong to, when only one does ("hola", "danke"). */
  language: string | null;
}

// Words and short phrases, each with its kind and language ('' = any language: "ok", "hi").
const LEXICON: [SocialKind, string, string[]][] = [
  ['greeting', '', ['hi', 'hello', 'hey', 'heya', 'hiya', 'yo']],
  [
    'greeting',
    'en',
    [
      'howdy',
      'good morning',
      'good afternoon',
      'good evening',
      'morning',
      'evening',
      'hi there',
      'hello there',
      'hey there',
      'greetings',
      'helo',
      'hallo there',
      'how are you',
      'how are you doing',
      "how's it going",
      'hows it going',
    ],
  ],
  ['greeting', 'es', ['hola', 'buenos dias', 'buenas tardes', 'buenas noches', 'buenas', 'que tal']],
  ['greeting', 'fr', ['bonjour', 'bonsoir', 'salut', 'coucou']],
  ['greeting', 'de', ['hallo', 'guten tag', 'guten morgen', 'guten abend', 'servus', 'moin', 'gruss gott']],
  ['greeting', 'pt', ['ola', 'oi', 'bom dia', 'boa tarde', 'boa noite']],
  ['greeting', 'it', ['ciao', 'buongiorno', 'buonasera', 'salve']],
  ['greeting', 'nl', ['hoi', 'goedemorgen', 'goedemiddag', 'goedenavond', 'dag']],
  [
    'thanks',
    'en',
    [
      'thanks',
      'thank you',
      'thx',
      'ty',
      'tysm',
      'thank u',
      'thanks a lot',
      'thanks so much',
      'thank you so much',
      'thank you very much',
      'many thanks',
      'cheers',
      'much appreciated',
      'appreciate it',
      'thanks for your help',
      'thank you for your help',
      'thanks for the help',
      'great thanks',
      'perfect thanks',
      'awesome thanks',
      'great',
      'perfect',
      'awesome',
      'brilliant',
      'that helps',
      'that helped',
      'that was helpful',
      'very helpful',
      'helpful',
    ],
  ],
  ['thanks', 'es', ['gracias', 'muchas gracias', 'mil gracias', 'genial gracias']],
  ['thanks', 'fr', ['merci', 'merci beaucoup', 'merci bien', 'super merci']],
  ['thanks', 'de', ['danke', 'danke schon', 'vielen dank', 'danke sehr', 'besten dank']],
  ['thanks', 'pt', ['obrigado', 'obrigada', 'muito obrigado', 'muito obrigada', 'valeu']],
  ['thanks', 'it', ['grazie', 'grazie mille']],
  ['thanks', 'nl', ['dank je', 'dank u', 'bedankt', 'dank je wel', 'dank u wel']],
  [
    'bye',
    'en',
    [
      'bye',
      'goodbye',
      'bye bye',
      'see you',
      'see ya',
      'cya',
      'later',
      'have a nice day',
      'have a good day',
      'take care',
      'good night',
      'thats all',
      "that's all",
      'that is all',
      'nothing else',
      'all good',
      'im good',
      "i'm good",
      'no thanks',
      'no thank you',
    ],
  ],
  ['bye', 'es', ['adios', 'hasta luego', 'chao', 'nada mas']],
  ['bye', 'fr', ['au revoir', 'a bientot', 'bonne journee', 'bonne soiree']],
  ['bye', 'de', ['tschuss', 'auf wiedersehen', 'bis bald', 'schonen tag']],
  ['bye', 'pt', ['tchau', 'ate logo', 'adeus']],
  ['bye', 'it', ['arrivederci', 'a presto']],
  ['bye', 'nl', ['doei', 'tot ziens']],
  [
    'ack',
    '',
    [
      'ok',
      'okay',
      'k',
      'kk',
      'okey',
      'oki',
      'okie',
      'alright',
      'all right',
      'right',
      'sure',
      'cool',
      'fine',
      'got it',
      'i see',
      'understood',
      'noted',
      'yes',
      'yeah',
      'yep',
      'yup',
      'no',
      'nope',
      'ah',
      'oh',
      'hmm',
      'hm',
      'lol',
      'nice',
      'good',
      'great',
      'sounds good',
      'makes sense',
      'will do',
      'np',
      'no problem',
      'si',
      'vale',
      'oui',
      'daccord',
      "d'accord",
      'ja',
      'gut',
      'sim',
      'certo',
      'va bene',
      'prima',
      'goed',
    ],
  ],
];

const PHRASES = new Map<string, { kind: SocialKind; language: string }>();
for (const [kind, language, list] of LEXICON) for (const p of list) if (!PHRASES.has(p)) PHRASES.set(p, { kind, language });
const LONGEST = Math.max(...[...PHRASES.keys()].map((p) => p.split(' ').length));
/** Words that may sit between social phrases ("hi and thanks", "ok so bye") or address the bot. */
const FILLER = new Set([
  'and',
  'so',
  'well',
  'oh',
  'again',
  'guys',
  'team',
  'there',
  'all',
  'everyone',
  'bot',
  'folks',
  'y',
  'et',
  'und',
  'e',
  'en',
]);
/** Priority when a message mixes kinds: thanks and goodbyes say more than "ok". */
const RANK: Record<SocialKind, number> = { thanks: 3, bye: 2, greeting: 1, ack: 0 };

/** "hiii" -> "hi", "thxxx" -> "thx", "okkk" -> "ok": a letter repeated three times or more. */
const squash = (w: string) => w.replace(/(\p{L})\1{2,}/gu, '$1');

/**
 * The social kind of a message made only of social phrases (and filler), else null.
 * Expects normalised text (lower case, no accents).
 */
export function detectSocial(normalized: string): SocialHit | null {
  const toks = words(normalized).map(squash);
  if (toks.length === 0 || toks.length > 12) return null;
  let best: { kind: SocialKind; language: string } | null = null;
  const languages = new Set<string>();
  let i = 0;
  while (i < toks.length) {
    let hit: { kind: SocialKind; language: string } | undefined;
    let len = 0;
    for (let n = Math.min(LONGEST, toks.length - i); n >= 1 && !hit; n--) {
      hit = PHRASES.get(toks.slice(i, i + n).join(' '));
      len = n;
    }
    if (hit) {
      if (!best || RANK[hit.kind] > RANK[best.kind]) best = hit;
      if (hit.language) languages.add(hit.language);
      i += len;
    } else if (FILLER.has(toks[i])) i++;
    else return null;
  }
  if (!best) return null;
  return { kind: best.kind, language: languages.size === 1 ? [...languages][0] : null };
}
