// The engine thread's entry: TypeScript runs through tsx, as in bin/baton.js.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
