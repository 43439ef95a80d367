import { describe, expect, it } from 'vitest';
import { parseTickets } from './tickets.ts';
import { evaluate, detailLine } from './evaluate.ts';
import { renderReport } from './report-html.ts';
import { escapeHtml } from '../../html-escape.ts';
import type { BotEngine, Decision, TurnInput } from '../types.ts';

// A scripted engine: answers "refund" questions with confidence 0.8, everything else 0.3.
class FakeEngine implements BotEngine {
  seen: TurnInput[] = [];
  defaultThreshold() {
    return 0.5;
  }
  async turn(input: TurnInput): Promise<Decision> {
    this.seen.push(input);
    const conf = /refund/.test(input.text) ? 0.8 : 0.3;
    const threshold = input.policy.confidenceThreshold ?? 0.5;
    const answer = conf >= threshold;
    return {
      action: answer ? 'answer' : 'handoff',
      text: answer ? 'Refunds take 14 days.' : '',
      citations: answer ? [{ articleId: 'refund', title: 'Refunds', passage: 'Refunds take 14 days.' }] : [],
      confidence: conf,
      threshold,
      reasons: answer ? [] : ['low_confidence'],
      language: 'en',
      intent: null,
      sentiment: 0,
      trace: { decision: { blocking: [], verified: true, article: 'refund' }, note: '<script>alert(1)</script>' },
    };
  }
}

const lines = [
  { id: 't1', messages: [{ role: 'customer', text: 'refund please' }], expected: { outcome: 'answer', article: 'refund' } },
  { id: 't2', messages: [{ role: 'customer', text: 'weather?' }], expected: { outcome: 'handoff' } },
  {
    id: 't3',
    context: [
      { role: 'customer', text: 'hi' },
      { role: 'agent', text: 'hello' },
    ],
    messages: [
      { role: 'customer', text: 'refund now' },
      { role: 'customer', text: 'and refund time?' },
    ],
    expected: { outcome: 'answer', article: ['x', 'refund'] },
  },
  { id: 't4', messages: [{ role: 'customer', text: 'shoes <b>' }], expected: { outcome: 'answer', article: 'shoes' } },
];
const text = lines.map((l) => JSON.stringify(l)).join('\n') + '\n{"id": 5}\n';

describe('baton eval', () => {
  it('validates tickets line by line', () => {
    const r = parseTickets(text);
    expect(r.tickets).toHaveLength(4);
    expect(r.errors[0].line).toBe(5);
  });

  it('computes the contract figures, a curve of >= 20 points and details', async () => {
    const engine = new FakeEngine();
    const { summary, results } = await evaluate(async () => engine, [], parseTickets(text).tickets, { threshold: null });
    expect(summary).toMatchObject({
      tickets: 4,
      answer_expected: 3,
      handoff_expected: 1,
      threshold: 0.5,
      coverage: 0.6667,
      resolution_rate: 0.6667,
      answered_precision: 1,
      hallucination_rate: 0,
      handoff_recall: 1,
      handoff_precision: 0.5,
    });
    expect(summary.curve.length).toBeGreaterThanOrEqual(20);
    expect(summary.curve[0]).toMatchObject({ threshold: 0, coverage: 1 });
    expect(summary.latency_ms.p99).toBeGreaterThanOrEqual(0);
    // multi-turn: context became history, the bot took a turn after each message
    const t3 = engine.seen.find((s) => s.text === 'and refund time?')!;
    expect(t3.history.map((h) => h.role)).toEqual(['customer', 'agent', 'customer', 'bot']);
    expect(results[2]).toMatchObject({ turn: 2, correct: true });
    expect(JSON.parse(detailLine(results[1]))).toMatchObject({
      id: 't2',
      outcome: 'handoff',
      reasons: ['low_confidence'],
      article: null,
      turn: 1,
      correct: true,
    });
  });

  it('picks a threshold for a target precision', async () => {
    const { summary } = await evaluate(async () => new FakeEngine(), [], parseTickets(text).tickets, {
      threshold: 'auto',
      targetPrecision: 0.9,
    });
    expect(summary.threshold).toBe(0.8);
  });

  it('renders a self-contained, escaped HTML report', async () => {
    const { summary, results } = await evaluate(async () => new FakeEngine(), [], parseTickets(text).tickets, { threshold: 0 });
    const html = renderReport(summary, summary.curve, results);
    expect(html).toContain('<svg');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('shoes &lt;b&gt;');
    expect(escapeHtml(`<a href="x">'`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;');
  });
});
