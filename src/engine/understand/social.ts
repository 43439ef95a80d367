// Small talk: a message that is only a greeting, thanks, a goodbye, an acknowledgement ("ok",
// "got it", "agreed", "idk"), a disagreement ("that's not true", "wrong") or a question about
// who answers ("are you a bot?"). It gets a short social reply, never an article and never a
// person; the last says it is a virtual assistant and how to reach a person (people have a
// right to know they are talking to a machine). A reaction names no topic: read as a fragment
// it borrowed the previous question's words and came back with its article ("agreed" after a
// direct-deposit question). A disagreement right after a bot answer is that answer failing
// (`repeated-failure.ts`), handed off like "that didn't help".
// This is a closed class of phrases, so a word list per language is the right tool; a
// greeting in front of a question ("hi, where is my order?") leaves words over and is not
// small talk. Letters repeated for emphasis ("hiii", "thx!!") are squashed first.
import { normalize, words } from '../text/normalize.ts';

export type SocialKind = 'greeting' | 'thanks' | 'bye' | 'ack' | 'disagree' | 'identity' | 'capabilities';

export interface SocialHit {
  kind: SocialKind;
  /** The language the words belong to, when only one does ("hola", "danke"). */
  language: string | null;
  /** Read with courtesy words beside the phrases ("thank you for everything"): the signals are still read. */
  courteous?: boolean;
}

/** Verdicts against the last reply: said alone ("not true") or after a frame ("that's not true"). */
const VERDICTS_AGAINST = [
  'wrong',
  'not true',
  'untrue',
  'false',
  'incorrect',
  'not correct',
  'not right',
  'not factual',
  'inaccurate',
  'not helpful',
  'useless',
  'not what i asked',
];

