// JSON output: the schema as providers want it, and parsing + validating what came back.
import { z } from 'zod';
import { LlmError, type JsonOutput, type LlmUsage } from './types.ts';

/** JSON Schema of the output, without the `$schema` key some providers refuse. */
export function jsonSchemaOf(out: JsonOutput<unknown>): Record<string, unknown> {
  const { $schema: _drop, ...schema } = z.toJSONSchema(out.schema, { target: 'draft-7' }) as Record<string, unknown>;
  return schema;
}

/** An instruction for models that only get the schema in the prompt (json_object or prompt mode). */
export function jsonInstruction(out: JsonOutput<unknown>): string {
  return `Reply with one JSON object only, no prose and no code fence, matching this JSON Schema:\n${JSON.stringify(jsonSchemaOf(out))}`;
}

/** Parses the model's text as the JSON asked for: a code fence or text around the object is tolerated, nothing else. */
export function parseJsonText<T>(text: string, out: JsonOutput<T>, usage?: LlmUsage): T {
  let raw = text.trim();
  const fenced = /^```(?:json)?\s*([\s\S]*?)\s*```$/i.exec(raw);
  if (fenced) raw = fenced[1];
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    const start = raw.indexOf('{');
    const end = raw.lastIndexOf('}');
    try {
      if (start < 0 || end <= start) throw new Error('no object');
      value = JSON.parse(raw.slice(start, end + 1));
    } catch {
      throw new LlmError('malformed', `the model did not reply with JSON: ${JSON.stringify(text.slice(0, 80))}`, { usage });
    }
  }
  return validateJson(value, out, usage);
}

export function validateJson<T>(value: unknown, out: JsonOutput<T>, usage?: LlmUsage): T {
  const parsed = out.schema.safeParse(value);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new LlmError(
      'malformed',
      `the model's JSON does not match ${out.name}: ${first ? `${first.path.join('.') || '(root)'} ${first.message}` : 'invalid'}`,
      { usage },
    );
  }
  return parsed.data;
}
