// Fixed replies that quote no article: small talk, "what do you need?" after a message that
// was not a question, and the words a customer at risk of self-harm reads beside the handoff.
// In the customer's language where we have it, else English.
import type { SocialKind } from '../understand/social.ts';
import { localized, type Texts } from '../text/localized.ts';

const SOCIAL: Record<SocialKind, Texts> = {
  greeting: {
    en: 'Hi! What can I help you with?',
    es: '¡Hola! ¿En qué puedo ayudarle?',
    fr: 'Bonjour ! Comment puis-je vous aider ?',
    de: 'Hallo! Wie kann ich Ihnen helfen?',
    pt: 'Olá! Em que posso ajudar?',
    it: 'Ciao! Come posso aiutarti?',
    nl: 'Hallo! Waarmee kan ik u helpen?',
  },
  thanks: {
    en: "You're welcome! Is there anything else I can help with?",
    es: '¡De nada! ¿Puedo ayudarle con algo más?',
    fr: 'Avec plaisir ! Puis-je vous aider pour autre chose ?',
    de: 'Gern geschehen! Kann ich sonst noch helfen?',
    pt: 'De nada! Posso ajudar com mais alguma coisa?',
    it: 'Prego! Posso aiutarti con qualcos’altro?',
    nl: 'Graag gedaan! Kan ik nog ergens mee helpen?',
  },
  bye: {
    en: 'Goodbye, and thanks for getting in touch!',
    es: '¡Hasta luego, y gracias por escribirnos!',
    fr: 'Au revoir, et merci de nous avoir écrit !',
    de: 'Auf Wiedersehen, und danke für Ihre Nachricht!',
    pt: 'Até logo, e obrigado pelo contacto!',
    it: 'Arrivederci, e grazie per averci scritto!',
    nl: 'Tot ziens, en bedankt voor uw bericht!',
  },
  identity: {
    en: "I'm a virtual assistant, not a person: I answer from our help center. If you'd like someone from our team, just ask and I'll bring them in.",
    es: 'Soy un asistente virtual, no una persona: respondo con la información de nuestro centro de ayuda. Si prefiere hablar con alguien de nuestro equipo, pídamelo y le paso con esa persona.',
    fr: "Je suis un assistant virtuel, pas une personne : je réponds à partir de notre centre d'aide. Si vous préférez quelqu'un de notre équipe, demandez-le et je le fais venir.",
    de: 'Ich bin ein virtueller Assistent, kein Mensch: Ich antworte aus unserem Hilfe-Center. Wenn Sie lieber mit jemandem aus unserem Team sprechen möchten, sagen Sie es einfach.',
    pt: 'Sou um assistente virtual, não uma pessoa: respondo com base na nossa central de ajuda. Se preferir alguém da nossa equipa, é só pedir.',
    it: 'Sono un assistente virtuale, non una persona: rispondo in base al nostro centro assistenza. Se preferisci qualcuno del nostro team, chiedimelo e te lo passo.',
    nl: 'Ik ben een virtuele assistent, geen mens: ik antwoord vanuit ons helpcentrum. Wilt u liever iemand van ons team, vraag het gerust.',
  },
  // Followed by a few topics the knowledge covers (`socialReply`).
  capabilities: {
    en: "I'm the virtual assistant here: I answer from our help center, and I bring in a person from our team whenever you ask.",
    es: 'Soy el asistente virtual: respondo con la información de nuestro centro de ayuda y le paso con una persona de nuestro equipo cuando lo pida.',
    fr: "Je suis l'assistant virtuel : je réponds à partir de notre centre d'aide, et je fais venir une personne de notre équipe dès que vous le demandez.",
    de: 'Ich bin der virtuelle Assistent: Ich antworte aus unserem Hilfe-Center und hole jemanden aus unserem Team dazu, sobald Sie es möchten.',
    pt: 'Sou o assistente virtual: respondo com base na nossa central de ajuda e chamo uma pessoa da nossa equipa sempre que pedir.',
    it: "Sono l'assistente virtuale: rispondo in base al nostro centro assistenza e ti passo una persona del nostro team quando vuoi.",
    nl: 'Ik ben de virtuele assistent: ik antwoord vanuit ons helpcentrum en haal iemand van ons team erbij zodra u dat vraagt.',
  },
  ack: {
    en: 'Is there anything else I can help with?',
    es: '¿Puedo ayudarle con algo más?',
    fr: 'Puis-je vous aider pour autre chose ?',
    de: 'Kann ich sonst noch helfen?',
    pt: 'Posso ajudar com mais alguma coisa?',
    it: 'Posso aiutarti con qualcos’altro?',
    nl: 'Kan ik nog ergens mee helpen?',
  },
  // Only when no bot answer came just before: after one, a disagreement hands off (repeated failure).
  disagree: {
    en: 'Sorry about that. Could you tell me in a few words what you need, so I can look again?',
    es: 'Lo siento. ¿Puede decirme en pocas palabras qué necesita, para buscarlo de nuevo?',
    fr: 'Désolé. Pouvez-vous me dire en quelques mots ce dont vous avez besoin, pour que je cherche à nouveau ?',
    de: 'Das tut mir leid. Können Sie in ein paar Worten sagen, was Sie brauchen, damit ich noch einmal nachsehe?',
    pt: 'Desculpe. Pode dizer em poucas palavras do que precisa, para eu procurar de novo?',
    it: 'Mi dispiace. Puoi dirmi in poche parole di cosa hai bisogno, così cerco di nuovo?',
    nl: 'Sorry daarvoor. Kunt u in een paar woorden zeggen wat u nodig hebt, zodat ik opnieuw kan zoeken?',
  },
};

