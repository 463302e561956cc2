import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('embedded mode in production', () => {
  it('refuses to start without DATABASE_URL unless EMBEDDED_DATABASE asks for it', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/DATABASE_URL.*EMBEDDED_DATABASE=1/s);
    expect(loadConfig({ NODE_ENV: 'production', EMBEDDED_DATABASE: '1' }).embedded).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgresql://db/sst' }).embedded).toBe(false);
    // Outside production embedded stays the default (npm start on a fresh machine).
    expect(loadConfig({}).embedded).toBe(true);
  });

  it('refuses the retired lockout settings instead of ignoring them', () => {
    expect(() => loadConfig({ LOGIN_MAX_FAILURES: '5' })).toThrow(/LOGIN_MAX_FAILURES: no longer used.*LOGIN_ATTEMPTS_BEFORE_BACKOFF/s);
  });
});
