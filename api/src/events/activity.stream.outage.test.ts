import { beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Viewer } from '../context';
import { initOrm } from '../db/orm';
import { AuthService } from '../modules/auth/auth.service';
import { buildMatter, buildWorld, TEST_PASSWORD, type World } from '../test/factories';
import { contextFor, createTestDb, onDispose, within } from '../test/harness';
import { TcpHop } from '../test/tcp-hop';
import { activityStream, latestEventId } from './activity.stream';
import type { PublishedEvent } from './event-bus';

// A console's stream through a database outage. The stream's connections go through a TCP hop
// the test cuts — open connections dropped, new ones refused, as during a PostgreSQL restart or
// failover — while the rest of the world (the services that commit events) keeps its database.
// The stream must hold and carry on once the database answers, not end with an error: a console
// whose socket stayed open does not resubscribe after an error, so it would go quiet for good.
// (tests/fault shows a real PostgreSQL restart under a running api.)

let orm: MikroORM;
let world: World;
let hop: TcpHop;
let streamOrm: MikroORM;
/** The coordinator with a real session row: the stream re-checks it. */
let coordinator: Viewer;

// PGlite serves one connection at a time; the stream's own pool needs a real server.
describe.skipIf(!process.env.TEST_DATABASE_URL)('activity stream during a database outage', () => {
  beforeAll(async () => {
    const db = await createTestDb();
    orm = db.orm;
    world = await buildWorld(orm);
    const auth = () => new AuthService(orm.em.fork(), world.services.config, world.services.clock);
    const { token } = await auth().login(world.coordinator.user.username, TEST_PASSWORD);
    coordinator = (await auth().viewerFromToken(token))!;
    hop = await TcpHop.open(db.url, 5432);
    streamOrm = await initOrm(hop.urlFor(db.url), { migrate: false });
    onDispose(async () => {
      await streamOrm.close(true);
      await hop.close();
    });
  });

  const next = async (s: AsyncGenerator<PublishedEvent>, what: string) => {
    const r = await within(15_000, s.next(), what);
    expect(r.done).toBe(false);
    return r.value as PublishedEvent;
  };

  it('holds while the database cannot be reached and delivers what was committed meanwhile', async () => {
    const start = String(await latestEventId(orm.em.fork()));
    const ctx = contextFor(streamOrm, coordinator, world.services);
    // Re-check the session on every wake-up, so the outage is met at once.
    const stream = activityStream(ctx, start, undefined, { sessionRecheckMs: 20, dbRetryMs: 20 });
    const before = await buildMatter(orm, { world });
    expect((await next(stream, 'the event before the outage')).matterId).toBe(before.matter.id);

    hop.cut();
    const pending = stream.next();
    const during = await buildMatter(orm, { world });
    // The stream has met the outage and kept asking (refused connections), without ending.
    const refusedBefore = hop.refused;
    await within(10_000, (async () => {
      while (hop.refused < refusedBefore + 3) await new Promise((r) => setTimeout(r, 20));
    })(), 'the stream to retry against the cut database');

    hop.restore();
    const r = await within(15_000, pending, 'the event committed during the outage');
    expect(r.done).toBe(false);
    expect((r.value as PublishedEvent).matterId).toBe(during.matter.id);
    const after = await buildMatter(orm, { world });
    expect((await next(stream, 'the event after the outage')).matterId).toBe(after.matter.id);
    await stream.return(undefined);
  });

  it('still ends when it is closed while waiting for the database', async () => {
    const ctx = contextFor(streamOrm, coordinator, world.services);
    const stream = activityStream(ctx, null, undefined, { sessionRecheckMs: 20, dbRetryMs: 20 });
    hop.cut();
    const pending = stream.next();
    const refusedBefore = hop.refused;
    await within(10_000, (async () => {
      while (hop.refused < refusedBefore + 2) await new Promise((r) => setTimeout(r, 20));
    })(), 'the stream to wait for the database');
    const closed = await within(5_000, stream.return(undefined), 'return() during the wait');
    expect(closed.done).toBe(true);
    expect((await within(5_000, pending, 'the pending next()')).done).toBe(true);
    hop.restore();
  });
});
