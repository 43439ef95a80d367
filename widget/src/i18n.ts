// Interface strings of the widget, in the four languages it ships with. Keep keys in step.
export const STRINGS = {
  en: {
    open: 'Chat with us',
    close: 'Close chat',
    title: 'Support',
    subtitle: 'Ask us anything',
    placeholder: 'Type your message…',
    send: 'Send',
    talk: 'Talk to a person',
    talkBusy: 'Waiting for a person…',
    talkWith: 'You are talking with a person',
    you: 'You',
    bot: 'Assistant',
    agent: 'Support',
    source: 'Source',
    sources: 'Sources',
    rate: 'How did we do?',
    rateN: 'Rate {n} out of 5',
    thanks: 'Thank you for your feedback!',
    error: 'Something went wrong. Please try again.',
    offline: 'Reconnecting…',
    welcome: 'Hi! Ask a question and our assistant will answer from our help center. You can talk to a person at any time.',
    resolved: 'This conversation is resolved.',
  },
  es: {
    open: 'Chatea con nosotros',
    close: 'Cerrar el chat',
    title: 'Soporte',
    subtitle: 'Pregúntanos lo que quieras',
    placeholder: 'Escribe tu mensaje…',
    send: 'Enviar',
    talk: 'Hablar con una persona',
    talkBusy: 'Esperando a una persona…',
    talkWith: 'Estás hablando con una persona',
    you: 'Tú',
    bot: 'Asistente',
    agent: 'Soporte',
    source: 'Fuente',
    sources: 'Fuentes',
    rate: '¿Qué tal lo hicimos?',
    rateN: 'Valorar con {n} de 5',
    thanks: '¡Gracias por tu opinión!',
    error: 'Algo salió mal. Inténtalo de nuevo.',
    offline: 'Reconectando…',
    welcome:
      '¡Hola! Haz una pregunta y nuestro asistente responderá con nuestro centro de ayuda. Puedes hablar con una persona en cualquier momento.',
    resolved: 'Esta conversación está resuelta.',
  },
  fr: {
    open: 'Discuter avec nous',
    close: 'Fermer la discussion',
    title: 'Assistance',
    subtitle: 'Posez-nous vos questions',
    placeholder: 'Écrivez votre message…',
    send: 'Envoyer',
    talk: 'Parler à une personne',
    talkBusy: 'En attente d’une personne…',
    talkWith: 'Vous parlez avec une personne',
    you: 'Vous',
    bot: 'Assistant',
    agent: 'Assistance',
    source: 'Source',
    sources: 'Sources',
    rate: 'Comment avons-nous fait ?',
    rateN: 'Noter {n} sur 5',
    thanks: 'Merci pour votre avis !',
    error: 'Un problème est survenu. Veuillez réessayer.',
    offline: 'Reconnexion…',
    welcome:
      'Bonjour ! Posez une question, notre assistant répond à partir de notre centre d’aide. Vous pouvez parler à une personne à tout moment.',
    resolved: 'Cette conversation est résolue.',
  },
  de: {
    open: 'Chatten Sie mit uns',
    close: 'Chat schließen',
    title: 'Support',
    subtitle: 'Fragen Sie uns',
    placeholder: 'Nachricht eingeben…',
    send: 'Senden',
    talk: 'Mit einem Menschen sprechen',
    talkBusy: 'Warten auf einen Mitarbeiter…',
    talkWith: 'Sie sprechen mit einem Mitarbeiter',
    you: 'Sie',
    bot: 'Assistent',
    agent: 'Support',
    source: 'Quelle',
    sources: 'Quellen',
    rate: 'Wie zufrieden waren Sie?',
    rateN: 'Mit {n} von 5 bewerten',
    thanks: 'Vielen Dank für Ihr Feedback!',
    error: 'Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.',
    offline: 'Verbindung wird wiederhergestellt…',
    welcome:
      'Hallo! Stellen Sie eine Frage, unser Assistent antwortet aus unserem Hilfe-Center. Sie können jederzeit mit einem Menschen sprechen.',
    resolved: 'Dieses Gespräch ist abgeschlossen.',
  },
} as const;

export type Lang = keyof typeof STRINGS;
export type Strings = { [K in keyof (typeof STRINGS)['en']]: string };

/** data-lang wins; otherwise the first of the browser's languages we have; otherwise English. */
export function pickLang(explicit: string | null | undefined, navigatorLangs: readonly string[]): Lang {
  for (const candidate of [explicit ?? '', ...navigatorLangs]) {
    const base = candidate.toLowerCase().split(/[-_]/)[0] ?? '';
    if (base in STRINGS) return base as Lang;
  }
  return 'en';
}
