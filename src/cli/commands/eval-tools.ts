// `baton eval --tools WORKSPACE.json [--api-base URL]`: the workspace's actions document and a
// caller for its API, so tickets run with its playbooks (docs/eval.md).
import { readFile } from 'node:fs/promises';
import { actionsConfigSchema } from '../../actions/config.ts';
import { createToolCaller } from '../../actions/tools/call.ts';
import { standInHooks, type EvalActions } from '../../engine/eval/actions.ts';
import { UsageError } from '../usage-error.ts';

export async function loadEvalActions(file: string, apiBase: string | undefined): Promise<EvalActions> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`--tools ${file}: ${(e as Error).message}`);
  }
  const parsed = actionsConfigSchema.safeParse(raw);
  if (!parsed.success)
    throw new UsageError(`--tools ${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const config = parsed.data;
  const base = apiBase ?? config.apiBase;
  if (!base) throw new UsageError(`--tools ${file} has no apiBase: give --api-base URL`);
  if (!/^https?:\/\//.test(base)) throw new UsageError(`--api-base must be an http(s) URL (got "${base}")`);
  // The address is the operator's own choice on their own machine (a stand-in on loopback), so private addresses are allowed.
  const call = createToolCaller({ apiBase: base, secret: process.env.BATON_EVAL_TOOLS_SECRET ?? null, allowPrivate: true });
  return { config: { ...config, apiBase: base }, call, ...standInHooks(base, call, config) };
}