// Words and short phrases, each with its kind and language ('' = any language: "ok", "hi").
const LEXICON: [SocialKind, string, string[]][] = [
  ['greeting', '', ['hi', 'hello', 'hey', 'heya', 'heyo', 'hiya', 'yo']],
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
      "how's it hanging",
      'hows it hanging',
      "what's up",
      'whats up',
      'sup',
      'wassup',
      'how ya doin',
      'how ya doing',
      'how you doing',
      'how are ya',
      'how ya been',
      'how have you been',
      "how've you been",
      'how is it going',
      'hows it goin',
      'how u doin',
      'hru',
      'gm',
      'aloha',
      'salutations',
      'long time no see',
      "what's happening",
      "what's new",
      'hope you are well',
      "hope you're well",
      'hope all is well',
      // Checking the chat is alive: the bot is there, and says so with its greeting.
      'are you there',
      'you there',
      'are you still there',
      'still there',
    ],
  ],
  [
    'greeting',
    'es',
    [
      'como estas',
      'como esta',
      'como te va',
      'que hay',
      'buen dia',
      'holi',
      'espero que estes bien',
      'espero que este bien',
      'hola',
      'buenos dias',
      'buenas tardes',
      'buenas noches',
      'buenas',
      'que tal',
      'estas ahi',
      'esta ahi',
      'sigues ahi',
    ],
  ],
  [
    'greeting',
    'fr',
    [
      'quoi de neuf',
      'tu vas bien',
      'vous allez bien',
      'comment allez vous',
      'comment vas tu',
      'ca va',
      "j'espere que vous allez bien",
      'bien le bonjour',
      'bonjour',
      'bonsoir',
      'salut',
      'coucou',
      'vous etes la',
      'tu es la',
      'vous etes toujours la',
    ],
  ],
  [
    'greeting',
    'de',
    [
      'wie gehts',
      "wie geht's",
      'wie geht es ihnen',
      'wie geht es dir',
      'alles klar',
      'alles gut',
      'na',
      'hallochen',
      'gruss dich',
      'gruezi',
      'ich hoffe es geht ihnen gut',
      'hallo',
      'guten tag',
      'guten morgen',
      'guten abend',
      'servus',
      'moin',
      'gruss gott',
      'bist du da',
      'sind sie da',
      'sind sie noch da',
    ],
  ],
  [
    'greeting',
    'pt',
    [
      'tudo bem',
      'tudo bom',
      'como vai',
      'como esta',
      'e ai',
      'beleza',
      'opa',
      'espero que esteja bem',
      'boas',
      'ola',
      'oi',
      'bom dia',
      'boa tarde',
      'boa noite',
      'esta ai',
      'voce esta ai',
    ],
  ],
  [
    'greeting',
    'it',
    [
      'come stai',
      'come sta',
      'come va',
      'tutto bene',
      'ehi',
      'ehila',
      'buon pomeriggio',
      'buondi',
      'spero stia bene',
      'ciao',
      'buongiorno',
      'buonasera',
      'salve',
      'ci sei',
      'ci sei ancora',
    ],
  ],
  [
    'greeting',
    'nl',
    [
      'hoe gaat het',
      'hoe gaat het met u',
      'hoe gaat het met je',
      'alles goed',
      'hoe is het',
      'goedendag',
      'goeiemorgen',
      'hallo allemaal',
      'hoi',
      'goedemorgen',
      'goedemiddag',
      'goedenavond',
      'dag',
      'ben je daar',
      'bent u daar',
      'ben je er nog',
    ],
  ],
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
      'thankful',
      'grateful',
      'gratitude',
      'appreciated',
      'appreciate',
      'much obliged',
      'i owe you one',
      'lifesaver',
      'owe you',
      'owe ya',
      "you're the best",
      'youre the best',
      'you rock',
      'legend',
      'props',
      'hats off',
      'big help',
      'great help',
      'huge help',
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
  [
    'thanks',
    'es',
    [
      'grax',
      'agradecido',
      'agradecida',
      'muy agradecido',
      'muy agradecida',
      'te debo una',
      'eres un crack',
      'gracias',
      'muchas gracias',
      'mil gracias',
      'genial gracias',
    ],
  ],
  [
    'thanks',
    'fr',
    [
      'un grand merci',
      'mille mercis',
      'je vous remercie',
      'je te remercie',
      'reconnaissant',
      'reconnaissante',
      "je t'en dois une",
      't es au top',
      'merci',
      'merci beaucoup',
      'merci bien',
      'super merci',
    ],
  ],
  [
    'thanks',
    'de',
    [
      'tausend dank',
      'dankbar',
      'ich schulde dir was',
      'sehr nett',
      'danko',
      'vielen lieben dank',
      'danke',
      'danke schon',
      'vielen dank',
      'danke sehr',
      'besten dank',
    ],
  ],
  [
    'thanks',
    'pt',
    [
      'obg',
      'vlw',
      'agradeco',
      'grato',
      'grata',
      'brigadao',
      'te devo uma',
      'muitissimo obrigado',
      'muitissimo obrigada',
      'obrigado',
      'obrigada',
      'muito obrigado',
      'muito obrigada',
      'valeu',
    ],
  ],
  [
    'thanks',
    'it',
    [
      'grazie tante',
      'grazie infinite',
      'grz',
      'ti ringrazio',
      'la ringrazio',
      'molto gentile',
      'gentilissimi',
      'grato',
      'grata',
      'ti devo un favore',
      'grazie',
      'grazie mille',
    ],
  ],
  [
    'thanks',
    'nl',
    [
      'dankjewel',
      'dankuwel',
      'hartelijk dank',
      'heel erg bedankt',
      'duizendmaal dank',
      'tnx',
      'dankbaar',
      'ik waardeer het',
      'dank je',
      'dank u',
      'bedankt',
      'dank je wel',
      'dank u wel',
    ],
  ],
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
      'goodnight',
      "i'll pass",
      'ill pass',
      'thats all',
      "that's all",
      'that is all',
      'nothing else',
      'all good',
      'im good',
      "i'm good",
      'no thanks',
      'no thank you',
      // Closing the chat: after an answer, read as a question these repeated it.
      "that's it",
      'thats it',
      'that is it',
      "that's all for now",
      'thats all for now',
      'that is all for now',
      'farewell',
      'adieu',
      'so long',
      'all the best',
      'best wishes',
      'stay safe',
      'be well',
      'speak soon',
      'talk soon',
      "i'm off",
      'im off',
      "i'm out",
      'im out',
      'heading off',
      'heading out',
      'log off',
      'logging off',
      'logging out',
      'signing off',
      'signing out',
      'gotta run',
      'good night',
      'night',
      'l8r',
      'cu',
      'deuces',
      'until next time',
      'till next time',
      'nice chat',
      'lovely chat',
      'good chat',
      'good talk',
      'nice talk',
      'enjoyed',
      'pleasure',
      'nice talking to you',
      'nice talking with you',
      'nice chatting with you',
      'talk to you later',
      'talk later',
      'ttyl',
      // Leaving in chat words ("peace out" got "not something I can help with here").
      'peace out',
      'catch you later',
      'gotta go',
      'got to go',
      'i have to go',
      'i need to go',
    ],
  ],
  [
    'bye',
    'es',
    [
      'chau',
      'cuidate',
      'hasta manana',
      'hasta otra',
      'me tengo que ir',
      'me voy',
      'que vaya bien',
      'buen fin de semana',
      'un saludo',
      'adios',
      'hasta luego',
      'chao',
      'nada mas',
      'eso es todo',
    ],
  ],
  [
    'bye',
    'fr',
    [
      'bonne nuit',
      'a demain',
      'a tout a l heure',
      'bon week end',
      'prenez soin de vous',
      'je file',
      'au plaisir',
      'tchao',
      'je me deconnecte',
      'au revoir',
      'a bientot',
      'bonne journee',
      'bonne soiree',
      "c'est tout",
      'ce sera tout',
    ],
  ],
  [
    'bye',
    'de',
    [
      'gute nacht',
      'bis spater',
      'bis morgen',
      'man sieht sich',
      'ich bin dann mal weg',
      'schones wochenende',
      'mach es gut',
      'machs gut',
      'tschuss',
      'auf wiedersehen',
      'bis bald',
      'schonen tag',
      'das wars',
      "das war's",
      'das war alles',
    ],
  ],
  [
    'bye',
    'pt',
    [
      'boa noite',
      'ate amanha',
      'ate mais',
      'fui',
      'se cuida',
      'bom fim de semana',
      'tchau',
      'ate logo',
      'adeus',
      'e so isso',
      'era so isso',
    ],
  ],
  [
    'bye',
    'it',
    [
      'buonanotte',
      'a domani',
      'ci vediamo',
      'buona serata',
      'buona giornata',
      'buon fine settimana',
      'arrivederci',
      'a presto',
      'e tutto',
      'nientaltro',
    ],
  ],
  ['bye', 'nl', ['tot morgen', 'tot later', 'doeg', 'fijn weekend', 'fijne dag', 'welterusten', 'doei', 'tot ziens', 'dat was het']],
  // Dropping the question: "anything else?" rather than the same answer again.
  [
    'ack',
    'en',
    [
      'never mind',
      'nevermind',
      'nvm',
      'forget it',
      'forget about it',
      "don't know",
      'dont know',
      'doesnt matter',
      "doesn't matter",
      'it doesnt matter',
      "it doesn't matter",
    ],
  ],
  ['ack', 'es', ['olvidalo', 'no importa', 'da igual', 'no se']],
  ['ack', 'fr', ['laisse tomber', 'laissez tomber', 'peu importe', 'je sais pas', 'je ne sais pas']],
  ['ack', 'de', ['vergiss es', 'egal', 'schon gut', 'weiss nicht', 'ich weiss nicht']],
  ['ack', 'pt', ['esquece', 'deixa pra la', 'nao importa', 'nao sei']],
  ['ack', 'it', ['lascia perdere', 'non importa', 'non lo so', 'non so']],
  ['ack', 'nl', ['laat maar', 'maakt niet uit', 'weet ik niet', 'geen idee']],
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
      'make sense',
      'that makes sense',
      'will do',
      'np',
      'no problem',
      // Words of several languages ("si": es, it; "ja": de, nl): the conversation decides the reply's.
      'si',
      'ja',
      'non',
      'certo',
      'va bene',
      'prima',
    ],
  ],
  // Agreement, acceptance and not knowing: replies to what was said, not questions. Spellings
  // seen in chat ("aight", "gotcha", "agred": "agreeed" once squashed) are listed as words.
  [
    'ack',
    'en',
    [
      'okk',
      'oky',
      'okey dokey',
      'okie dokie',
      'alrighty',
      'aight',
      'alrite',
      'allright',
      'gotcha',
      'got ya',
      'gotit',
      'sure thing',
      'agreed',
      'agree',
      'i agree',
      'agred',
      'accepted',
      'confirmed',
      'fair enough',
      'exactly',
      'indeed',
      'precisely',
      'absolutely',
      'definitely',
      'most definitely',
      'certainly',
      'totally',
      'of course',
      'true',
      'so true',
      'very true',
      'correct',
      'maybe',
      'perhaps',
      'i guess',
      'i suppose',
      'idk',
      'dunno',
      'i dunno',
      'no idea',
      'no clue',
      'not sure',
      "i'm not sure",
      'im not sure',
      "i don't know",
      'i dont know',
      'i do not know',
      'who knows',
      'not really',
      'definitely not',
      'certainly not',
      'absolutely not',
      'of course not',
    ],
  ],
  ['ack', 'es', ['vale', 'de acuerdo', 'entendido', 'claro', 'exacto', 'cierto', 'es verdad', 'verdad', 'no se', 'ni idea']],
  [
    'ack',
    'fr',
    [
      'oui',
      'daccord',
      "d'accord",
      'compris',
      'entendu',
      'bien sur',
      'exactement',
      "c'est vrai",
      'vrai',
      'je sais pas',
      'je ne sais pas',
      'aucune idee',
    ],
  ],
  [
    'ack',
    'de',
    [
      'gut',
      'nein',
      'alles klar',
      'klar',
      'verstanden',
      'genau',
      'stimmt',
      'das stimmt',
      'richtig',
      'keine ahnung',
      'weiss nicht',
      'weiß nicht',
      'weiss ich nicht',
      'weiß ich nicht',
    ],
  ],
  ['ack', 'pt', ['sim', 'nao', 'entendi', 'beleza', 'exato', 'verdade', 'nao sei', 'sei la']],
  ['ack', 'it', ['capito', "d'accordo", 'daccordo', 'esatto', 'vero', 'non lo so', 'non so', 'boh']],
  ['ack', 'nl', ['goed', 'nee', 'oke', 'begrepen', 'klopt', 'precies', 'akkoord', 'geen idee', 'weet ik niet', 'weet niet']],
  // The answer was wrong or useless. Whole messages only: "that's wrong, I asked about X" says
  // more, and repeated-failure.ts reads it as a sentence.
  [
    'disagree',
    'en',
    [
      ...VERDICTS_AGAINST,
      'wrong answer',
      'invalid',
      'nonsense',
      'unhelpful',
      "didn't help",
      'didnt help',
      'did not help',
      "doesn't help",
      'doesnt help',
      'does not help',
      'not what i meant',
    ],
  ],
  ['disagree', 'es', ['falso', 'incorrecto', 'no es verdad', 'no es cierto', 'esta mal', 'eso esta mal', 'no me sirve', 'no sirve']],
  ['disagree', 'fr', ['faux', "c'est faux", 'pas vrai', "c'est pas vrai", "ce n'est pas vrai", 'inexact', "ca ne m'aide pas"]],
  [
    'disagree',
    'de',
    ['falsch', 'das ist falsch', 'stimmt nicht', 'das stimmt nicht', 'nicht richtig', 'unsinn', 'hilft nicht', 'das hilft nicht'],
  ],
  ['disagree', 'pt', ['errado', 'esta errado', 'incorreto', 'nao e verdade', 'nao ajudou']],
  ['disagree', 'it', ['sbagliato', 'e sbagliato', 'non e vero', 'non mi aiuta', 'inutile']],
  ['disagree', 'nl', ['fout', 'klopt niet', 'dat klopt niet', 'niet waar', 'onjuist', 'helpt niet']],
];

