import { beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { MatterService } from '../modules/matter/matter.service';
import { assess, answer, buildConvenedMatter, buildMatter, buildWorld, type World } from '../test/factories';
import { codeOf, contextFor, createTestDb, LossyEventBus, within } from '../test/harness';
import { EventType, MatterStatus, OrganizationKind } from '../modules/common/enums';
import { activityStream, latestEventId } from './activity.stream';
import type { PublishedEvent } from './event-bus';

let orm: MikroORM;
let world: World;
let bus: LossyEventBus;

beforeAll(async () => {
  orm = (await createTestDb()).orm;
  bus = new LossyEventBus();
  world = await buildWorld(orm, { bus });
});

const head = async () => String(await latestEventId(orm.em.fork()));
const next = async (s: AsyncGenerator<PublishedEvent>, what = 'next event') => {
  const r = await within(5_000, s.next(), what);
  expect(r.done).toBe(false);
  return r.value as PublishedEvent;
};
/** Events of the table the viewer may see after `cursor`, as the timeline shows them. */
async function tableAfter(actor: World['coordinator'], cursor: string): Promise<string[]> {
  const rows: { id: string }[] = await orm.em.fork().execute(
    actor.viewer.communityId
      ? 'select id from event where id > ? and community_id = ? order by id'
      : 'select id from event where id > ? and audience_org_ids @> array[?]::text[] order by id',
    [cursor, actor.viewer.communityId ?? actor.viewer.organizationId],
  );
  return rows.map((r) => String(r.id));
}

describe('activity(after:)', () => {
  it('replays what came after the cursor, then goes live, with no gap and no duplicate', async () => {
    const start = await head();
    const { matter } = await buildMatter(orm, { world });
    await assess(world, matter);
    const stream = activityStream(world.ctx(world.coordinator), start);
    const replayed = [await next(stream), await next(stream)];
    expect(replayed.map((e) => e.type)).toEqual([EventType.MATTER_REPORTED, EventType.MATTER_ASSESSED]);
    // Live from here: three more changes, each exactly once, in order.
    const svc = () => new MatterService(world.ctx(world.coordinator));
    await svc().changeStatus({ matterId: matter.id, status: MatterStatus.WITHDRAWN });
    await svc().changeStatus({ matterId: matter.id, status: MatterStatus.CLOSED });
    const live = [await next(stream), await next(stream)];
    expect(live.map((e) => e.payload.to)).toEqual([MatterStatus.WITHDRAWN, MatterStatus.CLOSED]);
    const got = [...replayed, ...live].map((e) => e.cursor);
    expect(got).toEqual(await tableAfter(world.coordinator, start));
    await stream.return(undefined);
  });

  it('does not repeat events committed while it was replaying', async () => {
    const start = await head();
    const made = [];
    for (let i = 0; i < 3; i++) made.push((await buildMatter(orm, { world })).matter);
    const stream = activityStream(world.ctx(world.coordinator), start);
    const first = await next(stream);
    // Committed while the stream is between replay and live: they are on the bus and in the table.
    await assess(world, made[0]);
    await assess(world, made[1]);
    const got = [first];
    const expected = await tableAfter(world.coordinator, start);
    while (got.length < expected.length) got.push(await next(stream));
    expect(got.map((e) => e.cursor)).toEqual(expected);
    expect(new Set(got.map((e) => e.cursor)).size).toBe(got.length);
    await stream.return(undefined);
  });

  it('fills the gap when the bus loses a message', async () => {
    const start = await head();
    const stream = activityStream(world.ctx(world.coordinator), start);
    const { matter } = await buildMatter(orm, { world });
    expect((await next(stream)).type).toBe(EventType.MATTER_REPORTED);
    bus.dropNext(1);
    await assess(world, matter); // published to nobody
    expect(bus.dropped).toHaveLength(1);
    await new MatterService(world.ctx(world.coordinator)).changeStatus({ matterId: matter.id, status: MatterStatus.WITHDRAWN });
    const a = await next(stream, 'the lost event, from the table');
    const b = await next(stream, 'the event after it');
    expect(a.type).toBe(EventType.MATTER_ASSESSED);
    expect(a.cursor).toBe((bus.dropped[0] as PublishedEvent).cursor);
    expect(b.type).toBe(EventType.MATTER_STATUS_CHANGED);
    expect([a.cursor, b.cursor]).toEqual((await tableAfter(world.coordinator, start)).slice(1));
    await stream.return(undefined);
  });

  it('gives an agency only the events of matters it was invited to, from the invitation on', async () => {
    const start = await head();
    const { matter: invitedTo, invitations } = await buildConvenedMatter(orm, { world, kinds: [OrganizationKind.JUDICIAL_OFFICE] });
    await buildConvenedMatter(orm, { world, kinds: [OrganizationKind.POLICE] }); // not for the judicial office
    const judicial = world.agencies.JUDICIAL_OFFICE;
    const stream = activityStream(contextFor(orm, judicial.viewer, world.services), start);
    const e1 = await next(stream);
    expect(e1).toEqual(expect.objectContaining({ type: EventType.JOINT_MEDIATION_REQUESTED, matterId: invitedTo.id }));
    await answer(world, OrganizationKind.JUDICIAL_OFFICE, invitations.JUDICIAL_OFFICE, true);
    const e2 = await next(stream);
    expect(e2).toEqual(expect.objectContaining({ type: EventType.INVITATION_ACCEPTED, matterId: invitedTo.id }));
    // A change to another matter, then one to its own: only its own arrives.
    const other = await buildMatter(orm, { world });
    await assess(world, other.matter);
    await new MatterService(world.ctx(world.coordinator)).changeStatus({ matterId: invitedTo.id, status: MatterStatus.WITHDRAWN });
    const e3 = await next(stream);
    expect(e3).toEqual(expect.objectContaining({ type: EventType.MATTER_STATUS_CHANGED, matterId: invitedTo.id }));
    expect([e1, e2, e3].map((e) => e.cursor)).toEqual(await tableAfter(judicial, start));
    // The police console, replaying from the start, never sees the judicial office's matter.
    const police = activityStream(contextFor(orm, world.agencies.POLICE.viewer, world.services), start);
    const p1 = await next(police);
    expect(p1.matterId).not.toBe(invitedTo.id);
    expect(await tableAfter(world.agencies.POLICE, start)).toEqual([p1.cursor]);
    await stream.return(undefined);
    await police.return(undefined);
  });

  it('refuses a malformed cursor and anonymous viewers', async () => {
    const bad = activityStream(world.ctx(world.coordinator), 'abc');
    expect(codeOf(await bad.next().catch((e) => e))).toBe('BAD_USER_INPUT');
    const anon = activityStream(world.ctx(null), '0');
    expect(codeOf(await anon.next().catch((e) => e))).toBe('UNAUTHENTICATED');
  });

  it('ends promptly when the client goes away while nothing happens (no leaked listener)', async () => {
    const listeners = () => (bus as unknown as { emitter: { listenerCount(t: string): number } }).emitter.listenerCount('sst.event');
    const before = listeners();
    const stream = activityStream(world.ctx(world.coordinator), await head());
    const pending = stream.next(); // waiting for the next event
    await within(2_000, (async () => {
      while (listeners() === before) await new Promise((r) => setImmediate(r));
    })(), 'stream subscribed');
    const closed = await within(2_000, stream.return(undefined), 'return() of an idle stream');
    expect(closed.done).toBe(true);
    expect((await within(2_000, pending, 'the pending next()')).done).toBe(true);
    expect(listeners()).toBe(before);
  });
});
