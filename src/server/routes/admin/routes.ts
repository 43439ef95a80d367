import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { policyRoutes } from './policy.ts';
import { ruleRoutes } from './rules.ts';
import { teamRoutes } from './teams.ts';
import { agentRoutes } from './agents.ts';
import { knowledgeRoutes } from './knowledge.ts';
import { keyRoutes } from './keys.ts';
import { widgetSnippetRoutes } from './widget.ts';
import { actionsRoutes } from './actions.ts';
import { thresholdRoutes } from './threshold.ts';

/** The admin API (role admin): every change validated and written as an event in its transaction. */
export function adminRoutes(app: FastifyInstance, ctx: AppContext): void {
  policyRoutes(app, ctx);
  ruleRoutes(app, ctx);
  teamRoutes(app, ctx);
  agentRoutes(app, ctx);
  knowledgeRoutes(app, ctx);
  keyRoutes(app, ctx);
  widgetSnippetRoutes(app, ctx);
  actionsRoutes(app, ctx);
  thresholdRoutes(app, ctx);
}