/**
 * "That's (definitely) true", "you're right", "it is not correct", "that didn't help": a frame
 * pointing at the last reply, an optional intensifier, then a verdict on it, as whole phrases
 * (the frames alone say nothing, so they are no filler).
 */
const VERDICT_FRAMES = ["that's", 'thats', 'that is', "it's", 'its', 'it is', 'this is', "you're", 'youre', 'you are'];
const INTENSIFIERS = ['', 'definitely ', 'totally ', 'absolutely ', 'so ', 'very ', 'completely ', 'just ', 'really ', 'simply '];
const VERDICTS: [SocialKind, string[]][] = [
  ['ack', ['true', 'right', 'correct', 'fine', 'ok', 'okay', 'fair', 'good']],
  ['disagree', VERDICTS_AGAINST],
];
for (const [kind, verdicts] of VERDICTS)
  LEXICON.push([kind, 'en', VERDICT_FRAMES.flatMap((f) => INTENSIFIERS.flatMap((i) => verdicts.map((v) => `${f} ${i}${v}`)))]);
LEXICON.push([
  'disagree',
  'en',
  ['that', 'it', 'this', 'you'].flatMap((f) =>
    ["didn't help", 'didnt help', 'did not help', "doesn't help", 'doesnt help', 'does not help', "don't help", 'dont help'].map(
      (v) => `${f} ${v}`,
    ),
  ),
]);

