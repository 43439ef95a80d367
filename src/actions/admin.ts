// The admin's commands and queries on a workspace's actions: the document (tools, identity,
// playbooks), the API secret, importing tools from an OpenAPI document, and trying a tool.
// Every change is one transaction with its `admin.actions.*` event (hence an audit entry);
// the secret's value is never returned, logged or recorded.
import type { Kysely } from 'kysely';
import { AppError } from '../errors.ts';
import type { Schema, WorkspaceActionsRow } from '../db/schema.ts';
import { findWorkspaceActions, saveActionsConfig, saveActionsSecret } from '../db/repositories/actions.ts';
import type { Actor } from '../conversations/actor.ts';
import type { SecretBox } from '../connectors/crypto.ts';
import { adminChange } from '../workspaces/admin-change.ts';
import { checkTargetUrl, OutboundError } from '../webhooks/safe-http.ts';
import { checkActionsConfig } from './check.ts';
import { actionsConfigSchema, type ActionsConfig } from './config.ts';
import { importOpenApiTools, type OpenApiImport } from './tools/openapi-import.ts';
import type { ToolDefinition, ToolOutcome } from './types.ts';
import { actionsSecretContext, callerFor } from './workspace-actions.ts';

type Box = () => Promise<SecretBox>;

export interface ActionsView {
  config: ActionsConfig;
  /** Whether an API secret is stored; its value is never returned. */
  hasSecret: boolean;
  allowPrivateNetwork: boolean;
  updatedAt: string | null;
  updatedBy: string | null;
}

const EMPTY = actionsConfigSchema.parse({});

const present = (row: WorkspaceActionsRow | undefined): ActionsView => ({
  config: row ? actionsConfigSchema.parse(row.config) : EMPTY,
  hasSecret: !!row?.secret_sealed,
  allowPrivateNetwork: row?.allow_private_network ?? false,
  updatedAt: row ? new Date(row.updated_at).toISOString() : null,
  updatedBy: row?.updated_by ?? null,
});

const by = (actor: Actor): string | null => (actor.id ? `${actor.type}:${actor.id}` : actor.type);

export async function getActions(db: Kysely<Schema>, workspaceId: string): Promise<ActionsView> {
  return present(await findWorkspaceActions(db, workspaceId));
}

/** The document checked whole (schema, then references) and its API base checked against the SSRF guard. */
async function validated(raw: unknown, allowPrivateNetwork: boolean): Promise<ActionsConfig> {
  const check = checkActionsConfig(raw);
  if (!check.ok) {
    const n = check.problems.length;
    throw new AppError('invalid_request', `The actions document has ${n} problem${n === 1 ? '' : 's'}.`, check.problems);
  }
  if (check.config.apiBase) {
    try {
      await checkTargetUrl(check.config.apiBase, allowPrivateNetwork);
    } catch (err) {
      // A name that does not resolve today may tomorrow; an address that is refused never will be accepted.
      if (err instanceof OutboundError && !err.retryable) {
        throw new AppError('invalid_request', `apiBase refused: ${err.message}`, [{ path: 'apiBase', message: err.message }]);
      }
    }
  }
  return check.config;
}

/** Replaces the document (and the private-network switch, kept when omitted); nothing changes on an error. */
export async function replaceActions(
  db: Kysely<Schema>,
  actor: Actor,
  body: { config: unknown; allowPrivateNetwork?: boolean },
): Promise<ActionsView> {
  const before = await findWorkspaceActions(db, actor.workspaceId);
  const allowPrivateNetwork = body.allowPrivateNetwork ?? before?.allow_private_network ?? false;
  const config = await validated(body.config, allowPrivateNetwork);
  return adminChange(db, actor, async (tx, audit) => {
    const row = await saveActionsConfig(tx, { workspaceId: actor.workspaceId, config, allowPrivateNetwork, updatedBy: by(actor) });
    await audit('admin.actions.updated', summary(before ? actionsConfigSchema.parse(before.config) : EMPTY, config, allowPrivateNetwork));
    return present(row);
  });
}

/** What changed, by name: tools, playbooks, the API base; never argument values or secrets. */
function summary(before: ActionsConfig, after: ActionsConfig, allowPrivateNetwork: boolean): Record<string, unknown> {
  const names = (c: ActionsConfig) => new Map(c.tools.map((t) => [t.name, JSON.stringify(t)]));
  const ids = (c: ActionsConfig) => new Map(c.playbooks.map((p) => [p.id, JSON.stringify(p)]));
  const diff = (a: Map<string, string>, b: Map<string, string>) => ({
    added: [...b.keys()].filter((k) => !a.has(k)),
    removed: [...a.keys()].filter((k) => !b.has(k)),
    changed: [...b.keys()].filter((k) => a.has(k) && a.get(k) !== b.get(k)),
  });
  return {
    api_base: after.apiBase ?? null,
    allow_private_network: allowPrivateNetwork,
    tools: diff(names(before), names(after)),
    playbooks: diff(ids(before), ids(after)),
    identity_changed: JSON.stringify(before.identity ?? null) !== JSON.stringify(after.identity ?? null),
  };
}

