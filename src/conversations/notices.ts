// What the customer reads from the system (not the bot, not an agent): who is coming, who
// joined, that nobody is in, in the conversation's language. The bot's own replies follow the
// language the engine decided (engine/compose/replies.ts); these lines must too, or a customer
// who wrote in French is told in English that nobody is there. The same seven languages as the
// bot's replies; any other falls back to English.

import { localized, type Texts } from '../engine/text/localized.ts';

const AWAY_OPEN: Texts = {
  en: 'Nobody from our team is available right now.',
  es: 'Ahora mismo no hay nadie de nuestro equipo disponible.',
  fr: "Personne de notre équipe n'est disponible pour le moment.",
  de: 'Gerade ist niemand aus unserem Team erreichbar.',
  pt: 'Neste momento não há ninguém da nossa equipa disponível.',
  it: 'Al momento nessuno del nostro team è disponibile.',
  nl: 'Er is op dit moment niemand van ons team beschikbaar.',
};

const AWAY_CLOSED: Texts = {
  en: 'Our team is away right now (outside our business hours).',
  es: 'Nuestro equipo no está disponible ahora (fuera de nuestro horario de atención).',
  fr: "Notre équipe est absente pour le moment (en dehors de nos horaires d'ouverture).",
  de: 'Unser Team ist gerade nicht da (außerhalb unserer Geschäftszeiten).',
  pt: 'A nossa equipa não está disponível agora (fora do nosso horário de atendimento).',
  it: 'Il nostro team non è disponibile ora (fuori dal nostro orario di servizio).',
  nl: 'Ons team is er nu niet (buiten onze openingstijden).',
};

const HAVE_EMAIL: Texts = {
  en: 'We will get back to you at the e-mail address we have for you; you can also add details here, this conversation stays open.',
  es: 'Le responderemos a la dirección de correo electrónico que tenemos; también puede añadir detalles aquí, esta conversación sigue abierta.',
  fr: "Nous vous répondrons à l'adresse e-mail que nous avons ; vous pouvez aussi ajouter des détails ici, cette conversation reste ouverte.",
  de: 'Wir melden uns unter der E-Mail-Adresse, die wir von Ihnen haben; Sie können hier auch Details ergänzen, dieses Gespräch bleibt offen.',
  pt: 'Responderemos para o endereço de e-mail que temos; também pode acrescentar detalhes aqui, esta conversa continua aberta.',
  it: "Ti risponderemo all'indirizzo e-mail che abbiamo; puoi anche aggiungere dettagli qui, questa conversazione resta aperta.",
  nl: 'We nemen contact met u op via het e-mailadres dat we van u hebben; u kunt hier ook details toevoegen, dit gesprek blijft open.',
};

const ASK_EMAIL: Texts = {
  en: 'Leave your e-mail address here and we will get back to you; this conversation stays open.',
  es: 'Deje aquí su dirección de correo electrónico y le responderemos; esta conversación sigue abierta.',
  fr: 'Laissez votre adresse e-mail ici et nous vous répondrons ; cette conversation reste ouverte.',
  de: 'Hinterlassen Sie hier Ihre E-Mail-Adresse, dann melden wir uns; dieses Gespräch bleibt offen.',
  pt: 'Deixe aqui o seu endereço de e-mail e responderemos; esta conversa continua aberta.',
  it: 'Lascia qui il tuo indirizzo e-mail e ti risponderemo; questa conversazione resta aperta.',
  nl: 'Laat hier uw e-mailadres achter, dan nemen we contact met u op; dit gesprek blijft open.',
};

const CONNECTING_TEAM: Texts = {
  en: 'Connecting you with the {team} team.',
  es: 'Le pasamos con el equipo {team}.',
  fr: "Nous vous mettons en relation avec l'équipe {team}.",
  de: 'Wir verbinden Sie mit dem Team {team}.',
  pt: 'Estamos a ligá-lo à equipa {team}.',
  it: 'Ti mettiamo in contatto con il team {team}.',
  nl: 'We verbinden u met het team {team}.',
};

const CONNECTING: Texts = {
  en: 'Connecting you with a person.',
  es: 'Le pasamos con una persona de nuestro equipo.',
  fr: 'Nous vous mettons en relation avec une personne de notre équipe.',
  de: 'Wir verbinden Sie mit einer Person aus unserem Team.',
  pt: 'Estamos a ligá-lo a uma pessoa da nossa equipa.',
  it: 'Ti mettiamo in contatto con una persona del nostro team.',
  nl: 'We verbinden u met iemand van ons team.',
};

const JOINED: Texts = {
  en: '{name} joined the conversation.',
  es: '{name} se ha unido a la conversación.',
  fr: '{name} a rejoint la conversation.',
  de: '{name} ist dem Gespräch beigetreten.',
  pt: '{name} entrou na conversa.',
  it: '{name} partecipa ora alla conversazione.',
  nl: '{name} neemt nu deel aan het gesprek.',
};

const BACK_WITH_BOT: Texts = {
  en: 'You are back with our assistant.',
  es: 'Vuelve a hablar con nuestro asistente.',
  fr: 'Vous êtes de nouveau avec notre assistant.',
  de: 'Sie sind wieder bei unserem Assistenten.',
  pt: 'Está de novo a falar com o nosso assistente.',
  it: 'Sei di nuovo con il nostro assistente.',
  nl: 'U bent weer bij onze assistent.',
};

const EMAIL_THANKS: Texts = {
  en: 'Thank you: we will reply to that e-mail address as soon as someone is back.',
  es: 'Gracias: responderemos a esa dirección de correo en cuanto alguien vuelva.',
  fr: "Merci : nous répondrons à cette adresse e-mail dès que quelqu'un sera de retour.",
  de: 'Danke: Wir antworten an diese E-Mail-Adresse, sobald jemand wieder da ist.',
  pt: 'Obrigado: responderemos para esse endereço de e-mail assim que alguém estiver de volta.',
  it: "Grazie: risponderemo a quell'indirizzo e-mail appena qualcuno sarà di nuovo disponibile.",
  nl: 'Dank u: we antwoorden op dat e-mailadres zodra er iemand terug is.',
};

/** The languages every notice is written in. */
export const NOTICE_LANGUAGES = Object.keys(AWAY_OPEN);

const say = (texts: Texts, language: string | null | undefined, values: Record<string, string> = {}) =>
  localized(texts, language).replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');

/** The line a handoff posts: a person is coming (from `team` when known), or nobody is in and how we will reply. */
export function handoffNotice(
  language: string | null | undefined,
  n: { onShift: boolean; teamName: string | null; openHours: boolean; customerEmail: string | null },
): string {
  if (n.onShift) return n.teamName ? say(CONNECTING_TEAM, language, { team: n.teamName }) : say(CONNECTING, language);
  const away = say(n.openHours ? AWAY_OPEN : AWAY_CLOSED, language);
  return `${away} ${say(n.customerEmail ? HAVE_EMAIL : ASK_EMAIL, language)}`;
}

export const joinedNotice = (language: string | null | undefined, name: string) => say(JOINED, language, { name });
export const backWithBotNotice = (language: string | null | undefined) => say(BACK_WITH_BOT, language);
export const emailThanksNotice = (language: string | null | undefined) => say(EMAIL_THANKS, language);