/**
 * "What can you do?": what the bot is for, asked in so many words. Answered with what the
 * knowledge covers (before, the question read as one the knowledge did not answer and was handed off).
 */
const CAPABILITIES: Record<string, string[]> = {
  en: [
    'what can you do',
    'what can you do for me',
    'what can you help with',
    'what can you help me with',
    'what can you help me with today',
    'what do you do',
    'what are you able to do',
    'what are you for',
    'what is this chat for',
    'what can this bot do',
    'what can the bot do',
    'what can i ask',
    'what can i ask you',
    'what can i ask you about',
    'what questions can you answer',
    'what kind of questions can you answer',
    'what topics can you help with',
    'how can you help',
    'how can you help me',
    'what do you know about',
    'what do you know',
  ],
  es: [
    'que puedes hacer',
    'que puede hacer',
    'en que me puedes ayudar',
    'en que puedes ayudarme',
    'en que me puede ayudar',
    'para que sirves',
    'que sabes hacer',
  ],
  fr: [
    'que peux tu faire',
    'que pouvez vous faire',
    "qu'est ce que tu peux faire",
    "qu'est ce que vous pouvez faire",
    'tu sers a quoi',
    'a quoi sers tu',
    "comment pouvez vous m'aider",
    "comment peux tu m'aider",
  ],
  de: [
    'was kannst du',
    'was kannst du tun',
    'was konnen sie',
    'was konnen sie tun',
    'wobei kannst du helfen',
    'wobei konnen sie helfen',
    'womit kannst du helfen',
  ],
  pt: ['o que voce pode fazer', 'o que voce faz', 'em que pode me ajudar', 'em que voce pode me ajudar', 'como voce pode me ajudar'],
  it: ['cosa puoi fare', 'che cosa puoi fare', 'cosa sai fare', 'in cosa puoi aiutarmi', 'come puoi aiutarmi'],
  nl: ['wat kun je', 'wat kun je doen', 'wat kunt u doen', 'waarmee kun je helpen', 'waarmee kunt u helpen', 'waarmee kunt u mij helpen'],
};
for (const [language, list] of Object.entries(CAPABILITIES)) LEXICON.push(['capabilities', language, list]);

