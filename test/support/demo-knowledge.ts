import { readFileSync } from 'node:fs';
import type { Article, EnginePolicy } from '../../src/engine/types.ts';

/** The demo's knowledge (demo/knowledge.jsonl), as `baton serve --demo` loads it. */
export function demoArticles(): Article[] {
  return readFileSync(new URL('../../demo/knowledge.jsonl', import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Article);
}

/** A workspace policy that leaves every decision to the engine's own threshold and signals. */
export const OPEN_POLICY: EnginePolicy = { confidenceThreshold: null, alwaysHumanIntents: [], alwaysHumanTopics: [] };
