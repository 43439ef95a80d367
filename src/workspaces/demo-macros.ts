import { randomUUID } from 'node:crypto';
import type { Executor } from '../db/repositories/executor.ts';
import { insertMacro, listMacros } from '../db/repositories/routing.ts';

// The demo's macros (saved replies): what a team writes in its first week, so agent assist and the
// M key have something to offer on the demo. Among them the check-in for a customer at risk,
// whose conversation gets no draft from the help centre (handoff/assist/suggest.ts).

const DEMO_MACROS: { title: string; body: string; tags: string[]; language: string }[] = [
  {
    title: 'Are you safe right now?',
    body:
      "Hi {{customer.name}}, I'm {{agent.name}} from the team, and I'm here with you now. Are you safe right now? " +
      'If you or anyone else is in danger, please call your local emergency number first (911 in the US and Canada, 999 in the UK, 112 in the EU). ' +
      "I'll stay in this chat with you.",
    tags: ['safety', 'danger', 'scared', 'abuse', 'self-harm', 'crisis'],
    language: 'en',
  },
  {
    title: 'Ask for the order number',
    body: "Hi {{customer.name}}, I'm {{agent.name}} and I'll look into this for you. Could you send me the order number? It starts with # and is in your confirmation e-mail.",
    tags: ['order', 'parcel', 'delivery', 'tracking'],
    language: 'en',
  },
  {
    title: 'Refund on its way',
    body: 'Hi {{customer.name}}, your refund is on its way: it goes back to the original payment method and takes 5 to 10 business days to appear. Anything else I can help with?',
    tags: ['refund', 'money back', 'billing'],
    language: 'en',
  },
  {
    title: 'Anything else?',
    body: 'Is there anything else I can help you with today, {{customer.name}}?',
    tags: ['closing'],
    language: 'en',
  },
  // The check-in in the other languages the bot answers in, so the agent's first words to a
  // customer at risk are in the customer's language (handoff/assist/suggest.ts, `readableMacros`).
  ...safetyIn({
    pt: [
      'Está em segurança agora?',
      'Olá {{customer.name}}, sou {{agent.name}} da equipa e estou aqui consigo agora. Está em segurança neste momento? Se você ou outra pessoa estiver em perigo, ligue primeiro para o número de emergência local (112 na UE, 190 no Brasil). Fico nesta conversa consigo.',
    ],
    es: [
      '¿Estás a salvo ahora mismo?',
      'Hola {{customer.name}}, soy {{agent.name}}, del equipo, y estoy contigo ahora. ¿Estás a salvo en este momento? Si tú o alguien más está en peligro, llama primero al número de emergencias local (112 en la UE, 911 en México y EE. UU.). Me quedo en este chat contigo.',
    ],
    fr: [
      'Êtes-vous en sécurité en ce moment ?',
      "Bonjour {{customer.name}}, je suis {{agent.name}} de l'équipe et je suis avec vous maintenant. Êtes-vous en sécurité en ce moment ? Si vous ou quelqu'un d'autre êtes en danger, appelez d'abord le numéro d'urgence local (112 dans l'UE). Je reste dans cette conversation avec vous.",
    ],
    de: [
      'Sind Sie gerade in Sicherheit?',
      'Hallo {{customer.name}}, ich bin {{agent.name}} aus dem Team und jetzt für Sie da. Sind Sie gerade in Sicherheit? Wenn Sie oder jemand anderes in Gefahr sind, rufen Sie bitte zuerst den Notruf an (112 in der EU). Ich bleibe in diesem Chat bei Ihnen.',
    ],
    it: [
      'Sei al sicuro in questo momento?',
      "Ciao {{customer.name}}, sono {{agent.name}} del team e sono qui con te adesso. Sei al sicuro in questo momento? Se tu o qualcun altro siete in pericolo, chiama prima il numero di emergenza locale (112 nell'UE). Resto in questa chat con te.",
    ],
    nl: [
      'Ben je nu veilig?',
      'Hallo {{customer.name}}, ik ben {{agent.name}} van het team en ik ben er nu voor je. Ben je op dit moment veilig? Als jij of iemand anders in gevaar is, bel dan eerst het alarmnummer (112 in de EU). Ik blijf in deze chat bij je.',
    ],
  }),
];

/** The safety check-in written in other languages: title and body by language code. */
function safetyIn(texts: Record<string, [title: string, body: string]>) {
  return Object.entries(texts).map(([language, [title, body]]) => ({ title, body, tags: ['safety', 'crisis'], language }));
}

/** Seeds the demo's macros once: only while the workspace has none (an admin's own are never touched). Returns whether it added them. */
export async function ensureDemoMacros(db: Executor, workspaceId: string): Promise<boolean> {
  if ((await listMacros(db, workspaceId, { limit: 1 })).length > 0) return false;
  for (const m of DEMO_MACROS) {
    await insertMacro(db, { id: randomUUID(), workspaceId, ...m, teamId: null, createdBy: null });
  }
  return true;
}