/**
 * "Are you a bot?": a way of asking in each language, then what the bot might be. Every pairing
 * is a phrase, so "am i talking to a real person" is this question, not a request for a person
 * ("can i talk to a real person" is one: it starts with no frame here).
 */
const IDENTITY: Record<string, { frames: string[]; what: string[]; whole?: string[] }> = {
  en: {
    frames: [
      'are you',
      'r u',
      'are u',
      'am i talking to',
      'am i talking with',
      'am i chatting with',
      'am i chatting to',
      'am i speaking to',
      'am i speaking with',
      'am i writing to',
      'is this',
      'is it',
      'im talking to',
      'i am talking to',
    ],
    what: [
      'a bot',
      'bot',
      'a robot',
      'robot',
      'an ai',
      'ai',
      'a chatbot',
      'chatbot',
      'a machine',
      'a computer',
      'automated',
      'a human',
      'human',
      'a real person',
      'a person',
      'a real human',
      'a human being',
      'a live person',
      'a real live person',
      'a virtual assistant',
      'a human or a bot',
      'a bot or a human',
      'human or bot',
      'bot or human',
      'a person or a bot',
      'a human or a robot',
      'a human or ai',
      'a real person or a bot',
    ],
    whole: [
      'are you real',
      'who am i talking to',
      'who am i talking with',
      'who am i chatting with',
      'who am i speaking to',
      'who is this',
      'what are you',
      'bot or human',
      'human or bot',
      'is this chat automated',
      'is this a live chat',
      'is anyone real here',
      // Asking the bot's name or maker is asking what it is.
      'who are you',
      'who r u',
      'what is your name',
      "what's your name",
      'whats your name',
      'do you have a name',
      'who made you',
      'who built you',
      'who created you',
    ],
  },
  es: {
    frames: ['eres', 'eres tu', 'usted es', 'es usted', 'estoy hablando con', 'hablo con', 'esto es'],
    what: [
      'un bot',
      'bot',
      'un robot',
      'robot',
      'una ia',
      'una maquina',
      'humano',
      'un humano',
      'una persona',
      'una persona real',
      'un ser humano',
      'un bot o una persona',
      'una persona o un bot',
    ],
    whole: ['con quien hablo', 'con quien estoy hablando', 'eres real'],
  },
  fr: {
    frames: ['es tu', 'tu es', 'etes vous', 'vous etes', 'je parle a', 'je parle avec', 'est ce', "c'est"],
    what: [
      'un bot',
      'bot',
      'un robot',
      'robot',
      'une ia',
      'une machine',
      'humain',
      'un humain',
      'une personne',
      'une vraie personne',
      'un etre humain',
      'un robot ou un humain',
      'un humain ou un robot',
    ],
    whole: ['a qui je parle', 'qui etes vous', 'qui es tu'],
  },
  de: {
    frames: ['bist du', 'sind sie', 'rede ich mit', 'spreche ich mit', 'schreibe ich mit', 'chatte ich mit', 'ist das'],
    what: [
      'ein bot',
      'bot',
      'ein roboter',
      'roboter',
      'eine ki',
      'ki',
      'eine maschine',
      'ein mensch',
      'mensch',
      'eine echte person',
      'eine person',
      'einem bot',
      'einem roboter',
      'einer ki',
      'einer maschine',
      'einem menschen',
      'einer echten person',
      'einer person',
      'ein bot oder ein mensch',
      'ein mensch oder ein bot',
    ],
    whole: ['mit wem spreche ich', 'mit wem rede ich', 'wer bist du', 'wer sind sie'],
  },
  it: {
    frames: ['sei', 'sei tu', 'lei e', 'sto parlando con', 'sto scrivendo a', 'parlo con', 'e'],
    what: [
      'un bot',
      'bot',
      'un robot',
      'robot',
      'una ia',
      'una macchina',
      'umano',
      'un umano',
      'una persona',
      'una persona vera',
      'una persona reale',
      'un essere umano',
      'un bot o una persona',
      'una persona o un bot',
    ],
    whole: ['con chi sto parlando', 'con chi parlo', 'chi sei'],
  },
  pt: {
    frames: ['voce e', 'e', 'es', 'estou falando com', 'estou a falar com', 'falo com', 'isto e'],
    what: [
      'um bot',
      'bot',
      'um robo',
      'robo',
      'uma ia',
      'uma maquina',
      'humano',
      'um humano',
      'uma pessoa',
      'uma pessoa real',
      'um ser humano',
      'um bot ou uma pessoa',
      'uma pessoa ou um bot',
    ],
    whole: ['com quem estou falando', 'com quem falo', 'quem e voce'],
  },
  nl: {
    frames: ['ben je', 'ben jij', 'bent u', 'praat ik met', 'spreek ik met', 'chat ik met', 'is dit'],
    what: [
      'een bot',
      'bot',
      'een robot',
      'robot',
      'een ai',
      'een machine',
      'een mens',
      'mens',
      'een echt persoon',
      'een echte persoon',
      'een persoon',
      'een bot of een mens',
      'een mens of een bot',
    ],
    whole: ['met wie praat ik', 'met wie spreek ik', 'wie ben jij', 'wie bent u'],
  },
};
for (const [language, { frames, what, whole = [] }] of Object.entries(IDENTITY))
  LEXICON.push(['identity', language, [...frames.flatMap((f) => what.map((w) => `${f} ${w}`)), ...whole]]);

