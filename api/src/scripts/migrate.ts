/** Applies pending migrations to DATABASE_URL (or the embedded database in DATA_DIR). */
import 'reflect-metadata';
import { loadConfig } from '../config';
import { startEmbeddedPostgres } from '../db/embedded';
import { initOrm, migrate } from '../db/orm';
import { withBootLock } from '../boot/boot-lock';
import { initPiiCrypto } from '../modules/pii/pii.keys';
import { resealParties, resealTotpSecrets } from '../modules/pii/pii.reseal';

async function main() {
  const config = loadConfig();
  const keyring = initPiiCrypto(config);
  const embedded = config.DATABASE_URL ? null : await startEmbeddedPostgres(config.DATA_DIR + '/pg');
  const url = config.DATABASE_URL ?? embedded!.url;
  const orm = await initOrm(url, { embedded: !!embedded, migrate: false });
  // The same lock as at boot: safe to run while api instances start.
  if (embedded) await migrate(orm);
  else await withBootLock(url, () => migrate(orm));
  // Parties written before encryption: sealed here too (the api also does it at boot).
  const { resealed } = await resealParties(orm.em, keyring, { onlyUnsealed: true });
  if (resealed) console.log(`sealed the phone/ID number of ${resealed} parties written before encryption`);
  // Two-factor secrets enrolled before they were sealed: likewise.
  const totp = await resealTotpSecrets(orm.em, keyring, { onlyUnsealed: true });
  if (totp.resealed) console.log(`sealed the two-factor secrets of ${totp.resealed} users enrolled before they were sealed`);
  await orm.close(true);
  await embedded?.stop();
  console.log('migrations are up to date');
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
