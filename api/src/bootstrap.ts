import 'reflect-metadata';
import http from 'node:http';
import type { MikroORM } from '@mikro-orm/postgresql';
import { withBootLock } from './boot/boot-lock';
import { retryWhileDatabaseUnavailable } from './boot/retry';
import { systemClock, type Clock } from './clock';
import type { Config } from './config';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './db/embedded';
import { initOrm, isDatabaseUnavailable, migrate } from './db/orm';
import { createEventBus, type EventBus } from './events/event-bus';
import { startEventPump } from './events/event-pump';
import { maintainEventPartitions, startEventPartitionJob, type MaintenanceTarget } from './events/event-partitions';
import { gateWhileBooting } from './http/booting';
import { startMetricsServer, trackInstance, type MetricsServer } from './http/metrics';
import { createApp, type App } from './http/server';
import { logger } from './logger';
import { limitArgon2Concurrency } from './modules/auth/password-hash';
import { seedDemo } from './seed/demo';
import { startDeadlineJob } from './modules/deadline/deadline.sweep';
import { initPiiCrypto } from './modules/pii/pii.keys';
import { startPiiLogPurgeJob } from './modules/pii/pii-access-log.service';
import { resealParties, resealTotpSecrets } from './modules/pii/pii.reseal';
import type { PiiKeyring } from './modules/pii/pii.crypto';

export interface Running {
  app: App;
  orm: MikroORM;
  bus: EventBus;
  port: number;
  /** The metrics port when METRICS_PORT is set. */
  metricsPort: number | null;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Gives up waiting for the database (start() rejects) once aborted. */
  signal?: AbortSignal;
}

/**
 * Migrations and the demo seed, serialised across instances by a session advisory lock (see
 * boot-lock.ts): of several instances booting on one empty database, one migrates and seeds while
 * the others wait, then find both done. The embedded database has one process by construction.
 */
export async function prepareDatabase(orm: MikroORM, url: string, config: Config, clock: Clock, keyring: PiiKeyring): Promise<void> {
  const work = async () => {
    await migrate(orm);
    // Rows written before encryption are sealed now (batches; a no-op once done): party phones
    // and ID numbers, and the officers' two-factor secrets.
    await resealParties(orm.em, keyring, { onlyUnsealed: true });
    await resealTotpSecrets(orm.em, keyring, { onlyUnsealed: true });
    if (config.seedDemo) await seedDemo(orm, { clock });
  };
  if (config.embedded) await work();
  else await withBootLock(url, work);
  // Partitions for the ids to come exist before anything writes (after a restore whose sequence
  // was moved past them, too). Retention is left to the job: it may read a whole partition.
  // A failure here (a lock not granted in time) is not fatal: there is room for two partitions
  // of ids already, and the job tries again within the hour.
  await maintainEventPartitions(partitionTarget(orm, url, config), eventPartitionSettings(config), { wait: true, expire: false }).catch((err: unknown) => {
    if (isDatabaseUnavailable(err)) throw err;
    logger.warn({ err }, 'event partitions not prepared at boot; the maintenance job will retry');
  });
}

const partitionTarget = (orm: MikroORM, url: string, config: Config): MaintenanceTarget => (config.embedded ? { em: orm.em } : { url });
const eventPartitionSettings = (config: Config) => ({ partitionSize: config.EVENT_PARTITION_SIZE, retentionDays: config.EVENT_RETENTION_DAYS });

function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as { port: number }).port);
    });
  });
}

/**
 * Starts everything the platform needs, in order, and returns one handle to stop it all.
 * The port answers from the start (`/healthz` 200, `/readyz` 503) while the instance waits for
 * PostgreSQL, migrates and seeds; the API and the background jobs (deadline sweep, event pump)
 * start only once the database is ready.
 */
export async function start(config: Config, clock: Clock = systemClock, opts: StartOptions = {}): Promise<Running> {
  limitArgon2Concurrency(config.ARGON2_CONCURRENCY);
  // Before anything touches the database: a missing key or cipher stops the boot with a clear message.
  const keyring = initPiiCrypto(config);
  let embedded: EmbeddedPostgres | null = null;
  const url = config.DATABASE_URL ?? (embedded = await startEmbeddedPostgres(config.DATA_DIR + '/pg')).url;
  // Does not need the database to be up: the pool connects on first use.
  const orm = await initOrm(url, { embedded: config.embedded, migrate: false });
  const bus = createEventBus(config.REDIS_URL, config.REDIS_PREFIX);
  const httpServer = http.createServer();
  const gate = gateWhileBooting(httpServer);
  let metrics: MetricsServer | null = null;
  const release = async () => {
    await new Promise((resolve) => httpServer.close(resolve));
    await metrics?.close();
    await bus.close();
    await orm.close(true);
    await embedded?.stop();
  };
  let port: number;
  try {
    port = await listen(httpServer, config.PORT, config.HOST);
    trackInstance({ orm, bus, server: httpServer });
    if (config.METRICS_PORT !== undefined) metrics = await startMetricsServer(config.METRICS_PORT, config.METRICS_HOST ?? config.HOST);
    logger.info({ port }, 'listening; preparing the database (/readyz answers 503 until ready)');
    await retryWhileDatabaseUnavailable('migrations and demo seed', () => prepareDatabase(orm, url, config, clock, keyring), logger, { signal: opts.signal });
  } catch (err) {
    await release();
    throw err;
  }
  const app = await createApp({ config, orm, bus, clock, httpServer });
  // The app's own handlers are attached; the booting answers step aside.
  gate.open();
  const pump = startEventPump(orm, bus);
  // 及时办事: expires unanswered invitations now (catching up on downtime) and every 15 s.
  const deadlines = startDeadlineJob(orm, { bus, clock });
  const piiLogPurge = startPiiLogPurgeJob(orm, config.PII_LOG_RETENTION_DAYS);
  const eventPartitions = startEventPartitionJob(partitionTarget(orm, url, config), eventPartitionSettings(config));
  logger.info(
    {
      port,
      metricsPort: metrics?.port ?? null,
      database: config.embedded ? `embedded (${config.DATA_DIR})` : 'external',
      pubsub: config.REDIS_URL ? 'redis' : 'in-process',
    },
    `说事厅 is up: http://localhost:${port}/ (GraphQL at /graphql)`,
  );
  let stopping: Promise<void> | null = null;
  return {
    app,
    orm,
    bus,
    port,
    metricsPort: metrics?.port ?? null,
    stop: () =>
      (stopping ??= (async () => {
        await deadlines.stop();
        await piiLogPurge.stop();
        await eventPartitions.stop();
        await app.close();
        pump.stop();
        await metrics?.close();
        await bus.close();
        await orm.close(true);
        await embedded?.stop();
      })()),
  };
}