const PHRASES = new Map<string, { kind: SocialKind; language: string }>();
// A phrase of two languages ("como esta": Spanish and Portuguese) is evidence of neither.
for (const [kind, language, list] of LEXICON)
  for (const p of list) {
    const seen = PHRASES.get(p);
    if (!seen) PHRASES.set(p, { kind, language });
    else if (seen.language !== language) seen.language = '';
  }
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
  'folks',
  // The bot addressed by what it is ("good morning, ai", "hola asistente", "danke KI").
  'bot',
  'chatbot',
  'robot',
  'ai',
  'ia',
  'ki',
  'assistant',
  'asistente',
  'assistente',
  'assistent',
  'support',
  // Words for the person addressed ("cheers mate", "thanks man", "bye buddy").
  'mate',
  'man',
  'buddy',
  'dude',
  'pal',
  'bro',
  'friend',
  'then',
  'too',
  'also',
  'as',
  'y',
  'et',
  'und',
  'e',
  'en',
]);
/**
 * Words that name no need, allowed beside a greeting, thanks or a goodbye: thanks and goodbyes
 * combine ("thanks for helping me", "you've been a big help", "it was lovely to speak with you,
 * bye"), and a phrase list cannot hold every combination. Any other word ("thanks, where is my
 * refund", "hi, my card is blocked", a "not") leaves the message a question.
 */
const COURTESY = new Set(
  [
    "i i'm im i've ive you you've youve you're youre your ya u me my we us our",
    "it it's its this that was is are am be been have has had did do",
    'a the for to with of very much really truly sincere sincerely lot lots now always just such so super again all',
    'help helping helped helpful assist assistance time chat chatting talk talking speaking speak conversation',
    'today tonight day evening night morning weekend bed fun nice lovely great good big huge kind quick fast',
    'reply response info everything patience glad happy doing going see around soon special customer service regards',
    // What was fixed, and how the customer is ("that sorted it, cheers", "it works now, thank you").
    'sorted fixed solved works worked getting back responding quickly taking well hope lol haha rn',
    // The same in the six other languages the phrases are in ("gracias por la ayuda", "merci pour votre patience").
    'por la el tu su ayuda respuesta rapida paciencia todo muy mucho muchas atencion ya esta solucionado',
    'pour le votre ton aide reponse rapide tout tres vous et encore',
    'fur die ihre deine hilfe antwort schnelle geduld alles sehr nochmal echt',
    'pela pelo sua ajuda resposta tudo muito mesmo atendimento resolvido',
    'per il tua aiuto risposta veloce pazienza tutto molto ancora assistenza risolto',
    'voor de het je uw hulp antwoord snelle heel erg nogmaals hoor opgelost',
  ].flatMap((group) => group.split(' ')),
);
/** The kinds beside which courtesy words may stand. */
const COURTEOUS: ReadonlySet<SocialKind> = new Set(['greeting', 'thanks', 'bye']);

