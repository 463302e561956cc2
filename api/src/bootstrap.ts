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
  let embedded: EmbeddedPostgres | null = null;
  const url = config.DATABASE_URL ?? (embedded = await startEmbeddedPostgres(config.DATA_DIR + '/pg')).url;
  const orm = await initOrm(url, { embedded: config.embedded });
  if (config.seedDemo) await seedDemo(orm, { clock });
  const bus = createEventBus(config.REDIS_URL);
  const pump = startEventPump(orm, bus);
  const app = await createApp({ config, orm, bus, clock });
  // 及时办事: expires unanswered invitations now (catching up on downtime) and every 15 s.
  const deadlines = startDeadlineJob(orm, { bus, clock });
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
        await app.close();
        pump.stop();
        await bus.close();
        await orm.close(true);
        await embedded?.stop();
      })()),
  };
}
