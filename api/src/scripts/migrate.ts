/** Applies pending migrations to DATABASE_URL (or the embedded database in DATA_DIR). */
import 'reflect-metadata';
import { loadConfig } from '../config';
import { startEmbeddedPostgres } from '../db/embedded';
import { initOrm } from '../db/orm';

async function main() {
  const config = loadConfig();
  const embedded = config.DATABASE_URL ? null : await startEmbeddedPostgres(config.DATA_DIR + '/pg');
  const orm = await initOrm(config.DATABASE_URL ?? embedded!.url, { embedded: !!embedded });
  await orm.close(true);
  await embedded?.stop();
  console.log('migrations are up to date');
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
