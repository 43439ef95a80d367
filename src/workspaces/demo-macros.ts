import { randomUUID } from 'node:crypto';
import type { Executor } from '../db/repositories/executor.ts';
import { insertMacro, listMacros } from '../db/repositories/routing.ts';

// The demo's macros (saved replies): what a team writes in its first week, so agent assist and the
// M key have something to offer on the demo. Among them the check-in for a customer at risk,
// whose conversation gets no draft from the help centre (handoff/assist/suggest.ts).

const DEMO_MACROS: { title: string; body: string; tags: string[] }[] = [
  {
    title: 'Are you safe right now?',
    body:
      "Hi {{customer.name}}, I'm {{agent.name}} from the team, and I'm here with you now. Are you safe right now? " +
      'If you or anyone else is in danger, please call your local emergency number first (911 in the US and Canada, 999 in the UK, 112 in the EU). ' +
      "I'll stay in this chat with you.",
    tags: ['safety', 'danger', 'scared', 'abuse', 'self-harm', 'crisis'],
  },
  {
    title: 'Ask for the order number',
    body: "Hi {{customer.name}}, I'm {{agent.name}} and I'll look into this for you. Could you send me the order number? It starts with # and is in your confirmation e-mail.",
    tags: ['order', 'parcel', 'delivery', 'tracking'],
  },
  {
    title: 'Refund on its way',
    body: 'Hi {{customer.name}}, your refund is on its way: it goes back to the original payment method and takes 5 to 10 business days to appear. Anything else I can help with?',
    tags: ['refund', 'money back', 'billing'],
  },
  {
    title: 'Anything else?',
    body: 'Is there anything else I can help you with today, {{customer.name}}?',
    tags: ['closing'],
  },
];

/** Seeds the demo's macros once: only while the workspace has none (an admin's own are never touched). Returns whether it added them. */
export async function ensureDemoMacros(db: Executor, workspaceId: string): Promise<boolean> {
  if ((await listMacros(db, workspaceId, { limit: 1 })).length > 0) return false;
  for (const m of DEMO_MACROS) {
    await insertMacro(db, { id: randomUUID(), workspaceId, ...m, teamId: null, createdBy: null });
  }
  return true;
}
