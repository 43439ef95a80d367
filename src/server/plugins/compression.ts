import type { FastifyInstance } from 'fastify';
import compress from '@fastify/compress';

// API answers are compressed on the fly when the client accepts it (brotli, else gzip). Static
// files are not: the build wrote .br/.gz copies beside them, which routes/static sends as they
// are. WebSocket upgrades have no body to compress.

/** Answers smaller than this go out as they are: the saving would not fill a packet. */
export const COMPRESS_THRESHOLD = 1024;

/**
 * JSON (also problem+json and the like) and the CSV exports; @fastify/compress adds mime-db's
 * compressible types. text/event-stream is in neither: server-sent events (none today) would
 * never be held back in a compressor's buffer.
 */
const COMPRESSIBLE = /^(?:application\/(?:[\w.-]+\+)?json|text\/csv)\s*(?:;|$)/i;

export async function registerCompression(app: FastifyInstance): Promise<void> {
  // Runs before @fastify/compress's own onRoute hook (registered below), which reads `compress`.
  app.addHook('onRoute', (route) => {
    if (route.compress !== undefined) return;
    if (!route.url.startsWith('/api/') || route.websocket) route.compress = false;
  });
  await app.register(compress, {
    global: true,
    threshold: COMPRESS_THRESHOLD,
    encodings: ['br', 'gzip'],
    customTypes: COMPRESSIBLE,
    // Request bodies stay as sent: the API reads JSON, not compressed JSON.
    globalDecompression: false,
  });
}
