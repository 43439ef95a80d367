// The API's validation messages are zod's ("Too small: expected string to have >=1 characters",
// "Invalid UUID"), written for developers. The screens show them in words a support lead reads;
// a message this does not know is shown as the server wrote it.

const plural = (n: string, one: string, many: string) => `${n} ${n === '1' ? one : many}`;

const RULES: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^Too small: expected string to have >=1 characters?$/i, () => 'Cannot be empty.'],
  [/^Too small: expected string to have >=(\d+) characters?$/i, (m) => `Use at least ${plural(m[1]!, 'character', 'characters')}.`],
  [/^Too big: expected string to have <=(\d+) characters?$/i, (m) => `Use at most ${plural(m[1]!, 'character', 'characters')}.`],
  [/^Too small: expected array to have >=1 items?$/i, () => 'Add at least one.'],
  [/^Too small: expected array to have >=(\d+) items?$/i, (m) => `Add at least ${m[1]}.`],
  [/^Too big: expected array to have <=(\d+) items?$/i, (m) => `Use at most ${m[1]}.`],
  [/^Too small: expected number to be >=?(-?[\d.]+)$/i, (m) => `Use a number of at least ${m[1]}.`],
  [/^Too small: expected number to be >(-?[\d.]+)$/i, (m) => `Use a number above ${m[1]}.`],
  [/^Too big: expected number to be <=?(-?[\d.]+)$/i, (m) => `Use a number of at most ${m[1]}.`],
  [/^Invalid UUID$/i, () => 'Not a valid id.'],
  [/^Invalid email( address)?$/i, () => 'Enter an e-mail address such as name@example.com.'],
  [/^Invalid URL$/i, () => 'Enter a full address starting with https://.'],
  [/^Invalid input: expected (\w+), received (undefined|null)$/i, () => 'Required.'],
  [/^Invalid input: expected int, received number$/i, () => 'Use a whole number.'],
  [/^Invalid input: expected number, received (\w+)$/i, () => 'Use a number.'],
  [/^Invalid input: expected (\w+), received (\w+)$/i, (m) => `Expected ${article(m[1]!)}, not ${article(m[2]!)}.`],
  [/^Invalid option: expected one of (.+)$/i, (m) => `Choose one of ${m[1]!.replace(/"/g, '').replace(/\|/g, ', ')}.`],
  [/^Unrecognized keys?: (.+)$/i, (m) => `Not a known field: ${m[1]!.replace(/"/g, '')}.`],
  [/^Invalid string: must match pattern .*$/i, () => 'Has characters that are not allowed here.'],
];

const article = (t: string) => (/^[aeiou]/i.test(t) ? `an ${t}` : `a ${t}`);

/** One validation message in words; unknown messages unchanged. */
export function humanMessage(message: string): string {
  const text = message.trim();
  for (const [re, say] of RULES) {
    const m = re.exec(text);
    if (m) return say(m);
  }
  return text;
}

/** A field path ("body/sla_seconds", "params/id", "conditions.intents.0") as a label ("SLA seconds", "id", "intents, entry 1"). */
export function fieldInWords(path: string): string {
  const parts = path
    .replace(/^(body|querystring|params)(\/|$)/, '')
    .split(/[/.]/)
    .filter(Boolean);
  const words: string[] = [];
  for (const p of parts) {
    if (/^\d+$/.test(p)) words.push(`entry ${Number(p) + 1}`);
    else
      words.push(
        p
          .replace(/_/g, ' ')
          .replace(/\bsla\b/i, 'SLA')
          .replace(/\bid\b/i, 'id'),
      );
  }
  const text = words.slice(-2).join(', ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A whole API message: "path: message" becomes "Field: message in words". */
export function humanError(message: string): string {
  const m = /^([a-z_][a-z0-9_]*(?:[/.][a-z0-9_]+)*)\s*:\s*(.+)$/i.exec(message.trim());
  if (!m || /^line\b/i.test(m[1]!)) return humanMessage(message);
  const said = humanMessage(m[2]!);
  if (said === m[2]) return message.trim();
  const field = fieldInWords(m[1]!);
  return field ? `${field}: ${said.charAt(0).toLowerCase()}${said.slice(1)}` : said;
}
