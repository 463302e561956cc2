/**
 * Re-seals every party phone and ID number (recomputing their search hashes) and every officer's
 * two-factor (TOTP) secret with the first key of PII_KEYS (and the cipher of PII_CIPHER), in
 * short batches — the api keeps serving.
 *
 *   pnpm --filter @sst/api rotate-keys [--batch-size 200]
 *
 * Rotation: put the new key first in PII_KEYS and keep the old one after it
 * (`PII_KEYS=k2:NEW,k1:OLD`), restart every api instance, run this, then remove the old key.
 * Embedded mode: stop the api first (the embedded database has one user at a time).
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { startEmbeddedPostgres } from '../db/embedded';
import { initOrm } from '../db/orm';
import { initPiiCrypto } from '../modules/pii/pii.keys';
import { resealParties, resealTotpSecrets } from '../modules/pii/pii.reseal';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { 'batch-size': { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true });
  if (values.help) {
    console.log('usage: rotate-keys [--batch-size N]   (re-seals with the first key of PII_KEYS)');
    return 0;
  }
  const batchSize = Number(values['batch-size'] ?? 200);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 5000) {
    console.error('--batch-size must be a whole number from 1 to 5000');
    return 2;
  }
  const config = loadConfig();
  const keyring = initPiiCrypto(config);
  const embedded = config.DATABASE_URL ? null : await startEmbeddedPostgres(config.DATA_DIR + '/pg');
  const orm = await initOrm(config.DATABASE_URL ?? embedded!.url, { embedded: !!embedded });
  try {
    const { resealed, batches, failed } = await resealParties(orm.em, keyring, { batchSize });
    console.log(`re-sealed ${resealed} parties in ${batches} batches with ${keyring.sealedWith}`);
    const totp = await resealTotpSecrets(orm.em, keyring, { batchSize });
    console.log(`re-sealed the two-factor secrets of ${totp.resealed} users in ${totp.batches} batches with ${keyring.sealedWith}`);
    if (failed.length) {
      console.error(`${failed.length} parties could not be opened (altered, or sealed with a key missing from PII_KEYS): ${failed.join(', ')}`);
    }
    if (totp.failed.length) {
      console.error(`${totp.failed.length} users' two-factor secrets could not be opened (altered, or sealed with a key missing from PII_KEYS): ${totp.failed.join(', ')}`);
    }
    return failed.length || totp.failed.length ? 1 : 0;
  } finally {
    await orm.close(true);
    await embedded?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
