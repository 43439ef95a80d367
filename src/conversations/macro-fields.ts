// The fields a macro (a saved reply) may use: {{customer.name}} and {{agent.name}}. Filled when
// agent assist offers a macro and again when an agent's reply is stored, so a macro inserted
// from anywhere (the list, the M key, pasted) never reaches the customer with its braces.

const FIELD = /\{\{\s*(customer|agent)\.name\s*\}\}/g;

export function renderMacro(body: string, vars: { customerName: string | null; agentName: string | null }): string {
  return body.replace(FIELD, (_, who: string) => (who === 'customer' ? (vars.customerName ?? 'there') : (vars.agentName ?? ''))).trim();
}

/** Whether a text still has a macro field to fill. */
export const hasMacroFields = (text: string): boolean => text.search(FIELD) >= 0;
