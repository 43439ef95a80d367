import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { ROOT } from '../support/paths.ts';

function chat(lines: string[]): Promise<{ stdout: string; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/baton.js', 'chat', '--kb', 'demo/knowledge.jsonl'], { cwd: ROOT });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.on('close', (code) => resolve({ stdout, code }));
    child.stdin.end(lines.join('\n') + '\n');
  });
}

// `baton chat` runs the live pipeline (shield, engine) in the terminal, one decision a line.
describe('baton chat', () => {
  it('answers or hands off each question with its confidence', { timeout: 120_000 }, async () => {
    const { stdout, code } = await chat(['where can I find my invoice?', 'ann@example.com here, I want to speak to a human']);
    expect(code).toBe(0);
    const decisions = stdout.match(/^\[(answer|clarify|handoff) · confidence \d\.\d\d \/ threshold \d\.\d\d.*\]$/gm) ?? [];
    expect(decisions).toHaveLength(2);
    expect(stdout).toMatch(/hand off to a person \(.*customer_requested.*\)/);
    expect(stdout).not.toContain('ann@example.com');
  });
});
