import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { GraphQLObjectType } from 'graphql';
import type { Context } from '../../context';
import { Event } from '../../events/event.entity';
import { getSchema } from '../../schema';
import { assess, buildWorld, type World } from '../../test/factories';
import { codeOf, countRows, createTestDb, errorCodes, gql, withoutTrace } from '../../test/harness';
import { EventType, IntakeChannel, MatterCategory, MatterStatus } from '../common/enums';
import { Matter } from '../matter/matter.entity';
import { PublicReport } from './public-report.entity';
import { RateLimits } from '../../http/rate-limit';
import { hashTrackingCode, PublicReportService } from './public-report.service';

const SUBMIT = /* GraphQL */ `
  mutation Submit($input: SubmitPublicReportInput!) {
    submitPublicReport(input: $input) { trackingCode status { reference status statusText reportedAt } }
  }
`;
const STATUS = /* GraphQL */ `
  query Status($code: String!) {
    publicMatterStatus(trackingCode: $code) { reference status statusText reportedAt updatedAt }
  }
`;
const MATTERS = /* GraphQL */ `
  query Matters($filter: MatterFilter) {
    matters(filter: $filter, first: 50) { totalCount edges { node { id reference title channel status parties { name phone } } } }
  }
`;
const CODE = /^[0-9A-HJKMNP-TV-Z]{10}$/;

let orm: MikroORM;
let world: World;

beforeAll(async () => {
  orm = (await createTestDb()).orm;
  world = await buildWorld(orm);
  // A second community, so that a report must say which community it is for.
  await buildWorld(orm, world.services);
});

// The counters live in the api's rate-limit store; each test starts with a fresh one.
beforeEach(() => {
  world.services.limits = new RateLimits();
});
afterEach(() => {
  vi.useRealTimers();
});

type Receipt = { trackingCode: string; status: { reference: string; status: string; statusText: string } };

function report(input: Record<string, unknown> = {}) {
  return gql<{ submitPublicReport: Receipt }>(
    orm,
    null,
    SUBMIT,
    {
      input: {
        communityId: world.community.id,
        description: '楼上邻居深夜装修噪音很大，多次沟通无果。',
        category: 'NEIGHBOR',
        location: '昌盛小区 3号楼',
        consent: true,
        ...input,
      },
    },
    world.services,
  );
}

/** An anonymous request context from a given client address. */
const fromIp = (ip: string): Context => ({ ...world.ctx(null), ip });

