// A macro's placeholders (docs/workspace.md, the Macros admin page): {{customer.name}} and
// {{agent.name}}, filled in when an agent inserts it, so a customer never reads the braces; the
// server fills them the same way when a reply is stored. A customer's name after a comma
// ("…today, {{customer.name}}?") goes with its comma when the name is unknown; elsewhere ("Hi
// {{customer.name}},") an unknown name reads "there".

export function fillMacro(text: string, who: { customer: string | null | undefined; agent: string | null | undefined }): string {
  return text.replace(/(,[ \t]*)?\{\{\s*([a-z]+\.[a-z]+)\s*\}\}/gi, (whole, comma: string | undefined, key: string) => {
    const k = key.toLowerCase();
    if (k !== 'customer.name' && k !== 'agent.name') return whole;
    const value = k === 'customer.name' ? who.customer?.trim() || (comma ? '' : 'there') : who.agent?.trim() || '';
    return value ? `${comma ?? ''}${value}` : '';
  });
}
