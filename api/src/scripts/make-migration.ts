/**
 * Writes a new migration from the difference between the entities and a scratch database
 * migrated to the current head. Usage: node dist/scripts/make-migration.js <database-url>
 */
import 'reflect-metadata';
import path from 'node:path';
import { initOrm } from '../db/orm';

async function main() {
  const url = process.argv[2];
  if (!url) throw new Error('usage: make-migration <scratch database url>');
  const orm = await initOrm(url);
  const migrator = orm.getMigrator();
  const result = await migrator.createMigration(path.join(__dirname, '..', '..', 'src', 'db', 'migrations'), false, false);
  console.log(result.fileName || 'no changes');
  console.log(result.diff.up.join('\n'));
  await orm.close();
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
