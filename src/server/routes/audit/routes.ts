import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../errors.ts';
import { staffActor } from '../../plugins/auth.ts';
import { auditEntries } from '../../../audit/log.ts';
import type { AppContext } from '../../context.ts';

const AuditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(100).optional(),
  type: z
    .string()
    .max(100)
    .regex(/^[a-z_.]+$/, 'an entry type, or a prefix ending in a dot (admin.)')
    .optional(),
  actor_id: z.string().max(100).optional(),
  subject_id: z.string().max(100).optional(),
});

const AuditEntry = z
  .object({
    id: z.string(),
    at: z.string(),
    type: z.string(),
    actor: z.object({ type: z.string(), id: z.string().nullable() }),
    subject: z.object({ type: z.string(), id: z.string().nullable() }).nullable(),
    event_id: z.string().nullable(),
    data: z.record(z.string(), z.unknown()),
    prev_hash: z.string().nullable(),
    hash: z.string(),
  })
  .meta({ id: 'AuditEntry', description: 'One entry of the hash-chained audit log (docs/audit.md)' });

type Entry = Awaited<ReturnType<typeof auditEntries>>[number];

export const presentAuditEntry = (e: Entry) => ({
  id: String(e.id),
  at: new Date(e.at).toISOString(),
  type: e.type,
  actor: { type: e.actor_type, id: e.actor_id },
  subject: e.subject_type ? { type: e.subject_type, id: e.subject_id } : null,
  event_id: e.event_id === null ? null : String(e.event_id),
  data: e.data,
  prev_hash: e.prev_hash,
  hash: e.hash,
});

const cursorOf = (id: string) => Buffer.from(JSON.stringify({ before: id })).toString('base64url');
function beforeOf(cursor: string | undefined): string | undefined {
  if (!cursor) return undefined;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as { before?: unknown };
    if (typeof v.before === 'string' && /^\d{1,19}$/.test(v.before)) return v.before;
  } catch {
    // fall through
  }
  throw new AppError('invalid_request', 'cursor: not a cursor this API returned');
}

/** The workspace's audit trail for admins: newest first, cursor-paginated, filterable. */
export function auditRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/admin/audit-log',
    {
      schema: {
        tags: ['admin'],
        summary: 'Audit entries of this workspace, newest first (logins, reveals, exports, erasures, admin changes, API-key use)',
        querystring: AuditQuery,
        operationId: 'listAuditEntries',
        response: { 200: z.object({ entries: z.array(AuditEntry), next_cursor: z.string().nullable() }) },
      },
      config: { access: { kind: 'staff', role: 'admin' } },
    },
    async (request) => {
      const actor = staffActor(request);
      const q = request.query;
      const rows = await auditEntries(ctx.db, {
        workspaceId: actor.workspaceId,
        type: q.type,
        actorId: q.actor_id,
        subjectId: q.subject_id,
        beforeId: beforeOf(q.cursor),
        limit: q.limit + 1,
      });
      const page = rows.slice(0, q.limit);
      const last = page.at(-1);
      return { entries: page.map(presentAuditEntry), next_cursor: rows.length > q.limit && last ? cursorOf(String(last.id)) : null };
    },
  );
}
