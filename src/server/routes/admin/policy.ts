import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { staffActor } from '../../plugins/auth.ts';
import { PolicySchema } from '../../../workspaces/policy.ts';
import { getPolicy, policyDefaults, replacePolicy } from '../../../workspaces/admin-policy.ts';
import type { AppContext } from '../../context.ts';
import { z } from 'zod';
import { adminAccess, tags } from './common.ts';

const ByLanguage = z.record(z.string(), z.string()).describe('One text per language code; `en` is always there.');
const PolicyResponse = z.object({
  policy: PolicySchema,
  /** What a null field of the policy means: the text the bot sends in the conversation's language. */
  defaults: z
    .object({ crisisMessage: ByLanguage, dangerMessage: ByLanguage })
    .describe("The engine's default safety replies, by language: what a null crisisMessage or dangerMessage sends."),
});

// The workspace policy: threshold, always-human intents and topics, languages, business hours, PII.
export function policyRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/admin/policy',
    {
      schema: { tags, operationId: 'getPolicy', summary: 'The workspace policy (defaults filled in)', response: { 200: PolicyResponse } },
      config: adminAccess,
    },
    async (request) => ({
      policy: await getPolicy(ctx.db, staffActor(request).workspaceId),
      defaults: policyDefaults(),
    }),
  );

  r.put(
    '/api/v1/admin/policy',
    {
      schema: {
        tags,
        operationId: 'replacePolicy',
        summary: 'Replace the workspace policy (omitted fields take their defaults)',
        body: PolicySchema.strict(),
        response: { 200: PolicyResponse },
      },
      config: adminAccess,
    },
    async (request) => ({ policy: await replacePolicy(ctx.db, staffActor(request), request.body), defaults: policyDefaults() }),
  );
}
