import { describe, expect, it } from 'vitest';
import { apiClient, login } from '../support/baton.ts';
import { useTestBaton } from '../support/test-baton.ts';

// A customer's lines take a one-statement path unless the conversation changed since it was
// read (then the locked path). Many lines at once, some bringing new personal data (each of
// those changes the conversation's PII state, so racing lines must fall back): every line
// is kept once, numbered without gaps, and each reads back as the customer wrote it.
describe('customer lines sent at once', () => {
  const t = useTestBaton();

  it.each(['with_agent', 'queued'] as const)('keeps every line once, in order, in their own words (%s)', async (status) => {
    const api = apiClient(t.baton.url);
    const agent = await login(t.baton.url, t.ws.agent.email, t.ws.agent.password);
    const start = await api('POST', '/api/v1/widget/conversations', { body: { workspace: t.ws.slug } });
    const { token, conversation } = start.body;
    await api('POST', `/api/v1/widget/conversations/${conversation.id}/handoff`, { token });
    if (status === 'with_agent')
      expect((await api('POST', `/api/v1/conversations/${conversation.id}/accept`, { token: agent })).status).toBe(200);

    const texts = Array.from({ length: 24 }, (_, i) =>
      i % 3 === 0 ? `line ${i}: write to person${i}@example.com` : `line ${i}: still waiting`,
    );
    const posted = await Promise.all(
      texts.map((text) => api('POST', `/api/v1/widget/conversations/${conversation.id}/messages`, { token, body: { text } })),
    );
    expect(posted.map((p) => p.status)).toEqual(texts.map(() => 201));

    // Staff see tokens, each address its own, numbered in order with no gap.
    const staff = await api('GET', `/api/v1/conversations/${conversation.id}`, { token: agent });
    const lines = (staff.body.messages as { seq: number; author: string; text: string }[]).filter((m) => m.text.startsWith('line '));
    expect(lines).toHaveLength(texts.length);
    const seqs = (staff.body.messages as { seq: number }[]).map((m) => m.seq);
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0]! + i));
    expect(JSON.stringify(lines)).not.toContain('@example.com');
    const tokens = lines.map((l) => /<EMAIL_\d+>/.exec(l.text)?.[0]).filter(Boolean);
    expect(new Set(tokens).size).toBe(texts.filter((t) => t.includes('@')).length);

    // The customer reads each line back exactly as written.
    const own = await api('GET', `/api/v1/widget/conversations/${conversation.id}`, { token });
    const ownLines = (own.body.messages as { text: string }[]).map((m) => m.text).filter((t) => t.startsWith('line '));
    expect([...ownLines].sort()).toEqual([...texts].sort());
    // And the numbers the server answered with are the stored ones.
    expect(posted.map((p) => p.body.message.seq).sort((a: number, b: number) => a - b)).toEqual(lines.map((l) => l.seq));
  });
});
