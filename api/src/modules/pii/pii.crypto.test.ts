import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config';
import { cipherAvailable, parsePiiKeys, PiiCryptoError, PiiKeyring, type PiiCipher } from './pii.crypto';
import { EMBEDDED_KEY_FILE, initPiiCrypto } from './pii.keys';

const k1 = { id: 'k1', key: randomBytes(32) };
const k2 = { id: 'k2', key: randomBytes(32) };

/** Flips one bit in the n-th dot-separated part of a sealed value. */
function flip(sealed: string, part: number): string {
  const parts = sealed.split('.');
  const bytes = Buffer.from(parts[part], 'base64url');
  bytes[bytes.length - 1] ^= 1;
  parts[part] = bytes.toString('base64url');
  return parts.join('.');
}

describe.each<PiiCipher>(['aes-256-gcm', 'sm4'])('sealing with %s', (cipher) => {
  const ring = new PiiKeyring(cipher, [k1]);

  it('is available in this Node.js', () => {
    expect(cipherAvailable(cipher)).toBe(true);
  });

  it('round-trips, with a fresh data key and IV every time, and never shows the plaintext', () => {
    const a = ring.seal('party.phone', '13893712345');
    const b = ring.seal('party.phone', '13893712345');
    expect(a).not.toBe(b);
    expect(a.startsWith(`sst1.${cipher === 'sm4' ? 'S' : 'A'}.k1.`)).toBe(true);
    expect(a).not.toContain('13893712345');
    expect(ring.open('party.phone', a)).toBe('13893712345');
    expect(ring.open('party.phone', b)).toBe('13893712345');
    expect(ring.open('party.idNumber', ring.seal('party.idNumber', '62020219820715003X'))).toBe('62020219820715003X');
    expect(ring.open('party.phone', ring.seal('party.phone', '张三 0931-1234567'))).toBe('张三 0931-1234567');
  });

  it('detects tampering with the wrapped key, the IV, the ciphertext or the tag', () => {
    const sealed = ring.seal('party.phone', '13893712345');
    for (const part of [3, 4, 5, 6]) expect(() => ring.open('party.phone', flip(sealed, part))).toThrow(PiiCryptoError);
  });

  it('binds a user\'s TOTP secret to the user and the column', () => {
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    const sealed = ring.seal('user.totpSecret', secret, 'user-a');
    expect(sealed).not.toContain(secret);
    expect(ring.open('user.totpSecret', sealed, 'user-a')).toBe(secret);
    expect(() => ring.open('user.totpSecret', sealed, 'user-b')).toThrow(PiiCryptoError);
    expect(() => ring.open('user.totpPendingSecret', sealed, 'user-a')).toThrow(PiiCryptoError);
    for (const part of [3, 4, 5, 6]) expect(() => ring.open('user.totpSecret', flip(sealed, part), 'user-a')).toThrow(PiiCryptoError);
    // The binding cannot be dropped by a careless call (the types ask for it too).
    const loose = ring as unknown as { seal(field: string, v: string, subject?: string): string; open(field: string, v: string, subject?: string): string };
    expect(() => loose.seal('user.totpSecret', secret)).toThrow(/user's id/);
    expect(() => loose.seal('user.totpSecret', secret, '')).toThrow(PiiCryptoError);
    expect(() => loose.open('user.totpSecret', sealed)).toThrow(PiiCryptoError);
    expect(() => loose.seal('party.phone', '13893712345', 'user-a')).toThrow(PiiCryptoError);
  });

  it('refuses a value moved to another field, or relabelled with another key id', () => {
    const sealed = ring.seal('party.phone', '13893712345');
    expect(() => ring.open('party.idNumber', sealed)).toThrow(PiiCryptoError);
    const both = new PiiKeyring(cipher, [k1, k2]);
    expect(() => both.open('party.phone', sealed.replace('.k1.', '.k2.'))).toThrow(PiiCryptoError);
  });

  it('opens what an older key sealed while a newer one seals; fails clearly once that key is gone', () => {
    const old = ring.seal('party.phone', '13893712345');
    const rotated = new PiiKeyring(cipher, [k2, k1]);
    expect(rotated.open('party.phone', old)).toBe('13893712345');
    expect(rotated.seal('party.phone', 'x').split('.')[2]).toBe('k2');
    expect(() => new PiiKeyring(cipher, [k2]).open('party.phone', old)).toThrow(/key k1, which is not configured/);
  });

  it('indexes exactly, normalising spaces and dashes, and finds values under every configured key', () => {
    expect(ring.indexOf('party.phone', '138 9371-2345')).toBe(ring.indexOf('party.phone', '13893712345'));
    expect(ring.indexOf('party.phone', '13893712345')).not.toBe(ring.indexOf('party.phone', '13893712346'));
    expect(ring.indexOf('party.idNumber', '62020219820715003x')).toBe(ring.indexOf('party.idNumber', '62020219820715003X'));
    // The same digits as a phone and as an ID number do not collide.
    expect(ring.indexOf('party.phone', '123456789012345')).not.toBe(ring.indexOf('party.idNumber', '123456789012345'));
    const rotated = new PiiKeyring(cipher, [k2, k1]);
    expect(rotated.searchIndexes('party.phone', '13893712345')).toContain(ring.indexOf('party.phone', '13893712345'));
  });
});

describe('keys and settings', () => {
  it('validates PII_KEYS, PII_CIPHER and PII_LOG_RETENTION_DAYS at boot, in one error', () => {
    expect(() => loadConfig({ PII_KEYS: 'k1:c2hvcnQ=', PII_CIPHER: 'des', PII_LOG_RETENTION_DAYS: '90' })).toThrow(ConfigError);
    try {
      loadConfig({ PII_KEYS: 'k1:c2hvcnQ=', PII_CIPHER: 'des', PII_LOG_RETENTION_DAYS: '90' });
    } catch (e) {
      expect((e as Error).message).toMatch(/PII_KEYS: Key k1 must be 32 bytes/);
      expect((e as Error).message).toMatch(/PII_CIPHER/);
      expect((e as Error).message).toMatch(/PII_LOG_RETENTION_DAYS: must be at least 180/);
    }
    expect(() => loadConfig({ PII_KEYS: `a:${randomBytes(32).toString('base64')},a:${randomBytes(32).toString('base64')}` })).toThrow(/appears twice/);
    const ok = loadConfig({ PII_KEYS: `k2:${randomBytes(32).toString('base64')}, k1:${randomBytes(32).toString('base64')}`, PII_CIPHER: 'sm4', PII_LOG_RETENTION_DAYS: '365' });
    expect(parsePiiKeys(ok.PII_KEYS!).map((k) => k.id)).toEqual(['k2', 'k1']);
    expect(ok.PII_LOG_RETENTION_DAYS).toBe(365);
    expect(loadConfig({}).PII_LOG_RETENTION_DAYS).toBe(180);
  });

  it('refuses to start in production without PII_KEYS, with a message saying how to make one', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgresql://x/y' })).toThrow(/PII_KEYS: required in production[\s\S]*randomBytes\(32\)/);
  });

  it('refuses an external database without PII_KEYS (a generated key would live on one machine only)', () => {
    const config = loadConfig({ DATABASE_URL: 'postgresql://x/y' });
    expect(() => initPiiCrypto(config)).toThrow(/PII_KEYS is not set/);
  });

  it('generates a key into DATA_DIR (0600) in embedded mode, and reuses it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sst-pii-'));
    try {
      const config = loadConfig({ DATA_DIR: dir });
      const first = initPiiCrypto(config);
      const file = path.join(dir, EMBEDDED_KEY_FILE);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      const sealed = first.seal('party.phone', '13893712345');
      const again = initPiiCrypto(config);
      expect(again.activeKeyId).toBe(first.activeKeyId);
      expect(again.open('party.phone', sealed)).toBe('13893712345');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
