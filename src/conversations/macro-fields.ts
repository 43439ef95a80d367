// The fields a macro (a saved reply) may use: {{customer.name}} and {{agent.name}}. Filled when
// agent assist offers a macro and again when an agent's reply is stored, so a macro inserted
// from anywhere (the list, the M key, pasted) never reaches the customer with its braces.

export function renderMacro(body: string, vars: { customerName: string | null; agentName: string | null }): string {
  return body
    .replace(/\{\{\s*customer\.name\s*\}\}/g, vars.customerName ?? 'there')
    .replace(/\{\{\s*agent\.name\s*\}\}/g, vars.agentName ?? '')
    .trim();
}

/** Whether a text still has a macro field to fill. */
export const hasMacroFields = (text: string): boolean => /\{\{\s*(?:customer|agent)\.name\s*\}\}/.test(text);
