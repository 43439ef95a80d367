import { describe, expect, it } from 'vitest';
import { ApiError } from '../../web/src/api.ts';
import { documentProblems, lineOf, outside, pathInWords, problemsUnder } from '../../web/src/pages/admin/actions/problems.ts';
import { stepInWords, summarise } from '../../web/src/pages/admin/actions/summary.ts';

// The admin's JSON editors place the API's problems on lines of the text being edited, and the
// playbook list reads any step, known or not, in words.
describe('actions editor problems', () => {
  const text = JSON.stringify(
    {
      id: 'p',
      steps: [
        { do: 'ask', slot: 'a' },
        { do: 'call', tool: 'x', args: { id: '{a}' } },
      ],
      trigger: { articles: [] },
    },
    null,
    2,
  );
  const lineWith = (s: string) => text.split('\n').findIndex((l) => l.includes(s)) + 1;

  it('finds the line of a path, or of its deepest existing parent', () => {
    expect(lineOf(text, ['steps', '1', 'tool'])).toBe(lineWith('"tool": "x"'));
    expect(lineOf(text, ['steps', '1', 'args', 'id'])).toBe(lineWith('"id": "{a}"'));
    expect(lineOf(text, ['trigger', 'articles'])).toBe(lineWith('"articles"'));
    // A missing field is reported where its parent is.
    expect(lineOf(text, ['steps', '0', 'text'])).toBe(lineWith('"do": "ask"') - 1);
    expect(lineOf(text, [])).toBe(1);
    expect(lineOf('{"a": ', ['a'])).toBeNull();
  });

  it('reads problems from a refused save, request-validation paths included, relative to the part edited', () => {
    const checked = new ApiError(400, 'invalid_request', 'The actions document has 2 problems.', [
      { path: 'playbooks/1/steps/2/tool', message: 'no tool is named "get_order"' },
      { path: 'tools/0/path', message: 'path argument "id" is not among the input properties' },
    ]);
    const validated = new ApiError(400, 'invalid_request', 'body/config/playbooks/0/id: bad', [
      { path: 'body/config/playbooks/0/id', message: 'Invalid string' },
    ]);
    const all = documentProblems(checked);
    expect(problemsUnder(all, ['playbooks', '1'])).toEqual([{ path: ['steps', '2', 'tool'], message: 'no tool is named "get_order"' }]);
    expect(outside(all, ['playbooks', '1']).map((p) => p.path.join('/'))).toEqual(['tools/0/path']);
    expect(documentProblems(validated)).toEqual([{ path: ['playbooks', '0', 'id'], message: 'Invalid string' }]);
    expect(documentProblems(new Error('x'))).toEqual([]);
    expect(pathInWords(['steps', '2', 'tool'])).toBe('steps › entry 3 › tool');
  });

  it('summarises playbooks in words, unknown step kinds by their fields', () => {
    expect(stepInWords({ do: 'check', when: { path: 'order.status', in: ['pending'] }, else: 'no', handoff: true })).toBe(
      'Check order.status in pending, else hand off',
    );
    expect(stepInWords({ do: 'wait', seconds: 5 })).toBe('wait: seconds 5');
    // Texts by language: the English one quoted, the others named.
    expect(stepInWords({ do: 'reply', text: 'Done.' })).toBe('Reply: “Done.”');
    expect(stepInWords({ do: 'confirm', text: { de: 'Soll ich?', en: 'Shall I?', fr: 'Je le fais ?' } })).toBe(
      'Confirm with the customer: “Shall I?” (also in de, fr)',
    );
    const s = summarise({
      id: 'p',
      trigger: { articles: ['a'] },
      slots: [{ name: 'x', optional: true }],
      steps: [{ do: 'call', tool: 't', args: { k: '{x}' }, as: 'r' }],
    });
    expect(s).toMatchObject({
      triggers: ['a'],
      identity: 'verified customer',
      slots: ['x (optional)'],
      steps: ['Call t (k) → r'],
      tools: ['t'],
    });
  });
});
