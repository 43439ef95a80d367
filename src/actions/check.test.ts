import { describe, expect, it } from 'vitest';
import { checkActionsConfig } from './check.ts';

const tool = (over: Record<string, unknown>) => ({
  kind: 'read',
  method: 'GET',
  path: '/x',
  input: { type: 'object', properties: { id: { type: 'string' } }, required: [] },
  ...over,
});

describe('checkActionsConfig', () => {
  it('accepts a consistent document and fills the defaults', () => {
    const check = checkActionsConfig({ tools: [tool({ name: 'get_x', path: '/x/{id}' })] });
    expect(check.ok).toBe(true);
    expect(check.ok && check.config.tools[0]!.timeoutMs).toBe(5000);
  });

  it('takes what the customer reads as one text or one per language code, and names a bad code', () => {
    const verified = (ask: unknown) =>
      checkActionsConfig({
        tools: [tool({ name: 'find', verifies: { resultField: 'id' } })],
        identity: {
          ask,
          methods: [{ tool: 'find', slots: ['email'], args: { id: '{email}' } }],
          slots: [{ name: 'email', ask: { en: 'E-mail?', de: 'E-Mail?' }, recognise: [{ type: 'entity', entity: 'email' }] }],
        },
      });
    expect(verified({ en: 'Who are you?', de: 'Wer sind Sie?' }).ok).toBe(true);
    const bad = verified({ German: 'Wer sind Sie?' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.problems.some((p) => p.path.startsWith('identity/ask') && /language code/.test(p.message))).toBe(true);
    expect(verified({}).ok).toBe(false);
  });

  it('lists every reference problem with its path', () => {
    const check = checkActionsConfig({
      tools: [
        tool({ name: 'a', path: '/x/{order}', input: { type: 'object', properties: {}, required: ['id'] }, identityArg: 'user' }),
        tool({ name: 'a', auth: { type: 'header', header: 'X Key' } }),
      ],
      identity: {
        ask: 'Who are you?',
        methods: [{ tool: 'a', slots: ['email'], args: { email: '{email}' } }],
        slots: [{ name: 'email', ask: 'E-mail?', recognise: [{ type: 'entity', entity: 'email' }] }],
      },
      playbooks: [
        { id: 'p', title: 'P', trigger: { articles: ['p'] }, steps: [{ do: 'call', tool: 'b', args: {} }] },
        { id: 'p', title: 'P', trigger: { articles: ['p'] }, steps: [{ do: 'call', tool: 'a', args: { nope: '{x}' } }] },
      ],
    });
    expect(check.ok).toBe(false);
    expect(!check.ok && check.problems.map((p) => p.path)).toEqual([
      'tools/0/path',
      'tools/0/input/required',
      'tools/0/identityArg',
      'tools/1/name',
      'tools/1/auth/header',
      'identity/methods/0/args/email',
      'identity/methods/0/tool',
      'playbooks/0/steps/0/tool',
      'playbooks/1/id',
      'playbooks/1/steps/0/args/nope',
    ]);
  });

  it('reports schema problems before references', () => {
    const check = checkActionsConfig({ tools: [tool({ name: '1bad', kind: 'delete' })] });
    expect(!check.ok && check.problems.map((p) => p.path).sort()).toEqual(['tools/0/kind', 'tools/0/name']);
  });
});