/** Seals and stores the API secret (replacing any); a key that cannot be had answers 503. */
export async function setActionsSecret(db: Kysely<Schema>, box: Box, actor: Actor, secret: string): Promise<{ hasSecret: boolean }> {
  let sealed: string;
  try {
    sealed = (await box()).seal(secret, actionsSecretContext(actor.workspaceId));
  } catch (err) {
    throw new AppError('unavailable', (err as Error).message);
  }
  return adminChange(db, actor, async (tx, audit) => {
    await saveActionsSecret(tx, { workspaceId: actor.workspaceId, secretSealed: sealed, updatedBy: by(actor) });
    await audit('admin.actions.secret_set', {});
    return { hasSecret: true };
  });
}

export async function clearActionsSecret(db: Kysely<Schema>, actor: Actor): Promise<{ hasSecret: boolean }> {
  return adminChange(db, actor, async (tx, audit) => {
    const before = await findWorkspaceActions(tx, actor.workspaceId);
    if (before?.secret_sealed) {
      await saveActionsSecret(tx, { workspaceId: actor.workspaceId, secretSealed: null, updatedBy: by(actor) });
      await audit('admin.actions.secret_cleared', {});
    }
    return { hasSecret: false };
  });
}

export interface ImportResult extends OpenApiImport {
  /** Names of imported tools the document does not have yet, and of those that would replace (or replaced) one. */
  added: string[];
  replaced: string[];
  applied: boolean;
}

/**
 * Tools from an OpenAPI document (its text, never a URL: Baton fetches nothing for the admin).
 * Without `apply` it only answers what it would add; with it, merges them into the document
 * (a tool of the same name is replaced) after the same checks as a replace.
 */
export async function importActionsTools(
  db: Kysely<Schema>,
  actor: Actor,
  body: { document: string; operationIds?: string[]; apply?: boolean },
): Promise<ImportResult> {
  const imported = importOpenApiTools(body.document, body.operationIds ?? null);
  const before = await findWorkspaceActions(db, actor.workspaceId);
  const current = before ? actionsConfigSchema.parse(before.config) : EMPTY;
  const existing = new Set(current.tools.map((t) => t.name));
  const added = imported.tools.filter((t) => !existing.has(t.name)).map((t) => t.name);
  const replaced = imported.tools.filter((t) => existing.has(t.name)).map((t) => t.name);
  if (!body.apply) return { ...imported, added, replaced, applied: false };

  const byName = new Map(imported.tools.map((t) => [t.name, t]));
  const tools: ToolDefinition[] = [
    ...current.tools.map((t) => byName.get(t.name) ?? t),
    ...imported.tools.filter((t) => added.includes(t.name)),
  ];
  const allowPrivateNetwork = before?.allow_private_network ?? false;
  const config = await validated({ ...current, tools }, allowPrivateNetwork);
  await adminChange(db, actor, async (tx, audit) => {
    await saveActionsConfig(tx, { workspaceId: actor.workspaceId, config, allowPrivateNetwork, updatedBy: by(actor) });
    await audit('admin.actions.tools_imported', { added, replaced });
  });
  return { ...imported, added, replaced, applied: true };
}

/**
 * Calls one of the workspace's tools with the given arguments, as the bot would (the stored
 * secret, the SSRF guard, the tool's deadline), but outside any conversation: no identity or
 * confirmation applies, so a write tool runs only when `allowWrite` is given. The outcome is
 * the answer, a failure included; the call is recorded (tool, outcome; argument names only).
 */
export async function testActionsTool(
  db: Kysely<Schema>,
  box: Box,
  actor: Actor,
  name: string,
  body: { args: Record<string, unknown>; allowWrite?: boolean },
): Promise<ToolOutcome> {
  const row = await findWorkspaceActions(db, actor.workspaceId);
  const config = row ? actionsConfigSchema.parse(row.config) : EMPTY;
  const tool = config.tools.find((t) => t.name === name);
  if (!row || !tool) throw new AppError('not_found', `No tool is named "${name}".`);
  if (tool.kind === 'write' && body.allowWrite !== true) {
    throw new AppError('invalid_request', `"${name}" is a write tool: it changes the company's data; send allowWrite: true to run it.`, [
      { path: 'allowWrite', message: 'required for a write tool' },
    ]);
  }
  let call;
  try {
    call = await callerFor(row, config, box);
  } catch (err) {
    throw new AppError('unavailable', `the API secret cannot be opened: ${(err as Error).message}`);
  }
  if (!call) throw new AppError('invalid_request', 'The actions document has no apiBase.', [{ path: 'apiBase', message: 'required' }]);
  const outcome = await call(tool, body.args);
  await adminChange(db, actor, (_tx, audit) =>
    audit('admin.actions.tool_tested', {
      tool: tool.name,
      kind: tool.kind,
      arg_names: Object.keys(body.args).sort(),
      ok: outcome.ok,
      status: outcome.ok ? outcome.status : (outcome.status ?? null),
      error: outcome.ok ? null : outcome.error,
      duration_ms: outcome.durationMs,
    }),
  );
  return outcome;
}