/**
 * Priority when a message mixes kinds: a disagreement ("ok, that's wrong" is no acknowledgement),
 * a question about the bot, then goodbyes and thanks say more than "ok". A goodbye outranks thanks:
 * "thx bye" is someone leaving, and "anything else I can help with?" would hold them back.
 */
const RANK: Record<SocialKind, number> = { disagree: 6, identity: 5, capabilities: 4, bye: 3, thanks: 2, greeting: 1, ack: 0 };

/** Emoji that say a word of small talk on their own ("👋" is a wave hello). */
const EMOJI_WORDS: [RegExp, string][] = [
  [/\u{1F44B}|\u{1F64B}/gu, ' hi '],
  [/\u{1F64F}/gu, ' thanks '],
  [/\u{1F44D}|\u{1F44C}/gu, ' ok '],
];
const withEmojiWords = (text: string): string => EMOJI_WORDS.reduce((t, [emoji, word]) => t.replace(emoji, word), text);

/** "hiii" -> "hi", "thxxx" -> "thx", "okkk" -> "ok": a letter repeated three times or more. */
const squash = (w: string) => w.replace(/(\p{L})\1{2,}/gu, '$1');

/** One-word phrases of small talk, the forms a misspelt word is read back to. */
const SOCIAL_WORDS = [...PHRASES.keys()].filter((p) => !p.includes(' '));
const undoubled = (w: string) => w.replace(/(\p{L})\1+/gu, '$1');
const SOCIAL_UNDOUBLED = new Map(SOCIAL_WORDS.map((w) => [undoubled(w), w]));

/** At most one letter added, dropped, changed or two swapped ("thansk", "thak", "goodby"). */
function oneEditApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1 || a === b) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const [x, y] = [a.slice(i), b.slice(i)];
  return x.slice(1) === y.slice(1) || x.slice(1) === y || x === y.slice(1) || (x[0] === y[1] && x[1] === y[0] && x.slice(2) === y.slice(2));
}

/**
 * Words of small talk read with one slip from this length: shorter ones are a slip away from
 * ordinary words ("might" is not "night", "great" is a word of its own).
 */
const SLIP_LETTERS = 6;

/**
 * A word of small talk as it was meant: letters doubled ("heyy", "byee", "bbye") or one slip in a
 * word of six letters or more ("thansk", "thnks", "goodby"). Words the list or the courtesy words
 * hold stay as they are.
 */
function meantWord(w: string): string {
  if (PHRASES.has(w) || FILLER.has(w) || COURTESY.has(w)) return w;
  const single = SOCIAL_UNDOUBLED.get(undoubled(w));
  if (single) return single;
  if (w.length < SLIP_LETTERS - 1) return w;
  return SOCIAL_WORDS.find((s) => s.length >= SLIP_LETTERS && oneEditApart(w, s)) ?? w;
}

/**
 * The social kind of a message made only of social phrases (and filler), else null.
 * Expects normalised text (lower case, no accents).
 */
export function detectSocial(normalized: string): SocialHit | null {
  const typed = words(withEmojiWords(normalized)).map(squash);
  if (typed.length === 0 || typed.length > 12) return null;
  const toks = typed.map(meantWord);
  const { best, kinds, languages, rest } = scan(toks);
  const courteous = [...kinds].every((k) => COURTEOUS.has(k));
  if (!best || !rest.every((w) => FILLER.has(w) || (courteous && COURTESY.has(w)))) return null;
  const language = languages.size === 1 ? [...languages][0] : null;
  return rest.some((w) => !FILLER.has(w)) ? { kind: best.kind, language, courteous: true } : { kind: best.kind, language };
}

/**
 * The words of a normalised message besides its social phrases ("hi, I have a question, thanks":
 * i have a question), and the kinds of small talk found.
 */
export function besidesSmallTalk(normalized: string): { kinds: Set<SocialKind>; rest: string[] } {
  const { kinds, rest } = scan(words(withEmojiWords(normalized)).map(squash));
  return { kinds, rest };
}

const WORD_AT = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
/** Punctuation that closes a greeting or opens a sign-off ("hi, …", "… . thanks"). */
const BREAK = /^[\s]*[,.!?:;…—–-]/;

