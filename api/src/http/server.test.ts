import { beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { PiiAccessLog } from '../modules/matter/matter.entity';
import { answer, buildConvenedMatter, buildWorld, TEST_PASSWORD, type World } from '../test/factories';
import { createTestDb, onDispose } from '../test/harness';
import { createApp } from './server';
import { OrganizationKind } from '../modules/common/enums';

// The HTTP path end to end in-process: bearer tokens, error codes, and the audit of unmasked
// phone / ID number reads (flushPiiReads), on whichever database the harness provides.

let orm: MikroORM;
let world: World;
let url: string;

beforeAll(async () => {
  orm = (await createTestDb()).orm;
  world = await buildWorld(orm);
  const app = await createApp({ config: world.services.config, orm, bus: world.services.bus, clock: world.services.clock });
  const port = await app.listen(0, '127.0.0.1');
  onDispose(() => app.close());
  url = `http://127.0.0.1:${port}/graphql`;
});

async function post<T>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<{ data?: T; errors?: { extensions: { code: string } }[] }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return res.json() as never;
}

async function tokenOf(username: string): Promise<string> {
  const r = await post<{ login: { token: string } }>(`mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }`, { u: username, p: TEST_PASSWORD });
  return r.data!.login.token;
}

describe('GraphQL over HTTP', () => {
  it('answers UNAUTHENTICATED without a token, and BAD_USER_INPUT for a missing field', async () => {
    const anon = await post(`query { matters { totalCount } }`);
    expect(anon.errors!.map((e) => e.extensions.code)).toEqual(['UNAUTHENTICATED']);
    const token = await tokenOf(world.coordinator.user.username);
    const missing = await post(`mutation($input: ReportMatterInput!) { reportMatter(input: $input) { id } }`, { input: { description: 'x', kind: 'DEMAND', category: 'OTHER', channel: 'PHONE' } }, token);
    expect(missing.errors!.map((e) => e.extensions.code)).toEqual(['BAD_USER_INPUT']);
  });

  it('writes a pii_access_log row for each unmasked read, and none for masked ones', async () => {
    const { matter, invitations } = await buildConvenedMatter(orm, { world });
    const judicial = world.agencies.JUDICIAL_OFFICE;
    const token = await tokenOf(judicial.user.username);
    const READ = `query($id: ID!) { matter(id: $id) { parties { phone idNumber } } }`;
    const logged = () => orm.em.fork().find(PiiAccessLog, { userId: judicial.user.id, matterId: matter.id });

    const masked = await post<{ matter: { parties: { phone: string }[] } }>(READ, { id: matter.id }, token);
    expect(masked.data!.matter.parties[0].phone).toBe('138****2345');
    expect(await logged()).toEqual([]);

    await answer(world, OrganizationKind.JUDICIAL_OFFICE, invitations.JUDICIAL_OFFICE, true);
    const open = await post<{ matter: { parties: { phone: string }[] } }>(READ, { id: matter.id }, token);
    expect(open.data!.matter.parties[0].phone).toBe('13893712345');
    const rows = await logged();
    expect(rows.map((r) => r.field).sort()).toEqual(['idNumber', 'phone', 'phone']);
    // A second read is audited again.
    await post(READ, { id: matter.id }, token);
    expect(await logged()).toHaveLength(6);
  });
});
