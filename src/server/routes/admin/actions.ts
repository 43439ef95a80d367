import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { staffActor } from '../../plugins/auth.ts';
import { actionsConfigSchema } from '../../../actions/config.ts';
import { toolDefinitionSchema } from '../../../actions/types.ts';
import {
  clearActionsSecret,
  getActions,
  importActionsTools,
  replaceActions,
  setActionsSecret,
  testActionsTool,
} from '../../../actions/admin.ts';
import type { AppContext } from '../../context.ts';
import { adminAccess, tags } from './common.ts';

const ActionsConfig = actionsConfigSchema.meta({
  id: 'ActionsConfig',
  description: 'The actions document: API base, tools, identity, playbooks (docs/actions.md)',
});
const ToolDefinition = toolDefinitionSchema.meta({ id: 'ToolDefinition', description: 'One HTTP operation of the company API' });

const ActionsView = z
  .object({
    config: ActionsConfig,
    hasSecret: z.boolean().describe('Whether an API secret is stored; its value is never returned'),
    allowPrivateNetwork: z.boolean().describe('Tools may reach private and loopback addresses'),
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable().describe('"agent:<id>" or "api_key:<id>"'),
  })
  .meta({ id: 'ActionsView' });

const PutBody = z
  .object({
    config: ActionsConfig,
    allowPrivateNetwork: z.boolean().optional().describe('Omitted keeps the stored value (default false)'),
  })
  .strict();

const SecretBody = z
  .object({
    secret: z
      .string()
      .min(1)
      .max(4096)
      .regex(/^[^\u0000-\u001f\u007f]+$/, 'no control characters (it is sent in an HTTP header)')
      .describe('The API key or bearer token'),
  })
  .strict();
const SecretState = z.object({ hasSecret: z.boolean() });

const ImportBody = z
  .object({
    document: z
      .string()
      .min(1)
      .max(5 * 1024 * 1024)
      .describe('The OpenAPI 3.0/3.1 document itself, JSON or YAML'),
    operationIds: z.array(z.string().min(1).max(200)).max(500).optional().describe('Operations to import; omitted or empty: all'),
    apply: z.boolean().default(false).describe('Merge the tools into the actions document (same name: replaced)'),
  })
  .strict();
const ImportResponse = z.object({
  tools: z.array(ToolDefinition),
  operationIds: z.array(z.string()).describe("The operationId each tool came from, in the tools' order"),
  added: z.array(z.string()),
  replaced: z.array(z.string()),
  skipped: z.array(z.object({ operation: z.string(), reason: z.string() })),
  warnings: z.array(z.string()),
  applied: z.boolean(),
});

const ToolParams = z.object({ name: z.string().min(1).max(64) });
const TestBody = z
  .object({
    args: z.record(z.string(), z.unknown()).default({}),
    allowWrite: z.boolean().default(false).describe('Required to run a write tool: it changes the company data'),
  })
  .strict();
const ToolOutcome = z
  .object({
    ok: z.boolean(),
    status: z.number().int().optional().describe('The HTTP status the API answered'),
    data: z.unknown().optional().describe('The kept result (ok only)'),
    error: z.enum(['timeout', 'network', 'http', 'invalid', 'ssrf', 'refused']).optional(),
    message: z.string().optional().describe("The API's own error message when it gave one"),
    durationMs: z.number(),
  })
  .meta({ id: 'ToolOutcome', description: 'What one tool call came to' });

/** The OpenAPI document may be larger than ordinary bodies. */
const IMPORT_BODY_LIMIT = 6 * 1024 * 1024;

// A workspace's actions: tools (the company API's operations), identity, playbooks, API secret.
export function actionsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const box = () => ctx.outbound.box();

  r.get(
    '/api/v1/admin/actions',
    {
      schema: { tags, operationId: 'getActions', summary: 'The actions document (never the secret)', response: { 200: ActionsView } },
      config: adminAccess,
    },
    async (request) => getActions(ctx.db, staffActor(request).workspaceId),
  );

  r.put(
    '/api/v1/admin/actions',
    {
      schema: {
        tags,
        operationId: 'replaceActions',
        summary: 'Replace the actions document; every problem is listed and nothing changes on an error',
        body: PutBody,
        response: { 200: ActionsView },
      },
      config: adminAccess,
    },
    async (request) => replaceActions(ctx.db, staffActor(request), request.body),
  );

  r.put(
    '/api/v1/admin/actions/secret',
    {
      schema: {
        tags,
        operationId: 'setActionsSecret',
        summary: 'Store the API secret (sealed at rest)',
        body: SecretBody,
        response: { 200: SecretState },
      },
      config: adminAccess,
    },
    async (request) => setActionsSecret(ctx.db, box, staffActor(request), request.body.secret),
  );

  r.delete(
    '/api/v1/admin/actions/secret',
    {
      schema: { tags, operationId: 'clearActionsSecret', summary: 'Forget the API secret', response: { 200: SecretState } },
      config: adminAccess,
    },
    async (request) => clearActionsSecret(ctx.db, staffActor(request)),
  );

  r.post(
    '/api/v1/admin/actions/import',
    {
      bodyLimit: Math.max(IMPORT_BODY_LIMIT, ctx.env.BODY_LIMIT),
      schema: {
        tags,
        operationId: 'importActionsTools',
        summary: 'Tools from an OpenAPI document: what would be added, or with apply, merged in',
        body: ImportBody,
        response: { 200: ImportResponse },
      },
      config: adminAccess,
    },
    async (request) => importActionsTools(ctx.db, staffActor(request), request.body),
  );

  r.post(
    '/api/v1/admin/actions/tools/:name/test',
    {
      schema: {
        tags,
        operationId: 'testActionsTool',
        summary: 'Call a tool with the given arguments (a write only with allowWrite)',
        params: ToolParams,
        body: TestBody,
        response: { 200: ToolOutcome },
      },
      config: adminAccess,
    },
    async (request) => testActionsTool(ctx.db, box, staffActor(request), request.params.name, request.body),
  );
}
