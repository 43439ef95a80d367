import { describe, expect, it } from 'vitest';
import { EnvError, loadEnv } from './env.ts';

describe('loadEnv', () => {
  it('applies defaults', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', BATON_DATA_DIR: '.baton-data', COOKIE_SECURE: false });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('lists every problem at once', () => {
    try {
      loadEnv({ PORT: 'eighty', DATABASE_URL: 'not a url', LOG_LEVEL: 'loud', COOKIE_SECURE: 'yes' });
      expect.unreachable('loadEnv should have thrown');
    } catch (err) {
      expect(err).toBeInstanceOf(EnvError);
      const problems = (err as EnvError).problems.join('\n');
      for (const name of ['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'COOKIE_SECURE']) expect(problems).toContain(name);
    }
  });
});
