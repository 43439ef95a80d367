// The fields a macro (a saved reply) may use: {{customer.name}} and {{agent.name}}. Filled when
// agent assist offers a macro and again when an agent's reply is stored, so a macro inserted
// from anywhere (the list, the M key, pasted) never reaches the customer with its braces.

// A customer's name after a comma ("…today, {{customer.name}}?") goes with its comma when the
// name is unknown; elsewhere ("Hi {{customer.name}},") an unknown name reads "there".
const FIELD = /(,[ \t]*)?\{\{\s*(customer|agent)\.name\s*\}\}/g;

export function renderMacro(body: string, vars: { customerName: string | null; agentName: string | null }): string {
  return body
    .replace(FIELD, (_, comma: string | undefined, who: string) => {
      const value = who === 'customer' ? vars.customerName?.trim() || (comma ? '' : 'there') : (vars.agentName ?? '');
      return value ? `${comma ?? ''}${value}` : '';
    })
    .trim();
}

/** Whether a text still has a macro field to fill. */
export const hasMacroFields = (text: string): boolean => text.search(FIELD) >= 0;