describe('submitPublicReport (随时说事)', () => {
  it('takes a report without signing in and returns a tracking code and the public status', async () => {
    const before = await countRows(orm);
    const r = await report({ name: ' 张阿姨 ', phone: '13893710001' });
    expect(r.errors).toBeUndefined();
    const receipt = r.data!.submitPublicReport;
    expect(receipt.trackingCode).toMatch(CODE);
    expect(receipt.status).toEqual(expect.objectContaining({ status: 'REPORTED', statusText: '已受理，等待研判' }));
    expect(receipt.status.reference).toMatch(new RegExp(`^${world.community.code}-\\d{4}-\\d{4}$`));
    const after = await countRows(orm);
    expect(after.matter - before.matter).toBe(1);
    expect(after.party - before.party).toBe(1);
    expect(after.public_report - before.public_report).toBe(1);
    expect(after.event - before.event).toBe(1);

    const em = orm.em.fork();
    const matter = await em.findOneOrFail(Matter, { reference: receipt.status.reference }, { populate: ['parties'] });
    expect(matter.channel).toBe(IntakeChannel.ONLINE);
    expect(matter.reporter).toBeNull();
    expect(matter.parties.getItems().map((p) => [p.name, p.phone, p.idNumber])).toEqual([['张阿姨', '13893710001', null]]);
    // Only a hash of the code is kept, with the consent.
    const row = await em.findOneOrFail(PublicReport, { matter: matter.id });
    expect(row.trackingCodeHash).toBe(hashTrackingCode(receipt.trackingCode));
    expect(row.trackingCodeHash).not.toContain(receipt.trackingCode);
    expect(row.consentedAt.toISOString()).toBe(world.services.clock.now().toISOString());
    expect(row.consentVersion).toBeTruthy();
    const event = await em.findOneOrFail(Event, { matterId: matter.id, type: EventType.MATTER_REPORTED });
    expect(event.actorId).toBeNull();
    expect(event.communityId).toBe(world.community.id);
    expect(event.payload).toEqual(expect.objectContaining({ channel: 'ONLINE', publicReport: true }));
  });

  it('lets a resident stay anonymous: no party is stored', async () => {
    const before = await countRows(orm);
    const r = await report({ kind: 'CONSULTATION', category: 'FAMILY', description: '想咨询离婚后子女抚养费的问题。' });
    expect(r.errors).toBeUndefined();
    const after = await countRows(orm);
    expect(after.matter - before.matter).toBe(1);
    expect(after.party).toBe(before.party);
  });

  it('refuses a report without consent, or with bad input, leaving no rows', async () => {
    const cases: Array<[string, Record<string, unknown>, RegExp?]> = [
      ['consent false', { consent: false }, /consent/],
      ['consent missing', { consent: undefined }],
      ['a description of 4 characters', { description: '噪音太大' }],
      ['a phone that is not a phone', { phone: '12345' }, /phone/],
      ['an unknown category', { category: 'NOISE' }],
      ['an unknown community', { communityId: '00000000-0000-4000-8000-00000000e001' }, /community/],
      ['a community id that is not an id', { communityId: 'changsheng' }],
      ['no community although several are served', { communityId: undefined }, /community/i],
    ];
    for (const [what, extra, message] of cases) {
      world.services.limits = new RateLimits();
      const input = { communityId: world.community.id, description: '楼道堆放杂物影响通行。', category: 'NEIGHBOR', consent: true, ...extra };
      for (const k of Object.keys(input)) if (input[k as keyof typeof input] === undefined) delete input[k as keyof typeof input];
      const trace = await withoutTrace(orm, world.services.bus, () => gql(orm, null, SUBMIT, { input }, world.services));
      expect(errorCodes(trace.result!), what).toEqual(['BAD_USER_INPUT']);
      if (message) expect(trace.result!.errors![0].message, what).toMatch(message);
      expect(trace.after, what).toEqual(trace.before);
      expect(trace.published, what).toBe(0);
    }
  });

  it('limits reports per client address: the sixth within 10 minutes is TOO_MANY_REQUESTS, leaving no rows', async () => {
    for (let i = 0; i < 5; i++) expect((await report()).errors, `report ${i + 1}`).toBeUndefined();
    const trace = await withoutTrace(orm, world.services.bus, () => report());
    expect(errorCodes(trace.result!)).toEqual(['TOO_MANY_REQUESTS']);
    expect(trace.result!.errors![0].extensions).toEqual(expect.objectContaining({ retryAfterSeconds: 600 }));
    expect(trace.after).toEqual(trace.before);
    expect(trace.published).toBe(0);

    // Another address has its own allowance; the first gets its back once the window has passed.
    const input = { communityId: world.community.id, description: '小区路灯坏了一个月。', category: MatterCategory.PROPERTY_MANAGEMENT, consent: true };
    for (let i = 0; i < 5; i++) await new PublicReportService(fromIp('203.0.113.7')).submit(input);
    const sixth = await withoutTrace(orm, world.services.bus, () => new PublicReportService(fromIp('203.0.113.7')).submit(input));
    expect(codeOf(sixth.error)).toBe('TOO_MANY_REQUESTS');
    expect(sixth.after).toEqual(sixth.before);
    await expect(new PublicReportService(fromIp('198.51.100.2')).submit(input)).resolves.toEqual(expect.objectContaining({ trackingCode: expect.stringMatching(CODE) }));
    // The limiters read Date.now.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 10 * 60_000 });
    expect((await report()).errors).toBeUndefined();
  });
});

