import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('embedded mode in production', () => {
  it('refuses to start without DATABASE_URL unless EMBEDDED_DATABASE asks for it', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/DATABASE_URL.*EMBEDDED_DATABASE=1/s);
    // (production also needs its personal-data key)
    const PII_KEYS = `k1:${Buffer.alloc(32, 7).toString('base64')}`;
    expect(loadConfig({ NODE_ENV: 'production', EMBEDDED_DATABASE: '1', PII_KEYS }).embedded).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgresql://db/sst', PII_KEYS }).embedded).toBe(false);
    // Outside production embedded stays the default (npm start on a fresh machine).
    expect(loadConfig({}).embedded).toBe(true);
  });

  it('refuses to start in production without PII_KEYS, naming how to make one', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgresql://db/sst' })).toThrow(/PII_KEYS: required in production.*randomBytes\(32\)/s);
  });

  it('refuses the retired lockout settings instead of ignoring them', () => {
    expect(() => loadConfig({ LOGIN_MAX_FAILURES: '5' })).toThrow(/LOGIN_MAX_FAILURES: no longer used.*LOGIN_ATTEMPTS_BEFORE_BACKOFF/s);
  });
});

describe('event retention', () => {
  it('keeps every event unless a retention of at least 180 days is set; empty means unset', () => {
    expect(loadConfig({}).EVENT_RETENTION_DAYS).toBeUndefined();
    expect(loadConfig({ EVENT_RETENTION_DAYS: '' }).EVENT_RETENTION_DAYS).toBeUndefined();
    expect(loadConfig({ EVENT_RETENTION_DAYS: '400' }).EVENT_RETENTION_DAYS).toBe(400);
    expect(() => loadConfig({ EVENT_RETENTION_DAYS: '179' })).toThrow(/EVENT_RETENTION_DAYS: must be at least 180/);
    expect(() => loadConfig({ EVENT_RETENTION_DAYS: '0' })).toThrow(/EVENT_RETENTION_DAYS/);
    expect(loadConfig({}).EVENT_PARTITION_SIZE).toBe(1_000_000);
    expect(() => loadConfig({ EVENT_PARTITION_SIZE: '10' })).toThrow(/EVENT_PARTITION_SIZE/);
  });
});
