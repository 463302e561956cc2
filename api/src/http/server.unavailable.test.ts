import net from 'node:net';
import { MikroORM, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { describe, expect, it, beforeAll } from 'vitest';
import { isDatabaseUnavailable, ormOptions } from '../db/orm';
import { onDispose, testServices } from '../test/harness';
import { createApp } from './server';

// A database that cannot be reached (stopped, restarting): the api stays up, says it is not
// ready, and answers GraphQL with SERVICE_UNAVAILABLE — JSON a console can show and retry —
// instead of a bare "internal error". tests/fault shows the same against a real server restart.

/** A port nothing listens on: connections are refused at once. */
async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise((r) => srv.close(r));
  return port;
}

let url: string;

beforeAll(async () => {
  const orm = await MikroORM.init({ ...ormOptions(`postgresql://postgres@127.0.0.1:${await closedPort()}/gone`), connect: false });
  onDispose(() => orm.close(true));
  const s = testServices();
  const app = await createApp({ config: s.config, orm, bus: s.bus, clock: s.clock });
  const port = await app.listen(0, '127.0.0.1');
  onDispose(() => app.close());
  url = `http://127.0.0.1:${port}`;
});

const post = (body: unknown, token?: string) =>
  fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });

describe('with the database unreachable', () => {
  it('is alive but not ready', async () => {
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect((await fetch(`${url}/readyz`)).status).toBe(503);
  });

  it('answers a signed-in request with 503 and SERVICE_UNAVAILABLE as GraphQL JSON', async () => {
    const res = await post({ query: 'mutation { logout }' }, 'some-session-token');
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await res.json()).toEqual({
      errors: [{ message: 'The service is temporarily unavailable; try again shortly', extensions: { code: 'SERVICE_UNAVAILABLE' } }],
    });
  });

  it('maps a resolver that cannot reach the database to SERVICE_UNAVAILABLE, not a masked internal error', async () => {
    const res = await post({ query: 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', variables: { u: 'coordinator', p: 'x' } });
    const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors.map((e) => e.extensions.code)).toEqual(['SERVICE_UNAVAILABLE']);
  });
});

describe('isDatabaseUnavailable', () => {
  it('recognises refused and dropped connections and a server shutting down, wrapped or not', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable({ originalError: Object.assign(new Error('the database system is shutting down'), { code: '57P03' }) })).toBe(true);
  });

  it('leaves bugs and constraint violations alone', () => {
    expect(isDatabaseUnavailable(new Error('Cannot read properties of undefined'))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error('syntax error at or near "selec"'), { code: '42601' }))).toBe(false);
    expect(isDatabaseUnavailable(new UniqueConstraintViolationException(Object.assign(new Error('duplicate key'), { code: '23505' })))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});
