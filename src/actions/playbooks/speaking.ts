// Which language the runner speaks in a conversation. The workspace's texts (its questions and
// replies) are what the customer mostly reads; the runner's own words around them (an
// acknowledgment, the offer of a person) must be in the same language, or a German customer of a
// shop that wrote English only reads "Gern geschehen! Before I look at your account…".
import type { ActionsConfig } from '../config.ts';
import { primaryLanguage as primary, type OwnText } from '../../engine/text/localized.ts';
import { detectLanguage } from '../../engine/understand/language.ts';

/** Every text of the document the customer may read. */
function saidTexts(config: ActionsConfig): OwnText[] {
  const identity = config.identity;
  return [
    ...(identity ? [identity.ask, identity.notFound, ...identity.slots.map((s) => s.ask)] : []),
    ...config.playbooks.flatMap((p) => [
      ...p.slots.map((s) => s.ask),
      ...p.steps.flatMap((s) => (s.do === 'confirm' || s.do === 'reply' ? [s.text] : s.do === 'check' && s.else ? [s.else] : [])),
    ]),
    ...(config.otherAccount ? [config.otherAccount.reply] : []),
  ];
}

interface Languages {
  /** Languages the workspace wrote texts in by code. */
  coded: Set<string>;
  /** The language its texts are in where no code says which: its one-language texts read together, else English. */
  otherwise: string;
}

const cache = new WeakMap<ActionsConfig, Languages>();

function languagesOf(config: ActionsConfig): Languages {
  const known = cache.get(config);
  if (known) return known;
  const texts = saidTexts(config);
  const coded = new Set(texts.flatMap((t) => (typeof t === 'string' ? [] : Object.keys(t).map(primary))));
  const plain = texts.filter((t): t is string => typeof t === 'string').join('\n');
  // Placeholders and their filters are not words of any language.
  const words = plain.replace(/\{[^}]*\}/g, ' ');
  const found: Languages = {
    coded,
    otherwise: words.trim() ? detectLanguage(words) : coded.has('en') || !coded.size ? 'en' : [...coded][0]!,
  };
  cache.set(config, found);
  return found;
}

/**
 * The language the runner speaks: the conversation's where the workspace wrote texts in it by
 * code, else the language of its texts (a shop that wrote German only speaks German to everyone).
 */
export function speakingLanguage(config: ActionsConfig, conversation: string | null | undefined): string {
  const { coded, otherwise } = languagesOf(config);
  return conversation && coded.has(primary(conversation)) ? primary(conversation) : otherwise;
}
