/** Loads the demo community into DATABASE_URL (or the embedded database). Idempotent. */
import 'reflect-metadata';
import { loadConfig } from '../config';
import { startEmbeddedPostgres } from '../db/embedded';
import { initOrm } from '../db/orm';
import { initPiiCrypto } from '../modules/pii/pii.keys';
import { seedDemo } from '../seed/demo';

async function main() {
  const config = loadConfig();
  initPiiCrypto(config);
  const embedded = config.DATABASE_URL ? null : await startEmbeddedPostgres(config.DATA_DIR + '/pg');
  const orm = await initOrm(config.DATABASE_URL ?? embedded!.url, { embedded: !!embedded });
  const seeded = await seedDemo(orm);
  console.log(seeded ? 'demo community loaded' : 'demo community already present');
  await orm.close(true);
  await embedded?.stop();
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
