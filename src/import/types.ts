// The normalized conversation every import format becomes (docs/import.md): one JSON line
// each in `baton import --out`, and what `baton audit` and the workspace store read.
import { z } from 'zod';

export const IMPORT_ROLES = ['customer', 'agent', 'bot'] as const;
export type ImportRole = (typeof IMPORT_ROLES)[number];

export const ImportedMessageSchema = z.object({
  role: z.enum(IMPORT_ROLES),
  text: z.string(),
  /** ISO 8601, UTC; null when the source has no time for this message. */
  at: z.string().nullable().default(null),
  /** The source's author id or name, when it has one. */
  author: z.string().nullable().optional(),
});
export type ImportedMessage = z.infer<typeof ImportedMessageSchema>;

export const ImportedConversationSchema = z.object({
  id: z.string().min(1),
  source: z.string().default('jsonl'),
  created_at: z.string().nullable().default(null),
  subject: z.string().nullable().default(null),
  channel: z.string().nullable().default(null),
  language: z.string().nullable().default(null),
  status: z.string().nullable().default(null),
  tags: z.array(z.string()).default([]),
  /** 1..5 when the source has a satisfaction rating. */
  csat: z.number().int().min(1).max(5).nullable().default(null),
  messages: z.array(ImportedMessageSchema).min(1),
});
export type ImportedConversation = z.infer<typeof ImportedConversationSchema>;

/** A record the reader could not use: where it was and why. */
export interface ImportProblem {
  /** 1-based line (JSONL, NDJSON, CSV) or item (JSON array) number. */
  at: number;
  why: string;
}

export type ImportItem = { ok: true; conversation: ImportedConversation } | { ok: false; problem: ImportProblem };

/** Timestamps in any of the usual shapes (ISO text, Unix seconds or milliseconds) as ISO UTC. */
export function isoTime(v: unknown): string | null {
  if (v === null || v === undefined || v === '') return null;
  let d: Date;
  if (typeof v === 'number' || (typeof v === 'string' && /^\d+(\.\d+)?$/.test(v.trim()))) {
    const n = Number(v);
    d = new Date(n < 1e11 ? n * 1000 : n);
  } else if (typeof v === 'string') d = new Date(v.trim());
  else return null;
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** The index of the first human agent message: where the conversation reached a human (-1: never). */
export const handoffIndex = (c: { messages: { role: string }[] }): number => c.messages.findIndex((m) => m.role === 'agent');