const REPHRASE: Texts = {
  en: "Sorry, I didn't understand that. Could you tell me in a few words what you need help with?",
  es: 'Perdone, no lo he entendido. ¿Puede decirme en pocas palabras en qué necesita ayuda?',
  fr: "Désolé, je n'ai pas compris. Pouvez-vous me dire en quelques mots ce dont vous avez besoin ?",
  de: 'Entschuldigung, das habe ich nicht verstanden. Können Sie in ein paar Worten sagen, wobei Sie Hilfe brauchen?',
  pt: 'Desculpe, não entendi. Pode dizer em poucas palavras em que precisa de ajuda?',
  it: 'Scusa, non ho capito. Puoi dirmi in poche parole di cosa hai bisogno?',
  nl: 'Sorry, dat begreep ik niet. Kunt u in een paar woorden zeggen waarmee ik kan helpen?',
};

/** To a question the knowledge never mentions: understood, but not this bot's business. */
const OFF_TOPIC: Texts = {
  en: "I'm afraid that's not something I can help with here. What do you need help with?",
  es: 'Me temo que en eso no puedo ayudarle aquí. ¿En qué necesita ayuda?',
  fr: 'Je crains de ne pas pouvoir vous aider sur ce point ici. De quoi avez-vous besoin ?',
  de: 'Dabei kann ich hier leider nicht helfen. Wobei brauchen Sie Hilfe?',
  pt: 'Receio que não possa ajudar com isso aqui. Em que precisa de ajuda?',
  it: 'Purtroppo qui non posso aiutarti su questo. Di cosa hai bisogno?',
  nl: 'Daar kan ik hier helaas niet mee helpen. Waarmee kan ik u helpen?',
};

const OFFER_PERSON: Texts = {
  en: "I'm sorry, I still can't tell what you need. Would you like me to bring in a person from our team? (yes / no)",
  es: 'Lo siento, sigo sin entender qué necesita. ¿Quiere que le pase con una persona de nuestro equipo? (sí / no)',
  fr: 'Désolé, je ne comprends toujours pas ce dont vous avez besoin. Voulez-vous que je fasse venir une personne de notre équipe ? (oui / non)',
  de: 'Entschuldigung, ich verstehe immer noch nicht, was Sie brauchen. Soll ich jemanden aus unserem Team dazuholen? (ja / nein)',
  pt: 'Desculpe, ainda não percebi do que precisa. Quer que chame uma pessoa da nossa equipa? (sim / não)',
  it: 'Scusa, non riesco ancora a capire di cosa hai bisogno. Vuoi che chiami una persona del nostro team? (sì / no)',
  nl: 'Sorry, ik begrijp nog steeds niet wat u nodig hebt. Zal ik iemand van ons team erbij halen? (ja / nee)',
};

