import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config';
import { logger } from '../../logger';
import { newKeyMaterial, parsePiiKeys, PiiCryptoError, PiiKeyring, setPiiKeyring } from './pii.crypto';

export const EMBEDDED_KEY_FILE = 'pii-keys';

/**
 * Builds the keyring from PII_KEYS and installs it, checking at boot that the configured cipher
 * is available. Without PII_KEYS:
 * - embedded mode (the demo, no DATABASE_URL): a key is generated once into DATA_DIR/pii-keys
 *   (mode 0600) and reused, so `npm start` needs no configuration;
 * - otherwise the api refuses to start. A generated key would live on one machine only: a second
 *   instance, or a restored backup elsewhere, could not read the data.
 */
export function initPiiCrypto(config: Pick<Config, 'PII_KEYS' | 'PII_CIPHER' | 'embedded' | 'DATA_DIR' | 'production'>): PiiKeyring {
  let keys = config.PII_KEYS;
  if (!keys) {
    if (!config.embedded || config.production) {
      throw new PiiCryptoError(
        'PII_KEYS is not set: party phones and ID numbers are stored encrypted and need a key from configuration ' +
          '(keyId:base64 of 32 random bytes). Generate one with: ' +
          `node -e "console.log('k1:' + require('crypto').randomBytes(32).toString('base64'))"`,
      );
    }
    keys = embeddedKey(config.DATA_DIR);
  }
  const keyring = new PiiKeyring(config.PII_CIPHER, parsePiiKeys(keys));
  setPiiKeyring(keyring);
  return keyring;
}

function embeddedKey(dataDir: string): string {
  const file = path.join(dataDir, EMBEDDED_KEY_FILE);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    fs.writeFileSync(file, newKeyMaterial(`local-${new Date().toISOString().slice(0, 10).replace(/-/g, '')}`) + '\n', { mode: 0o600, flag: 'wx' });
    logger.warn({ file }, 'generated a personal-data key for the embedded database; keep it with the data (losing it loses every phone and ID number)');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const mode = fs.statSync(file).mode & 0o777;
  if (mode & 0o077) {
    fs.chmodSync(file, 0o600);
    logger.warn({ file, was: mode.toString(8) }, 'the personal-data key file was readable by others; set it to 0600');
  }
  return fs.readFileSync(file, 'utf8').trim();
}
