// Checks an actions document beyond its schema: every name a playbook or the identity section
// uses must exist, so a mistake is found when the admin saves it, not mid-conversation.
import { actionsConfigSchema, type ActionsConfig } from './config.ts';

export interface ActionsProblem {
  /** Where, as a slash path into the document ("playbooks/0/steps/2/tool"). */
  path: string;
  message: string;
}

export type ActionsCheck = { ok: true; config: ActionsConfig } | { ok: false; problems: ActionsProblem[] };

/** Validates the document (schema, then references); lists every problem found. */
export function checkActionsConfig(raw: unknown): ActionsCheck {
  const parsed = actionsConfigSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('/'), message: i.message })) };
  }
  const problems = referenceProblems(parsed.data);
  return problems.length ? { ok: false, problems } : { ok: true, config: parsed.data };
}

function referenceProblems(config: ActionsConfig): ActionsProblem[] {
  const problems: ActionsProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  const tools = new Map(config.tools.map((t) => [t.name, t]));

  const seenTools = new Set<string>();
  config.tools.forEach((tool, i) => {
    const at = `tools/${i}`;
    if (seenTools.has(tool.name)) add(`${at}/name`, `another tool is also named "${tool.name}"`);
    seenTools.add(tool.name);
    const props = tool.input.properties;
    for (const m of tool.path.matchAll(/\{([^}]+)\}/g)) {
      if (!props[m[1]!]) add(`${at}/path`, `path argument "${m[1]}" is not among the input properties`);
    }
    for (const name of tool.input.required) {
      if (!props[name]) add(`${at}/input/required`, `"${name}" is required but not among the input properties`);
    }
    if (tool.auth?.type === 'header' && !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(tool.auth.header)) {
      add(`${at}/auth/header`, `"${tool.auth.header}" is not a valid HTTP header name`);
    }
    if (tool.identityArg && !props[tool.identityArg]) add(`${at}/identityArg`, `"${tool.identityArg}" is not among the input properties`);
    if (tool.ownerLookup) {
      const lookup = config.tools.find((t) => t.name === tool.ownerLookup);
      if (!lookup || lookup.kind !== 'read' || !lookup.ownerField)
        add(`${at}/ownerLookup`, `"${tool.ownerLookup}" must name a read tool with an ownerField`);
      else if (lookup.input.required.some((r) => !props[r]))
        add(`${at}/ownerLookup`, `"${tool.ownerLookup}" needs arguments this tool does not take`);
    }
  });

  const callProblems = (at: string, toolName: string, args: Record<string, string>) => {
    const tool = tools.get(toolName);
    if (!tool) {
      add(`${at}/tool`, `no tool is named "${toolName}"`);
      return null;
    }
    for (const arg of Object.keys(args)) {
      if (!tool.input.properties[arg]) add(`${at}/args/${arg}`, `tool "${toolName}" takes no argument "${arg}"`);
    }
    return tool;
  };

  config.identity?.methods.forEach((method, i) => {
    const at = `identity/methods/${i}`;
    const tool = callProblems(at, method.tool, method.args);
    if (tool && !tool.verifies) add(`${at}/tool`, `tool "${method.tool}" does not declare "verifies", so it cannot verify a customer`);
  });

  const seenPlaybooks = new Set<string>();
  config.playbooks.forEach((playbook, p) => {
    if (seenPlaybooks.has(playbook.id)) add(`playbooks/${p}/id`, `another playbook is also "${playbook.id}"`);
    seenPlaybooks.add(playbook.id);
    playbook.steps.forEach((step, s) => {
      if (step.do === 'call') callProblems(`playbooks/${p}/steps/${s}`, step.tool, step.args);
    });
  });
  return problems;
}
