// Run-on sentences: people type a request and the problem as one line with no punctuation
// between them ("can i talk to someone my order never came", "get me an agent i was charged
// twice", "my card got charged twice can i speak to someone"). Read whole, the problem's
// words drown the request. Without a parser, a new clause is recognised where its subject
// starts ("i", "we", "my", "our") and a finite verb follows within a few words ("my workspace"
// after "add a human agent to" has no verb: it is the object of the words before it), or where
// a question or a request opens ("can i", "is there", "get me") after a clause that has its
// own verb.

/** Subjects that open a clause. "the", "it", "you" are left out: too often an object. */
const SUBJECT = new Set(['i', "i'm", 'im', "i've", 'ive', "i'd", 'we', "we're", "we've", 'my', 'our']);

/**
 * Words after which a subject belongs to the clause already under way: a question ("how do
 * I", "can I"), a subordinate clause ("if my", "because I", "that my") or a list ("and my").
 */
const BOUND = new Set(
  (
    'do does did can could should would will shall may might must am is are was were be been ' +
    "don't doesn't didn't can't couldn't won't wouldn't isn't aren't wasn't " +
    'how what where when why who whom whose which whether if that than so because since as until unless ' +
    'while though although once before after and or nor but let make lets'
  ).split(' '),
);

/** Finite verbs and the words that stand for one (negation, "still", "never"). */
const FINITE = new Set(
  (
    'is was were are am has have had did does do got get gets keeps keep kept came come comes went goes ' +
    'broke sent paid bought left lost took made said told saw need needs want wants still never just already ' +
    'cannot wont cant dont didnt doesnt hasnt havent isnt wasnt arent werent'
  ).split(' '),
);
// A bare modal is left out on purpose: "a human I can chat with" is a relative clause.
const finite = (w: string) => FINITE.has(w) || /n't$/.test(w) || /^[a-z]{3,}ed$/.test(w);

/** A question or a request opening a clause of its own: "can i", "is there", "get me". */
const ASKS = new Set('can could may is are do does will would get put let connect transfer'.split(' '));
const ASKED = new Set('i you we there someone somebody anyone anybody me us'.split(' '));

/** How many words after the subject the verb may come: "my new phone case still hasn't...". */
const VERB_WITHIN = 4;
/** Each part must keep a few words: a request or a problem needs them. */
const MIN_PART = 3;

const bare = (w: string) =>
  w
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/^[^\p{L}']+|[^\p{L}']+$/gu, '');

/** The line cut where a new clause starts without punctuation; the line itself when none does. */
export function runOnClauses(text: string): string[] {
  const tokens = text.split(/\s+/).filter(Boolean);
  const words = tokens.map(bare);
  const cuts: number[] = [];
  let last = 0;
  for (let i = MIN_PART; i <= tokens.length - MIN_PART; i++) {
    if (i - last < MIN_PART || BOUND.has(words[i - 1])) continue;
    // A contracted subject ("i'm", "i've") carries its verb; otherwise look a few words on.
    const clause = SUBJECT.has(words[i]) && (/'/.test(words[i]) || words.slice(i + 1, i + 1 + VERB_WITHIN).some(finite));
    // A question after a statement: the words before it must hold a verb of their own.
    const question = ASKS.has(words[i]) && ASKED.has(words[i + 1]) && words.slice(last, i).some(finite);
    if (!clause && !question) continue;
    cuts.push(i);
    last = i;
  }
  if (cuts.length === 0) return [text];
  return [0, ...cuts].map((start, k) => tokens.slice(start, cuts[k] ?? tokens.length).join(' '));
}
