// Stage: compose with a model. After the embedded engine decided to answer, the model rewrites
// the answer from the chosen article's passages; the verifier keeps only the sentences those
// passages support. Any failure falls back to the embedded answer; the customer never waits
// past the hard timeout. Never throws.
import type { Passage } from '../../knowledge/chunk.ts';
import { renderAnswer } from '../compose/compose.ts';
import type { Citation, Decision, HandoffReason, HistoryTurn } from '../types.ts';
import { splitClaims, verifyGenerated } from '../verify/generated.ts';
import { buildPrompt, MAX_SENTENCES, MODEL_ANSWER, selectPassages, type ModelAnswer } from './prompt.ts';
import { LlmError, type LlmClient, type LlmResult } from './types.ts';

export interface LlmWriterOptions {
  client: LlmClient;
  /** Hard limit for the model's part of the turn. */
  timeoutMs: number;
  maxTokens: number;
  /** Extra time the engine grants a client before abandoning it (a client that ignores its timeout). */
  graceMs?: number;
}

export interface WriteInput {
  /** The embedded engine's decision; the model is asked only when it is `answer`. */
  embedded: Decision;
  /** The customer's message, already PII-redacted by the core. */
  question: string;
  history: HistoryTurn[];
  /** Every passage of the chosen article's source (the article, or a page chunked into several). */
  passages: Passage[];
  url?: string;
}

/** trace.llm: what the model did for this turn. */
export interface LlmTrace {
  used: boolean;
  provider: string;
  model: string;
  latency_ms: number;
  dropped_sentences: { text: string; why: string }[];
  error: string | null;
  /** What was sent instead of the model's answer. */
  fallback: 'embedded' | 'handoff' | null;
  passages: string[];
  cited: string[];
  usage?: { input: number; output: number };
  attempts?: number;
}

const round = (x: number) => Math.round(x);

export class LlmAnswerWriter {
  constructor(private readonly opts: LlmWriterOptions) {}

  get client(): LlmClient {
    return this.opts.client;
  }

  async write(input: WriteInput): Promise<Decision> {
    const { embedded } = input;
    if (embedded.action !== 'answer') return embedded;
    const started = performance.now();
    const chosen = selectPassages(input.passages, input.question, input.history, embedded.citations[0]?.passage ?? null);
    const prompt = buildPrompt(input.question, input.history, chosen);
    const trace: LlmTrace = {
      used: false,
      provider: this.opts.client.provider,
      model: this.opts.client.model,
      latency_ms: 0,
      dropped_sentences: [],
      error: null,
      fallback: null,
      passages: chosen.map((p) => p.id),
      cited: [],
    };
    const finish = (d: Decision, fallback: LlmTrace['fallback']): Decision => {
      trace.latency_ms = round(performance.now() - started);
      trace.fallback = fallback;
      return { ...d, trace: { ...d.trace, llm: trace } };
    };
    const embeddedUsable = embedded.text.trim() !== '' && embedded.citations.length > 0;

    let res: LlmResult<ModelAnswer>;
    try {
      res = await this.call(prompt.system, prompt.messages);
      if (res.json === undefined) throw new LlmError('malformed', 'the client returned no JSON', { usage: res.usage });
    } catch (err) {
      trace.error = describe(err);
      if (err instanceof LlmError && err.details.usage)
        trace.usage = { input: err.details.usage.inputTokens, output: err.details.usage.outputTokens };
      return embeddedUsable ? finish(embedded, 'embedded') : finish(handoff(embedded, 'engine_error'), 'handoff');
    }
    trace.usage = { input: res.usage.inputTokens, output: res.usage.outputTokens };
    trace.attempts = res.attempts;
    const answer = res.json!;
    const citedPassages = [...new Set(answer.citations)].flatMap((id) => {
      const p = prompt.ids.get(id.trim());
      return p ? [p] : [];
    });
    trace.cited = citedPassages.map((p) => p.id);
    const citations: Citation[] = citedPassages.map((p) => ({ articleId: p.articleId, title: p.title, url: input.url, passage: p.text }));
    const sentences = splitClaims(answer.answer);
    const v = verifyGenerated(sentences.slice(0, MAX_SENTENCES), citations);
    trace.dropped_sentences = [
      ...v.dropped,
      ...sentences.slice(MAX_SENTENCES).map((text) => ({ text, why: `over ${MAX_SENTENCES} sentences` })),
    ];
    if (!v.ok) {
      if (sentences.length === 0) trace.error = 'the model found no answer in the passages';
      return embeddedUsable ? finish(embedded, 'embedded') : finish(handoff(embedded, 'low_confidence'), 'handoff');
    }
    trace.used = true;
    const used = [...new Set(v.kept.flatMap((k) => k.supportedBy))].sort((a, b) => a - b).map((i) => citations[i]);
    const parts = v.kept.map((k) => ({ kind: 'claim' as const, text: k.text }));
    return finish({ ...embedded, text: renderAnswer(parts, used), citations: used }, null);
  }

  /** The model call under a hard timeout of our own, whatever the client does with its timeout. */
  private async call(system: string, messages: { role: 'user' | 'assistant'; content: string }[]): Promise<LlmResult<ModelAnswer>> {
    const { client, timeoutMs, maxTokens } = this.opts;
    const ctl = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const hard = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => {
          const e = new LlmError('timeout', `no answer within ${timeoutMs} ms`);
          ctl.abort(e);
          reject(e);
        },
        timeoutMs + (this.opts.graceMs ?? 250),
      );
    });
    try {
      return await Promise.race([
        client.complete({ system, messages, jsonSchema: MODEL_ANSWER, maxTokens, timeoutMs, signal: ctl.signal }),
        hard,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }
}

function describe(err: unknown): string {
  if (err instanceof LlmError) return `${err.kind}: ${err.message}`;
  return `error: ${err instanceof Error ? err.message : String(err)}`;
}

function handoff(d: Decision, reason: HandoffReason): Decision {
  const blocking = reason === 'low_confidence' ? [] : [reason];
  const decision = { ...(d.trace.decision as Record<string, unknown> | undefined), action: 'handoff', reasons: [reason], blocking };
  return { ...d, action: 'handoff', text: '', citations: [], reasons: [reason], trace: { ...d.trace, decision } };
}
