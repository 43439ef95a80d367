// Faults a test can inject so a caller meets a failing company API: the next calls of an
// operation answer with an error status, or after a delay (a deadline to miss), without running.
import { z } from 'zod';

export const faultSchema = z.object({
  operation: z.string().min(1),
  /** Answer this status (e.g. 500) instead of running the operation. */
  status: z.number().int().min(400).max(599).optional(),
  /** Wait this long before answering (with the fault's status, or else the operation's result). */
  delay_ms: z.number().int().min(0).max(60_000).default(0),
  /** How many calls it applies to. */
  times: z.number().int().min(1).default(1),
});
export type Fault = z.infer<typeof faultSchema>;

export class Faults {
  private pending: Fault[] = [];

  add(fault: z.input<typeof faultSchema>): void {
    this.pending.push(faultSchema.parse(fault));
  }

  clear(): void {
    this.pending = [];
  }

  /** The fault for this call of the operation, if one is waiting (used up as it is taken). */
  take(operation: string): Fault | undefined {
    const fault = this.pending.find((f) => f.operation === operation);
    if (!fault) return undefined;
    fault.times -= 1;
    if (fault.times === 0) this.pending = this.pending.filter((f) => f !== fault);
    return { ...fault };
  }
}