/** To a need announced but not said ("I have a question about my order"): what is it? */
const DETAILS: Texts = {
  en: 'I can help with that. What happened, or what do you need? A sentence or two is enough.',
  es: 'Puedo ayudarle con eso. ¿Qué ha pasado o qué necesita? Con una o dos frases basta.',
  fr: "Je peux vous aider. Que s'est-il passé, ou de quoi avez-vous besoin ? Une ou deux phrases suffisent.",
  de: 'Dabei helfe ich gern. Was ist passiert, oder was brauchen Sie? Ein, zwei Sätze genügen.',
  pt: 'Posso ajudar com isso. O que aconteceu, ou de que precisa? Uma ou duas frases chegam.',
  it: 'Posso aiutarti. Cosa è successo, o di cosa hai bisogno? Bastano una o due frasi.',
  nl: 'Daar help ik graag mee. Wat is er gebeurd, of wat hebt u nodig? Een of twee zinnen is genoeg.',
};

export const detailsReply = (language: string): string => localized(DETAILS, language);

/** The second message the bot could not read: offer a person rather than guess again. */
export const offerPersonReply = (language: string): string => localized(OFFER_PERSON, language);

const TOPICS_INTRO: Texts = {
  en: 'I can help with questions such as',
  es: 'Puedo ayudar con temas como',
  fr: 'Je peux aider sur des sujets comme',
  de: 'Ich kann zum Beispiel helfen bei',
  pt: 'Posso ajudar com temas como',
  it: 'Posso aiutare su temi come',
  nl: 'Ik kan helpen met onderwerpen zoals',
};

/**
 * The default words for a customer at risk of self-harm, in the conversation's language (a
 * workspace sets its own, with the numbers of its country: policy.crisisMessage). They promise a
 * person, not one "right now": when nobody is on shift the next line says so. Each names the
 * local emergency number, one free national line for the language's largest country where one
 * is well established, and findahelpline.com, which lists lines by country: 988 (US Suicide &
 * Crisis Lifeline), 116 123 (Samaritans, UK and Ireland), 024 (Spain), 3114 (France),
 * TelefonSeelsorge 0800 111 0 111 (Germany), CVV 188 (Brazil), Telefono Amico 02 2327 2327
 * (Italy), 113 or 0800-0113 (Netherlands).
 */
const CRISIS: Texts = {
  en:
    "I'm so sorry you're going through this. You don't have to face it alone: I'm passing this conversation to a person from our team. " +
    'If you are in danger or thinking about ending your life, please call your local emergency number, or talk to a crisis line now: ' +
    'in the US call or text 988, in the UK and Ireland call Samaritans on 116 123, elsewhere find a free line at https://findahelpline.com.',
  es:
    'Siento mucho que esté pasando por esto. No tiene que afrontarlo solo: paso esta conversación a una persona de nuestro equipo. ' +
    'Si está en peligro o piensa en quitarse la vida, llame ahora a su número de emergencias local o hable con una línea de ayuda: ' +
    'en España llame al 024, en otros países encuentre una línea gratuita en https://findahelpline.com.',
  fr:
    "Je suis vraiment désolé que vous traversiez cela. Vous n'avez pas à y faire face seul : je transmets cette conversation à une personne de notre équipe. " +
    "Si vous êtes en danger ou si vous pensez à mettre fin à vos jours, appelez tout de suite le numéro d'urgence local ou parlez à une ligne d'écoute : " +
    'en France, appelez le 3114 (gratuit, 24\u00a0h/24), ailleurs trouvez une ligne gratuite sur https://findahelpline.com.',
  de:
    'Es tut mir sehr leid, dass Sie das durchmachen. Sie müssen da nicht allein durch: Ich gebe dieses Gespräch an eine Person aus unserem Team weiter. ' +
    'Wenn Sie in Gefahr sind oder daran denken, sich das Leben zu nehmen, rufen Sie bitte jetzt Ihre örtliche Notrufnummer an oder sprechen Sie mit einer Krisenhotline: ' +
    'in Deutschland die TelefonSeelsorge unter 0800 111 0 111 (kostenlos, rund um die Uhr), anderswo finden Sie eine kostenlose Nummer unter https://findahelpline.com.',
  pt:
    'Lamento muito que esteja a passar por isto. Não tem de enfrentar isto sozinho: estou a passar esta conversa a uma pessoa da nossa equipa. ' +
    'Se estiver em perigo ou a pensar pôr fim à vida, ligue já para o número de emergência local ou fale com uma linha de apoio: ' +
    'no Brasil ligue 188 (CVV), noutros países encontre uma linha gratuita em https://findahelpline.com.',
  it:
    'Mi dispiace molto che tu stia passando tutto questo. Non devi affrontarlo da solo: passo questa conversazione a una persona del nostro team. ' +
    'Se sei in pericolo o pensi di toglierti la vita, chiama subito il numero di emergenza locale o parla con una linea di ascolto: ' +
    'in Italia Telefono Amico allo 02 2327 2327, altrove trovi una linea gratuita su https://findahelpline.com.',
  nl:
    'Wat erg dat u dit doormaakt. U hoeft dit niet alleen te doen: ik geef dit gesprek door aan iemand van ons team. ' +
    'Bent u in gevaar of denkt u aan zelfdoding, bel dan nu uw lokale alarmnummer of praat met een hulplijn: ' +
    'in Nederland bel 113 of gratis 0800-0113, elders vindt u een gratis lijn op https://findahelpline.com.',
};

