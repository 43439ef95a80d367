// What the demo workspace serves: the demo's own help centre (demo/knowledge.jsonl) and the
// retail shop's pages (bench/retail/kb.jsonl) whose playbooks look up and change orders, as
// one help centre. Pure: the seeding (demo.ts) and the demo benchmark (bench/demo.ts) both
// build the knowledge from here, so what is measured is what a new user talks to.
import type { Article } from '../engine/types.ts';
import type { ActionsConfig } from '../actions/config.ts';

/**
 * Shop pages on a topic one of the demo's own pages already covers, and that page. Two pages
 * on one topic ("Where is my order?" beside "Track your order", both with "where is my order"
 * among their example questions) split the classifier between them, so neither is answered:
 * the demo as served answered 15 of the 48 development paraphrases its own knowledge answers
 * 37 of (bench/demo.ts, docs/engine.md "The demo as served"). The shop's playbooks for these
 * topics start on the demo's page instead (`demoActions`).
 */
export const SHOP_PAGES_COVERED: Readonly<Record<string, string>> = {
  'order-status': 'track-order',
  'change-order-address': 'change-address',
  shipping: 'shipping-times',
};

export const isCoveredShopPage = (id: string) => Object.hasOwn(SHOP_PAGES_COVERED, id);

/** Shop pages the demo serves beside its own: not covered, and not one of its ids (its own page keeps the id). */
export function shopPagesServed(own: readonly Article[], shop: readonly Article[]): Article[] {
  const ids = new Set(own.map((a) => a.id));
  return shop.filter((a) => !ids.has(a.id) && !isCoveredShopPage(a.id));
}

/** The demo's knowledge as the workspace serves it, in the database's order (by id). */
export function servedDemoKnowledge(own: readonly Article[], shop: readonly Article[]): Article[] {
  return [...own, ...shopPagesServed(own, shop)].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The shop's actions for the demo: a playbook on a covered page also starts on the demo's page for it. */
export function demoActions(config: ActionsConfig): ActionsConfig {
  return {
    ...config,
    playbooks: config.playbooks.map((p) => {
      const extra = p.trigger.articles.filter(isCoveredShopPage).map((id) => SHOP_PAGES_COVERED[id]);
      return extra.length ? { ...p, trigger: { ...p.trigger, articles: [...new Set([...p.trigger.articles, ...extra])] } } : p;
    }),
  };
}
