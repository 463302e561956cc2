import { DataloaderType, MikroORM, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { entities } from './entities';
import { migrationsList } from './migrations';
import { logger } from '../logger';

export function ormOptions(clientUrl: string, opts: { embedded?: boolean } = {}): Options {
  return {
    clientUrl,
    entities,
    extensions: [Migrator],
    // Nested field resolvers load references and collections through MikroORM's dataloader,
    // so a page of matters costs a constant number of statements, not one per row.
    dataloader: DataloaderType.ALL,
    // PGlite serves one connection at a time; a real server gets a pool.
    pool: opts.embedded ? { min: 0, max: 1 } : { min: 0, max: 10 },
    allowGlobalContext: false,
    forceUtcTimezone: true,
    debug: process.env.SQL_DEBUG === '1',
    logger: (msg) => logger.debug(msg),
    migrations: {
      migrationsList,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
    },
    discovery: { warnWhenNoEntities: true },
  };
}

export async function initOrm(clientUrl: string, opts: { embedded?: boolean; migrate?: boolean } = {}): Promise<MikroORM> {
  const orm = await MikroORM.init(ormOptions(clientUrl, opts));
  if (opts.migrate !== false) await migrate(orm);
  return orm;
}

export async function migrate(orm: MikroORM): Promise<void> {
  const applied = await orm.getMigrator().up();
  if (applied.length) logger.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
}
