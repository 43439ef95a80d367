/** A property schema's type in words: "string", "array of object", "one of a, b". */
export function typeOf(schema: Record<string, unknown>): string {
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.map(String).join(', ')}`;
  const type = Array.isArray(schema.type) ? schema.type.join(' or ') : typeof schema.type === 'string' ? schema.type : 'any';
  const items = schema.items as Record<string, unknown> | undefined;
  return type === 'array' && items ? `array of ${typeOf(items)}` : type;
}
