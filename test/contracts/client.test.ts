import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useTestBaton } from '../support/test-baton.ts';
import { ROOT } from '../support/paths.ts';
import { badLogin, listWaiting, logIn, startChat } from './typed-client.ts';

const run = promisify(execFile);

// A client generated from contracts/ (openapi-typescript + openapi-fetch) compiles under strict
// TypeScript and works against the real server for the calls every integration starts with.
describe('a generated client', () => {
  const t = useTestBaton();

  it('type-checks under tsc --strict on its own', async () => {
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    const args = [
      '--strict',
      '--noEmit',
      '--skipLibCheck',
      '--target',
      'es2022',
      '--module',
      'nodenext',
      '--moduleResolution',
      'nodenext',
      '--allowImportingTsExtensions',
      '--types',
      'node',
      join(ROOT, 'test/contracts/typed-client.ts'),
    ];
    const result = await run(process.execPath, [tsc, ...args], { cwd: ROOT }).then(
      () => ({ code: 0, out: '' }),
      (err: { code: number; stdout: string }) => ({ code: err.code, out: err.stdout }),
    );
    expect(result.out).toBe('');
    expect(result.code).toBe(0);
  }, 300_000);

  it('logs in, lists conversations and starts a widget conversation against the real server', async () => {
    const url = t.baton.url;
    const { token, name } = await logIn(url, t.ws.agent.email, t.ws.agent.password);
    expect(token).toMatch(/^bs_/);
    expect(name).toBe(`agent of acme`);

    const chat = await startChat(url, t.ws.slug, 'I want to talk to a human');
    expect(chat.token).toMatch(/^ct_/);
    expect(chat.authors[0]).toBe('customer');

    // Handed off: queued, or (nobody online in the seeded workspace) waiting for the customer's e-mail.
    const { conversations } = await listWaiting(url, token);
    expect(conversations.map((c) => c.id)).toContain(chat.conversationId);
    expect(['queued', 'awaiting_customer']).toContain(conversations.find((c) => c.id === chat.conversationId)?.status);

    expect(await badLogin(url)).toEqual({ status: 401, code: 'invalid_credentials' });
  });
});
