// A macro's placeholders (docs/workspace.md, the Macros admin page): {{customer.name}} and
// {{agent.name}}, filled in when an agent inserts it, so a customer never reads the braces.

export function fillMacro(text: string, who: { customer: string | null | undefined; agent: string | null | undefined }): string {
  const values: Record<string, string> = {
    'customer.name': who.customer?.trim() || 'there',
    'agent.name': who.agent?.trim() || '',
  };
  return text.replace(/\{\{\s*([a-z]+\.[a-z]+)\s*\}\}/gi, (whole, key: string) => values[key.toLowerCase()] ?? whole);
}
