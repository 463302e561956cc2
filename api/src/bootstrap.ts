import 'reflect-metadata';
import type { MikroORM } from '@mikro-orm/postgresql';
import { systemClock, type Clock } from './clock';
import type { Config } from './config';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './db/embedded';
import { initOrm } from './db/orm';
import { createEventBus, type EventBus } from './events/event-bus';
import { startEventPump } from './events/event-pump';
import { createApp, type App } from './http/server';
import { logger } from './logger';
import { limitArgon2Concurrency } from './modules/auth/password-hash';
import { seedDemo } from './seed/demo';
import { startDeadlineJob } from './modules/deadline/deadline.sweep';
import { initPiiCrypto } from './modules/pii/pii.keys';
import { startPiiLogPurgeJob } from './modules/pii/pii-access-log.service';
import { resealParties } from './modules/pii/pii.reseal';

export interface Running {
  app: App;
  orm: MikroORM;
  bus: EventBus;
  port: number;
  stop(): Promise<void>;
}

/** Starts everything the platform needs, in order, and returns one handle to stop it all. */
export async function start(config: Config, clock: Clock = systemClock): Promise<Running> {
  limitArgon2Concurrency(config.ARGON2_CONCURRENCY);
  // Before anything touches the database: a missing key or cipher stops the boot with a clear message.
  const keyring = initPiiCrypto(config);
  let embedded: EmbeddedPostgres | null = null;
  const url = config.DATABASE_URL ?? (embedded = await startEmbeddedPostgres(config.DATA_DIR + '/pg')).url;
  const orm = await initOrm(url, { embedded: config.embedded });
  // Rows written before encryption are sealed now (batches; a no-op once done).
  await resealParties(orm.em, keyring, { onlyUnsealed: true });
  if (config.seedDemo) await seedDemo(orm, { clock });
  const bus = createEventBus(config.REDIS_URL);
  const pump = startEventPump(orm, bus);
  const app = await createApp({ config, orm, bus, clock });
  // 及时办事: expires unanswered invitations now (catching up on downtime) and every 15 s.
  const deadlines = startDeadlineJob(orm, { bus, clock });
  const piiLogPurge = startPiiLogPurgeJob(orm, config.PII_LOG_RETENTION_DAYS);
  const port = await app.listen();
  logger.info(
    { port, database: config.embedded ? `embedded (${config.DATA_DIR})` : 'external', pubsub: config.REDIS_URL ? 'redis' : 'in-process' },
    `说事厅 is up: http://localhost:${port}/ (GraphQL at /graphql)`,
  );
  let stopping: Promise<void> | null = null;
  return {
    app,
    orm,
    bus,
    port,
    stop: () =>
      (stopping ??= (async () => {
        await deadlines.stop();
        await piiLogPurge.stop();
        await app.close();
        pump.stop();
        await bus.close();
        await orm.close(true);
        await embedded?.stop();
      })()),
  };
}
