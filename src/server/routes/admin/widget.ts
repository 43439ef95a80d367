import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { staffActor } from '../../plugins/auth.ts';
import { ownWorkspace } from '../../../workspaces/queries.ts';
import type { AppContext } from '../../context.ts';
import { z } from 'zod';
import { readWidgetManifest } from '../static/widget-build.ts';

const WidgetSnippet = z.object({
  workspace: z.string().describe('The workspace slug'),
  script_url: z.string(),
  snippet: z.string().describe('The script tag to add to a site'),
  identity: z.object({ how: z.string(), snippet: z.string(), server_example: z.string() }).describe('How to sign logged-in users'),
  pinned: z
    .object({
      script_url: z.string().describe('This build of the widget under its content hash; cached for a year, never changes'),
      integrity: z.string().describe('Its Subresource Integrity value (sha384-…), for the script tag’s integrity attribute'),
      snippet: z.string().describe('The script tag pinned to this build, with integrity and crossorigin'),
    })
    .nullable()
    .describe('The widget pinned to this exact build, for sites that use Subresource Integrity; null when the widget is not built'),
});
import { adminAccess, tags } from './common.ts';

// The one script tag a site adds, and how to sign its logged-in users.
export function widgetSnippetRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/admin/widget-snippet',
    {
      schema: {
        tags,
        operationId: 'getWidgetSnippet',
        summary: 'The chat widget install snippet for this workspace',
        response: { 200: WidgetSnippet },
      },
      config: adminAccess,
    },
    async (request) => {
      const ws = await ownWorkspace(ctx.db, staffActor(request).workspaceId);
      const base = `${request.protocol}://${request.host}`;
      const attr = (s: string) => s.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`);
      const build = await readWidgetManifest();
      return {
        workspace: ws.slug,
        script_url: `${base}/widget.js`,
        snippet: `<script src="${attr(base)}/widget.js" data-workspace="${attr(ws.slug)}" async></script>`,
        identity: {
          how: 'To verify logged-in users, add data-user-id and data-user-hash, where user_hash = hex HMAC-SHA256 of the user id with the workspace identity secret, computed on your server. Never put the secret in the page. To make the signature expire, add data-user-expires (unix seconds) and sign the user id, a newline and that number instead.',
          snippet: `<script src="${attr(base)}/widget.js" data-workspace="${attr(ws.slug)}" data-user-id="USER_ID" data-user-hash="HMAC_SHA256_HEX" async></script>`,
          server_example: "crypto.createHmac('sha256', IDENTITY_SECRET).update(userId).digest('hex')",
        },
        pinned: build
          ? {
              script_url: `${base}/${build.pinned}`,
              integrity: build.integrity,
              snippet: `<script src="${attr(base)}/${build.pinned}" integrity="${build.integrity}" crossorigin="anonymous" data-workspace="${attr(ws.slug)}" async></script>`,
            }
          : null,
      };
    },
  );
}