/**
 * The question in a message without the small talk at its edges: "hello there, where is my
 * order?" → "where is my order?", "can I pay by card? thanks!" → "can I pay by card?". Read with
 * the greeting, a short question took the greeting's words as evidence and lost its article.
 * A phrase is cut where punctuation closes it, or without punctuation when it is a greeting or
 * thanks (a sign-off at the end) in words the knowledge does not use (`knownWord`): "evening
 * delivery?" keeps its "evening" for a shop that delivers in the evening, "wrong size" its "wrong".
 * Words addressing the bot ("hi team, …") go with the greeting before a comma. The message is
 * returned whole when nothing but small talk is in it. Kinds the knowledge has articles for
 * (`answered`: a "goodbye" intent) are evidence and stay: "thank you for the chat, bye".
 */
export function withoutSmallTalk(text: string, knownWord: (w: string) => boolean, answered: ReadonlySet<SocialKind> = new Set()): string {
  const spans = [...text.matchAll(WORD_AT)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  const toks = spans.map((t) => squash(normalize(text.slice(t.start, t.end))));
  // Without punctuation, only words the knowledge never uses: "thank you card?" keeps its words.
  const bare = ({ hit, n }: Phrase, i: number, kinds: SocialKind[]) =>
    kinds.includes(hit.kind) && toks.slice(i, i + n).every((w) => !knownWord(w));
  let from = 0;
  let cut = 0;
  for (let i = 0; i < toks.length;) {
    const found = phraseFrom(toks, i, toks.length);
    const closed = BREAK.test(text.slice(spans[i + (found?.n ?? 1) - 1].end));
    if (found && !answered.has(found.hit.kind) && (closed || bare(found, i, ['greeting', 'thanks']))) {
      i += found.n;
      [from, cut] = [i, spans[i - 1].end];
    } else if (!found && FILLER.has(toks[i]) && from > 0) {
      i++;
      if (closed) [from, cut] = [i, spans[i - 1].end];
    } else break;
  }
  let to = toks.length;
  let end = text.length;
  for (let j = toks.length; j > from;) {
    const found = phraseTo(toks, j, from);
    const start = j - (found?.n ?? 0);
    const opened = BREAK.test(text.slice(spans[start - 1]?.end ?? 0, spans[start]?.start));
    const signOff = found && (found.hit.kind === 'thanks' || found.hit.kind === 'bye') && !answered.has(found.hit.kind);
    if (found && signOff && (opened || bare(found, start, ['thanks']))) [j, to, end] = [start, start, spans[start].start];
    else if (!found && FILLER.has(toks[j - 1])) j--;
    else break;
  }
  if (to <= from) return text;
  const rest = text
    .slice(cut, end)
    .replace(/^[\s,.!?:;…—–-]+/, '')
    .replace(/[\s,;:—–-]+$/, '');
  return rest || text;
}

/**
 * The kinds of small talk the knowledge has an article for: two or more of an article's example
 * questions are that small talk and nothing else (CLINC150's "greeting", "goodbye", "yes").
 */
export function smallTalkAnswered(examples: readonly (readonly string[])[]): Set<SocialKind> {
  const kinds = new Set<SocialKind>();
  for (const list of examples) {
    const count = new Map<SocialKind, number>();
    for (const e of list) {
      const kind = detectSocial(normalize(e))?.kind;
      if (kind) count.set(kind, (count.get(kind) ?? 0) + 1);
    }
    for (const [kind, n] of count) if (n >= 2) kinds.add(kind);
  }
  return kinds;
}

/** Social phrases (longest first), read left to right; every other word is left over. */
function scan(toks: string[]) {
  let best: { kind: SocialKind; language: string } | null = null;
  const kinds = new Set<SocialKind>();
  const languages = new Set<string>();
  const rest: string[] = [];
  let i = 0;
  while (i < toks.length) {
    const found = phraseFrom(toks, i, toks.length);
    if (found) {
      const { hit } = found;
      if (!best || RANK[hit.kind] > RANK[best.kind]) best = hit;
      kinds.add(hit.kind);
      if (hit.language) languages.add(hit.language);
      i += found.n;
    } else rest.push(toks[i++]);
  }
  return { best, kinds, languages, rest };
}

type Phrase = { hit: { kind: SocialKind; language: string }; n: number };

/** The longest social phrase of `toks` starting at `i` and ending by `to`. */
function phraseFrom(toks: readonly string[], i: number, to: number): Phrase | null {
  for (let n = Math.min(LONGEST, to - i); n >= 1; n--) {
    const hit = PHRASES.get(toks.slice(i, i + n).join(' '));
    if (hit) return { hit, n };
  }
  return null;
}

/** The longest social phrase of `toks` ending at `j` and starting at `from` or after. */
function phraseTo(toks: readonly string[], j: number, from: number): Phrase | null {
  for (let n = Math.min(LONGEST, j - from); n >= 1; n--) {
    const hit = PHRASES.get(toks.slice(j - n, j).join(' '));
    if (hit) return { hit, n };
  }
  return null;
}
