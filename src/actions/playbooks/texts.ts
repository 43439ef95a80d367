// The runner's own words (beside the workspace's: its questions and replies), in the languages
// the engine replies in. A German shop writes its playbooks' questions in German; what the runner
// adds (an acknowledgment, the offer of a person, "nothing changed") follows the conversation.
import { localized, type Texts } from '../../engine/text/localized.ts';

const TEXTS = {
  greeting: { en: 'Hi!', es: '¡Hola!', fr: 'Bonjour !', de: 'Hallo!', pt: 'Olá!', it: 'Ciao!', nl: 'Hallo!' },
  thanks: {
    en: "You're welcome!",
    es: '¡De nada!',
    fr: 'Avec plaisir !',
    de: 'Gern geschehen!',
    pt: 'De nada!',
    it: 'Prego!',
    nl: 'Graag gedaan!',
  },
  offerPerson: {
    en: "If you'd rather not, just say so and I'll bring in a person from our team.",
    es: 'Si prefiere no hacerlo, dígamelo y le paso con una persona de nuestro equipo.',
    fr: 'Si vous préférez ne pas le faire, dites-le-moi et je fais venir une personne de notre équipe.',
    de: 'Wenn Sie das lieber nicht möchten, sagen Sie es einfach, dann hole ich eine Person aus unserem Team dazu.',
    pt: 'Se preferir não o fazer, diga-me e chamo uma pessoa da nossa equipa.',
    it: 'Se preferisci di no, dimmelo e faccio intervenire una persona del nostro team.',
    nl: 'Liever niet? Zeg het gerust, dan haal ik iemand van ons team erbij.',
  },
  leftAsItIs: {
    en: "All right, I've left it as it is.",
    es: 'De acuerdo, lo he dejado como estaba.',
    fr: 'Très bien, je laisse les choses telles quelles.',
    de: 'In Ordnung, ich habe alles so gelassen, wie es war.',
    pt: 'Muito bem, deixei tudo como estava.',
    it: "Va bene, ho lasciato tutto com'era.",
    nl: 'Goed, ik heb het gelaten zoals het was.',
  },
  nothingChanged: {
    en: "All right, I haven't changed anything.",
    es: 'De acuerdo, no he cambiado nada.',
    fr: "Très bien, je n'ai rien modifié.",
    de: 'In Ordnung, ich habe nichts geändert.',
    pt: 'Muito bem, não alterei nada.',
    it: 'Va bene, non ho cambiato nulla.',
    nl: 'Goed, ik heb niets gewijzigd.',
  },
  needYesOrNo: {
    en: 'Before I go ahead I need a clear yes or no.',
    es: 'Antes de continuar necesito un sí o un no claro.',
    fr: "Avant de continuer, j'ai besoin d'un oui ou d'un non clair.",
    de: 'Bevor ich weitermache, brauche ich ein klares Ja oder Nein.',
    pt: 'Antes de avançar, preciso de um sim ou de um não claro.',
    it: 'Prima di procedere ho bisogno di un sì o di un no chiaro.',
    nl: 'Voordat ik verderga, heb ik een duidelijk ja of nee nodig.',
  },
  optionUnavailable: {
    en: "That exact option isn't available.",
    es: 'Esa opción exacta no está disponible.',
    fr: "Cette option précise n'est pas disponible.",
    de: 'Genau diese Option ist nicht verfügbar.',
    pt: 'Essa opção exata não está disponível.',
    it: 'Questa opzione esatta non è disponibile.',
    nl: 'Precies die optie is niet beschikbaar.',
  },
  notHere: {
    en: 'That is not something I can do here.',
    es: 'Eso no es algo que pueda hacer aquí.',
    fr: "Ce n'est pas quelque chose que je peux faire ici.",
    de: 'Das kann ich hier leider nicht erledigen.',
    pt: 'Isso não é algo que eu possa fazer aqui.',
    it: 'Non è qualcosa che posso fare qui.',
    nl: 'Dat kan ik hier niet doen.',
  },
  otherAccount: {
    en: "I'm sorry, I can only help with your own account and orders. If the order is someone else's, they'll need to contact us themselves.",
    es: 'Lo siento, solo puedo ayudarle con su propia cuenta y sus pedidos. Si el pedido es de otra persona, tendrá que contactarnos ella misma.',
    fr: "Désolé, je ne peux vous aider qu'avec votre propre compte et vos commandes. Si la commande est celle de quelqu'un d'autre, cette personne doit nous contacter elle-même.",
    de: 'Es tut mir leid, ich kann nur bei Ihrem eigenen Konto und Ihren Bestellungen helfen. Gehört die Bestellung jemand anderem, muss diese Person uns selbst kontaktieren.',
    pt: 'Lamento, só posso ajudar com a sua própria conta e as suas encomendas. Se a encomenda for de outra pessoa, essa pessoa terá de nos contactar.',
    it: "Mi dispiace, posso aiutarti solo con il tuo account e i tuoi ordini. Se l'ordine è di un'altra persona, dovrà contattarci lei stessa.",
    nl: 'Sorry, ik kan alleen helpen met uw eigen account en bestellingen. Is de bestelling van iemand anders, dan moet die persoon zelf contact met ons opnemen.',
  },
  /** {message}: the company's API's own words for what is wrong. */
  notFound: {
    en: "I couldn't look that up: {message}. Could you check it?",
    es: 'No he podido encontrarlo: {message}. ¿Podría comprobarlo?',
    fr: "Je n'ai pas pu le trouver : {message}. Pourriez-vous vérifier ?",
    de: 'Das konnte ich nicht finden: {message}. Könnten Sie das bitte prüfen?',
    pt: 'Não consegui encontrar isso: {message}. Pode verificar?',
    it: 'Non sono riuscito a trovarlo: {message}. Puoi controllare?',
    nl: 'Dat kon ik niet vinden: {message}. Kunt u het controleren?',
  },
  notChanged: {
    en: "I couldn't make that change: {message}.",
    es: 'No he podido hacer ese cambio: {message}.',
    fr: "Je n'ai pas pu faire ce changement : {message}.",
    de: 'Diese Änderung konnte ich nicht vornehmen: {message}.',
    pt: 'Não consegui fazer essa alteração: {message}.',
    it: 'Non sono riuscito a fare questa modifica: {message}.',
    nl: 'Die wijziging kon ik niet doorvoeren: {message}.',
  },
} satisfies Record<string, Texts>;

export type RunnerText = keyof typeof TEXTS;

/** The runner's words for `key` in `language` (English where there are none), `{message}` filled. */
export function runnerText(key: RunnerText, language: string | null | undefined, message = ''): string {
  return localized(TEXTS[key], language).replace('{message}', message);
}

/** The offer of a person a bot line ends with, in whichever language, if it does. */
const offerAtEnd = (line: string): string | undefined => Object.values(TEXTS.offerPerson).find((t) => line.endsWith(t));

/** Whether a bot line ends with the offer of a person, in any language. */
export const endsWithOfferOfPerson = (line: string): boolean => offerAtEnd(line) !== undefined;

/** A bot line without the offer of a person at its end. */
export function withoutOfferOfPerson(line: string): string {
  const offer = offerAtEnd(line);
  return offer ? line.slice(0, -offer.length).trimEnd() : line;
}
