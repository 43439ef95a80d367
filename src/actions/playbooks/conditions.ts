// Conditions on slots and step results: policy checks ("only pending orders can be
// cancelled"), when a call runs, which entries a pick may choose.
import type { Condition } from '../config.ts';
import { fillValue, resolvePath, type Scope } from './template.ts';

function same(a: unknown, b: unknown): boolean {
  return typeof a === 'string' && typeof b === 'string' ? a.toLowerCase() === b.toLowerCase() : a === b;
}

function bound(scope: Scope, v: number | string): number {
  return typeof v === 'number' ? v : Number(resolvePath(scope, v));
}

/** A listed value may be a template ("{order.payment_method_id}"): compared with what it names. */
function valueOf(x: unknown, scope: Scope): unknown {
  return typeof x === 'string' && x.startsWith('{') ? fillValue(x, scope) : x;
}

export function holds(c: Condition, scope: Scope): boolean {
  const v = resolvePath(scope, c.path);
  const present = v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);
  if (c.exists !== undefined && c.exists !== present) return false;
  if (c.in && !c.in.some((x) => same(valueOf(x, scope), v))) return false;
  if (c.notIn && c.notIn.some((x) => same(valueOf(x, scope), v))) return false;
  if (c.atLeast !== undefined && !(Number(v) >= bound(scope, c.atLeast))) return false;
  if (c.atMost !== undefined && !(Number(v) <= bound(scope, c.atMost))) return false;
  if (c.anyOf && !c.anyOf.some((x) => holds(x, scope))) return false;
  return true;
}
