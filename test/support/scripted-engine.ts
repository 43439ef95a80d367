import type { Article, BotEngine, Decision, EngineFactory } from '../../src/engine/types.ts';

/**
 * A small, predictable engine for testing the core through the engine port: it answers with
 * the article whose title words the message contains, hands off when asked for a person (and
 * urgently, as the real engine does a statement of danger, when the message says "in danger"),
 * and asks which page is meant ("which one…") naming up to three articles as options.
 * The real engine has its own tests; these tests are about the conversation core.
 */
export const scriptedEngineFactory: EngineFactory = async (articles: Article[]): Promise<BotEngine> => ({
  defaultThreshold: () => 0.5,
  turn: async (input) => {
    const base: Omit<Decision, 'action' | 'text' | 'citations' | 'confidence' | 'reasons'> = {
      threshold: input.policy.confidenceThreshold ?? 0.5,
      // The conversation's language so far (the widget's, when it gave one): this engine reads none.
      language: input.locale ?? 'en',
      intent: null,
      sentiment: 0,
      trace: { engine: 'scripted' },
    };
    const text = input.text.toLowerCase();
    if (/\b(human|person|agent)\b/.test(text)) {
      return { ...base, action: 'handoff', text: '', citations: [], confidence: 1, reasons: ['customer_requested'] };
    }
    if (text.includes('in danger')) {
      // Traced as the real engine traces a reading: the sentence that carried it, and the detector's certainty.
      const part = input.text
        .split(/(?<=[.!?])\s+/)
        .find((s) => s.toLowerCase().includes('in danger'))!
        .replace(/[.!?]+$/, '');
      const trace = {
        engine: 'scripted',
        signals: { sensitive: { kind: 'safety', phrase: part }, detector: { kind: 'danger', prob: 0.9, text: part } },
      };
      return { ...base, trace, action: 'handoff', urgent: true, text: '', citations: [], confidence: 0.1, reasons: ['sensitive_topic'] };
    }
    if (text.includes('explode')) throw new Error('engine exploded');
    if (text.startsWith('which one')) {
      const options = articles.slice(0, 3).map((a) => ({ articleId: a.id, title: a.title }));
      const text = `Do you mean ${options.map((o) => `“${o.title}”`).join(' or ')}?`;
      return { ...base, action: 'clarify', text, citations: [], confidence: 0.3, reasons: [], options };
    }
    const hit = articles.find((a) =>
      a.title
        .toLowerCase()
        .split(/\s+/)
        .some((w) => w.length > 3 && text.includes(w)),
    );
    if (hit) {
      return {
        ...base,
        action: 'answer',
        text: hit.body,
        citations: [{ articleId: hit.id, title: hit.title, url: hit.url, passage: hit.body }],
        confidence: 0.9,
        reasons: [],
        intent: { id: hit.id, title: hit.title, confidence: 0.9 },
      };
    }
    return { ...base, action: 'handoff', text: '', citations: [], confidence: 0.1, reasons: ['low_confidence'] };
  },
});
