import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { login, within } from '../support/graphql.js';
import { startApi, type StartedApi } from '../support/server.js';

// One id to follow a mutation from the proxy's log to its SQL to its event: X-Request-Id is taken
// from the request (or made), returned, written on every log line of the request (SQL included)
// and stored on the event row the mutation writes.

let api: StartedApi;

beforeAll(async () => {
  api = await startApi({ env: { LOG_LEVEL: 'debug', SQL_DEBUG: '1' } });
});
afterAll(async () => {
  await api?.stop();
});

const REPORT = /* GraphQL */ `
  mutation Report($input: ReportMatterInput!) { reportMatter(input: $input) { id } }
`;

async function post(body: unknown, headers: Record<string, string>) {
  return fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

/** The api's JSON log lines. */
const lines = () =>
  api
    .logs()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { requestId?: string; msg?: string });

describe('request ids', () => {
  it('are returned, logged on every line of the request, and stored on the event the mutation writes', async () => {
    const { token } = await login(api.url, 'coordinator');
    const id = `req-${Date.now()}`;
    const res = await post(
      { operationName: 'Report', query: REPORT, variables: { input: { title: '楼道堆物', description: '楼道堆放杂物', kind: 'DEMAND', category: 'OTHER', channel: 'PHONE' } } },
      { authorization: `Bearer ${token}`, 'x-request-id': id },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe(id);
    const body = (await res.json()) as { data: { reportMatter: { id: string } } };
    const matterId = body.data.reportMatter.id;

    // pino writes asynchronously: wait for the request's access line, the last one it logs.
    const mine = () => lines().filter((l) => l.requestId === id);
    await within(10_000, (async () => {
      while (!mine().some((l) => l.msg === 'graphql')) await new Promise((r) => setTimeout(r, 50));
    })(), "the request's access line");
    // The SQL of the mutation, the event insert among them.
    expect(mine().some((l) => /insert into "event"/i.test(l.msg ?? ''))).toBe(true);

    const db = new pg.Client({ connectionString: api.databaseUrl! });
    await db.connect();
    try {
      const rows = await db.query<{ request_id: string | null }>('select request_id from event where matter_id = $1', [matterId]);
      expect(rows.rows.length).toBeGreaterThan(0);
      for (const r of rows.rows) expect(r.request_id).toBe(id);
    } finally {
      await db.end();
    }
  });

  it('are made when the client sends none or an unusable one', async () => {
    const plain = await post({ query: '{ __typename }' }, {});
    expect(plain.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const hostile = await post({ query: '{ __typename }' }, { 'x-request-id': `spaces and ${'x'.repeat(200)}` });
    expect(hostile.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const other = await post({ query: '{ __typename }' }, {});
    expect(other.headers.get('x-request-id')).not.toBe(plain.headers.get('x-request-id'));
  });
});
