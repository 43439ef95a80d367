// What the demo workspace serves: the demo's own help centre (demo/knowledge.jsonl) and the
// retail shop's pages (bench/retail/kb.jsonl) whose playbooks look up and change orders, as
// one help centre. Pure: the seeding (demo.ts) and the demo benchmark (bench/demo.ts) both
// build the knowledge from here, so what is measured is what a new user talks to.
import type { Article } from '../engine/types.ts';
import type { ActionsConfig } from '../actions/config.ts';
import { exampleKey } from '../knowledge/shared-examples.ts';

/**
 * Shop pages on a topic one of the demo's own pages already covers, and that page. Two pages
 * on one topic ("Where is my order?" beside "Track your order", both with "where is my order"
 * among their example questions) split the classifier between them, so neither is answered:
 * the demo as served answered 15 of the 48 development paraphrases its own knowledge answers
 * 37 of (bench/demo.ts, docs/engine.md "The demo as served"). The shop's playbooks for these
 * topics start on the demo's page instead (`demoActions`). `examples`: the shop page's example
 * questions are the covering page's topic and join it ("my order still hasn't arrived, where is
 * it": without them the demo handed off "my order hasn't arrived yet"); the shop's page on all of
 * shipping keeps its own, which ask about damage, missing items and changes to an order, topics
 * of other pages.
 */
export const SHOP_PAGES_COVERED: Readonly<Record<string, { page: string; examples: boolean }>> = {
  'order-status': { page: 'track-order', examples: true },
  'change-order-address': { page: 'change-address', examples: true },
  shipping: { page: 'shipping-times', examples: false },
};

export const isCoveredShopPage = (id: string) => Object.hasOwn(SHOP_PAGES_COVERED, id);

/** Shop pages the demo serves beside its own: not covered, and not one of its ids (its own page keeps the id). */
export function shopPagesServed(own: readonly Article[], shop: readonly Article[]): Article[] {
  const ids = new Set(own.map((a) => a.id));
  return shop.filter((a) => !ids.has(a.id) && !isCoveredShopPage(a.id));
}

/**
 * The demo's own pages as served: a page covering shop pages whose examples join it gets those
 * it lacks (after its own, in the shop's order); every other page is returned as it is (the same
 * object, so a caller can tell what changed).
 */
export function ownPagesServed(own: readonly Article[], shop: readonly Article[]): Article[] {
  return own.map((a) => {
    const from = shop.filter((s) => SHOP_PAGES_COVERED[s.id]?.page === a.id && SHOP_PAGES_COVERED[s.id].examples);
    const have = new Set((a.examples ?? []).map(exampleKey));
    const add = [...new Set(from.flatMap((s) => s.examples ?? []))].filter((q) => !have.has(exampleKey(q)));
    return add.length ? { ...a, examples: [...(a.examples ?? []), ...add] } : a;
  });
}

/** The demo's knowledge as the workspace serves it, in the database's order (by id). */
export function servedDemoKnowledge(own: readonly Article[], shop: readonly Article[]): Article[] {
  return [...ownPagesServed(own, shop), ...shopPagesServed(own, shop)].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The shop's actions for the demo: a playbook on a covered page also starts on the demo's page for it. */
export function demoActions(config: ActionsConfig): ActionsConfig {
  return {
    ...config,
    playbooks: config.playbooks.map((p) => {
      const extra = p.trigger.articles.filter(isCoveredShopPage).map((id) => SHOP_PAGES_COVERED[id].page);
      return extra.length ? { ...p, trigger: { ...p.trigger, articles: [...new Set([...p.trigger.articles, ...extra])] } } : p;
    }),
  };
}