/** The default crisis words in English (`crisisReply` gives them in the conversation's language). */
export const DEFAULT_CRISIS_MESSAGE = CRISIS.en;

/** The default crisis words in `language` (English where there are none). */
export const crisisReply = (language: string): string => localized(CRISIS, language);

/**
 * The default words for a customer whose message reads as danger (abuse, threats, violence,
 * coercion): a person is being brought in, and if anyone is in danger now, the emergency number
 * (a workspace sets its own, with the numbers of its country: policy.dangerMessage).
 * Worded for both a customer at risk and a threat against others ("if anyone is in danger"), with
 * the numbers of the language's main countries (112 across the EU and on most mobile phones).
 */
const DANGER: Texts = {
  en:
    "I'm passing this conversation to a person from our team. If you or anyone else is in danger right now, please call your local emergency number: " +
    '911 in the US and Canada, 999 in the UK, 112 in the EU.',
  es:
    'Paso esta conversación a una persona de nuestro equipo. Si usted u otra persona está en peligro ahora mismo, llame al número de emergencias local: ' +
    '112 en España y la UE, 911 en México y gran parte de América.',
  fr:
    "Je transmets cette conversation à une personne de notre équipe. Si vous ou quelqu'un d'autre êtes en danger en ce moment, appelez le numéro d'urgence local : " +
    '17 (police) ou 112 en France et dans l’UE.',
  de:
    'Ich gebe dieses Gespräch an eine Person aus unserem Team weiter. Wenn Sie oder jemand anderes gerade in Gefahr sind, rufen Sie bitte den örtlichen Notruf an: ' +
    '110 (Polizei) oder 112 in Deutschland und der EU.',
  pt:
    'Estou a passar esta conversa a uma pessoa da nossa equipa. Se você ou outra pessoa estiver em perigo agora, ligue para o número de emergência local: ' +
    '112 em Portugal e na UE, 190 (polícia) no Brasil.',
  it:
    'Passo questa conversazione a una persona del nostro team. Se tu o qualcun altro siete in pericolo in questo momento, chiama il numero di emergenza locale: ' +
    '112 in Italia e nell’UE.',
  nl:
    'Ik geef dit gesprek door aan iemand van ons team. Bent u of iemand anders nu in gevaar, bel dan het lokale alarmnummer: ' +
    '112 in Nederland en de EU.',
};

/** The default danger words in `language` (English where there are none). */
export const dangerReply = (language: string): string => localized(DANGER, language);

/** The reply to small talk; to "what can you do?", followed by a few of the knowledge's topics. */
export function socialReply(kind: SocialKind, language: string, topics: string[] = []): string {
  const text = localized(SOCIAL[kind], language);
  return kind === 'capabilities' && topics.length > 0 ? `${text} ${topicsLine(language, topics)}` : text;
}

/** "I can help with questions such as “A”, “B”, “C”." */
const topicsLine = (language: string, topics: string[]): string =>
  `${localized(TOPICS_INTRO, language)} ${topics.map((t) => `“${t}”`).join(', ')}.`;

/**
 * Asks what the customer needs (`unclear`: the message was not understood; `off_topic`: it was,
 * but the knowledge never mentions it); names a few topics the knowledge covers when given.
 */
export function rephraseReply(language: string, topics: string[] = [], why: 'unclear' | 'off_topic' = 'unclear'): string {
  const ask = localized(why === 'off_topic' ? OFF_TOPIC : REPHRASE, language);
  if (topics.length === 0) return ask;
  return `${ask} ${topicsLine(language, topics)}`;
}

/**
 * The default words of each safety reply, by language: what admins read beside the policy
 * fields that replace them (policy.crisisMessage, policy.dangerMessage).
 */
export const safetyReplyDefaults = (): { crisisMessage: Texts; dangerMessage: Texts } => ({
  crisisMessage: { ...CRISIS },
  dangerMessage: { ...DANGER },
});