describe('publicMatterStatus', () => {
  it('follows the matter by its tracking code, however the resident types it, and shows only public fields', async () => {
    const receipt = (await report({ name: '李师傅', phone: '13993720002' })).data!.submitPublicReport;
    const typed = receipt.trackingCode.toLowerCase().replace(/(.{5})/, '$1-').replace(/1/g, 'l').replace(/0/g, 'o');
    const r = await gql<{ publicMatterStatus: Record<string, unknown> }>(orm, null, STATUS, { code: ` ${typed} ` }, world.services);
    expect(r.errors).toBeUndefined();
    expect(Object.keys(r.data!.publicMatterStatus).sort()).toEqual(['reference', 'reportedAt', 'status', 'statusText', 'updatedAt']);
    expect(r.data!.publicMatterStatus).toEqual(expect.objectContaining({ reference: receipt.status.reference, status: 'REPORTED', statusText: '已受理，等待研判' }));

    // The status text follows the matter.
    const matter = await orm.em.fork().findOneOrFail(Matter, { reference: receipt.status.reference });
    await assess(world, matter);
    const later = await gql<{ publicMatterStatus: { status: string; statusText: string } }>(orm, null, STATUS, { code: receipt.trackingCode }, world.services);
    expect(later.data!.publicMatterStatus).toEqual(expect.objectContaining({ status: MatterStatus.ASSESSING, statusText: '社区正在研判' }));

    // Nothing personal or internal can be asked for: the type has no such fields.
    const type = (await getSchema()).getType('PublicMatterStatus') as GraphQLObjectType;
    expect(Object.keys(type.getFields()).sort()).toEqual(['reference', 'reportedAt', 'status', 'statusText', 'updatedAt']);
    // statusText is Chinese only: kept for older clients, deprecated for `status` (which the web translates).
    expect(type.getFields().statusText.deprecationReason).toMatch(/Chinese only/);
    for (const field of ['title', 'description', 'parties { name }', 'id']) {
      const leak = await gql(orm, null, `query($code: String!) { publicMatterStatus(trackingCode: $code) { ${field} } }`, { code: receipt.trackingCode }, world.services);
      expect(leak.data, field).toBeUndefined();
      expect(leak.errors, field).toHaveLength(1);
    }
  });

  it('answers NOT_FOUND for an unknown or malformed code', async () => {
    for (const code of ['0000000000', 'ZZZZZZZZZZ', 'short', 'U'.repeat(10), '', 'x'.repeat(500)]) {
      const r = await gql(orm, null, STATUS, { code }, world.services);
      expect(errorCodes(r), code).toEqual(['NOT_FOUND']);
    }
  });

  it('limits look-ups per client address (TOO_MANY_REQUESTS), so codes cannot be guessed in bulk', async () => {
    const receipt = (await report()).data!.submitPublicReport;
    for (let i = 0; i < 30; i++) {
      const r = await gql(orm, null, STATUS, { code: i === 0 ? receipt.trackingCode : '0000000000' }, world.services);
      expect(errorCodes(r)).toEqual(i === 0 ? [] : ['NOT_FOUND']);
    }
    const blocked = await gql(orm, null, STATUS, { code: receipt.trackingCode }, world.services);
    expect(errorCodes(blocked)).toEqual(['TOO_MANY_REQUESTS']);
  });
});

describe("the coordinator's list", () => {
  it('shows an online report to its community coordinator with channel ONLINE, and to nobody else', async () => {
    const receipt = (await report({ description: '3号楼地下室长期积水，有安全隐患。', name: '王大爷', phone: '13893710003', category: 'PROPERTY_MANAGEMENT' })).data!
      .submitPublicReport;
    const find = async (viewer: unknown) => {
      const r = await gql<{ matters: { edges: { node: { reference: string; channel: string; title: string; parties: { name: string; phone: string }[] } }[] } }>(
        orm,
        viewer as never,
        MATTERS,
        { filter: { search: receipt.status.reference } },
        world.services,
      );
      expect(r.errors).toBeUndefined();
      return r.data!.matters.edges.map((e) => e.node);
    };
    const seen = await find(world.coordinator.viewer);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toEqual(
      expect.objectContaining({ reference: receipt.status.reference, channel: 'ONLINE', parties: [{ name: '王大爷', phone: '13893710003' }] }),
    );
    expect(seen[0].title).toContain('3号楼地下室长期积水');
    expect(await find(world.agencies.COURT.viewer)).toEqual([]);
    expect(await find((await buildWorld(orm, world.services)).coordinator.viewer)).toEqual([]);
  });
});
