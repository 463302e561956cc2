/** Loads the demo community into DATABASE_URL (or the embedded database). Idempotent. */
import 'reflect-metadata';
import { loadConfig } from '../config';
import { startEmbeddedPostgres } from '../db/embedded';
import { initOrm, migrate } from '../db/orm';
import { withBootLock } from '../boot/boot-lock';
import { initPiiCrypto } from '../modules/pii/pii.keys';
import { seedDemo } from '../seed/demo';

async function main() {
  const config = loadConfig();
  initPiiCrypto(config);
  const embedded = config.DATABASE_URL ? null : await startEmbeddedPostgres(config.DATA_DIR + '/pg');
  const url = config.DATABASE_URL ?? embedded!.url;
  const orm = await initOrm(url, { embedded: !!embedded, migrate: false });
  const work = async () => {
    await migrate(orm);
    return seedDemo(orm);
  };
  // The same lock as at boot: safe to run while api instances start.
  const seeded = embedded ? await work() : await withBootLock(url, work);
  console.log(seeded ? 'demo community loaded' : 'demo community already present');
  await orm.close(true);
  await embedded?.stop();
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
