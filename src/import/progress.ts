// A progress bar on stderr for long imports, only when stderr is a terminal.
import { Transform } from 'node:stream';

export interface Progress {
  /** Counts bytes flowing from the file (pipe the file through it). */
  meter: Transform;
  tick(conversations: number): void;
  done(): void;
}

export function progressBar(totalBytes: number, out: NodeJS.WriteStream = process.stderr): Progress {
  let bytes = 0;
  let last = 0;
  let count = 0;
  const enabled = Boolean(out.isTTY) && totalBytes > 0;
  const draw = (force = false) => {
    const now = Date.now();
    if (!enabled || (!force && now - last < 100)) return;
    last = now;
    const share = Math.min(1, bytes / totalBytes);
    const width = 30;
    const filled = Math.round(share * width);
    out.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(share * 100).toFixed(1).padStart(5)}%  ${count} conversations`);
  };
  const meter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      bytes += chunk.length;
      draw();
      cb(null, chunk);
    },
  });
  return {
    meter,
    tick(n) {
      count = n;
      if (n % 500 === 0) draw();
    },
    done() {
      if (!enabled) return;
      bytes = totalBytes;
      draw(true);
      out.write('\n');
    },
  };
}
