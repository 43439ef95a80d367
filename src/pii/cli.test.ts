import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/baton.js', import.meta.url));

function run(args: string[], stdin = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

const INPUT = [
  JSON.stringify({ id: 'a', text: "Call me on 0496 46 46 70, I'm Anna Berg", channel: 'web' }),
  '{"text": broken',
  JSON.stringify({ id: 'c', body: 'no text field' }),
  JSON.stringify({ text: 'Mail anna@example.com, again ANNA@example.com' }),
].join('\n');

describe('baton redact', () => {
  let dir: string | undefined;
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('writes one line per input line, error lines for bad ones, and fails the run', async () => {
    const { code, stdout, stderr } = await run(['redact', '--locale', 'fr-BE'], `${INPUT}\n`);
    const lines = stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toEqual({
      id: 'a',
      text: "Call me on 0496 46 46 70, I'm Anna Berg",
      channel: 'web',
      redacted: "Call me on <PHONE_1>, I'm <PERSON_1>",
      entities: [
        { type: 'PHONE', start: 11, end: 24 },
        { type: 'PERSON', start: 30, end: 39 },
      ],
    });
    expect(lines[1].error.line).toBe(2);
    expect(lines[1].error.message).toMatch(/JSON/);
    expect(lines[2]).toEqual({ error: { line: 3, message: 'missing string field "text"' } });
    expect(lines[3].redacted).toBe('Mail <EMAIL_1>, again <EMAIL_1>');
    expect(stdout).not.toContain('"tokens"'); // the token -> value mapping is never written
    expect(stderr).toMatch(/4 lines \(2 failed\).*lines\/s/);
    expect(code).toBe(1);
  });

  it('reads --input and writes --output, exiting 0 when every line is good', async () => {
    dir = await mkdtemp(join(tmpdir(), 'baton-redact-'));
    const input = join(dir, 'in.jsonl');
    const output = join(dir, 'out.jsonl');
    await writeFile(input, `${JSON.stringify({ text: 'IBAN DE89 3704 0044 0532 0130 00' })}\r\n${JSON.stringify({ text: '' })}\n`);
    const { code, stdout } = await run(['redact', '--input', input, '--output', output]);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    const lines = (await readFile(output, 'utf8'))
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.redacted)).toEqual(['IBAN <IBAN_1>', '']);
  });
});
