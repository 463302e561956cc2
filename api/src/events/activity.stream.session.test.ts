import { beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Viewer } from '../context';
import { AuthService } from '../modules/auth/auth.service';
import { buildMatter, buildWorld, TEST_PASSWORD, type World } from '../test/factories';
import { codeOf, contextFor, createTestDb, within } from '../test/harness';
import { activityStream, latestEventId } from './activity.stream';
import type { PublishedEvent } from './event-bus';

// A console's live stream lasts only as long as its session: it ends with UNAUTHENTICATED when
// the session is revoked (logout, a deactivated user) or idles out. An open socket is not use,
// so a console left unattended stops receiving matters (the web then asks for a new sign-in).

let orm: MikroORM;
let world: World;
const MINUTE = 60_000;

beforeAll(async () => {
  orm = (await createTestDb()).orm;
  world = await buildWorld(orm);
});

const auth = () => new AuthService(orm.em.fork(), world.services.config, world.services.clock);

async function signedIn(): Promise<{ viewer: Viewer; token: string }> {
  const { token } = await auth().login(world.coordinator.user.username, TEST_PASSWORD);
  return { viewer: (await auth().viewerFromToken(token))!, token: token! };
}

async function ending(stream: AsyncGenerator<PublishedEvent>): Promise<unknown> {
  return within(5_000, stream.next(), 'the stream to end').then(
    (r) => ({ unexpected: r }),
    (err: unknown) => err,
  );
}

describe('activity stream and the session behind it', () => {
  it('keeps delivering while the session is in use, and ends with UNAUTHENTICATED once it idles out', async () => {
    const { viewer, token } = await signedIn();
    const start = String(await latestEventId(orm.em.fork()));
    const stream = activityStream(contextFor(orm, viewer, world.services), start, undefined, { sessionRecheckMs: 10 });
    const idle = world.services.config.SESSION_IDLE_MINUTES * MINUTE;

    // In use: a request within the idle limit refreshes the session; the stream carries on.
    world.services.clock.advance(idle - MINUTE);
    await auth().viewerFromToken(token);
    world.services.clock.advance(idle - MINUTE);
    const { matter } = await buildMatter(orm, { world });
    const delivered = await within(5_000, stream.next(), 'an event while in use');
    expect((delivered.value as PublishedEvent).matterId).toBe(matter.id);

    // Nobody touches the console: past the idle limit, the stream ends.
    world.services.clock.advance(2 * MINUTE);
    expect(codeOf(await ending(stream))).toBe('UNAUTHENTICATED');
  });

  it('ends with UNAUTHENTICATED when the session is logged out elsewhere', async () => {
    const { viewer } = await signedIn();
    const stream = activityStream(contextFor(orm, viewer, world.services), null, undefined, { sessionRecheckMs: 10 });
    await auth().logout(viewer.sessionId);
    expect(codeOf(await ending(stream))).toBe('UNAUTHENTICATED');
  });
});
