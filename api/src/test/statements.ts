import type { MikroORM } from '@mikro-orm/postgresql';
import { expect, vi } from 'vitest';
import type { Actor } from './factories';
import { gql, type TestServices } from './harness';

/**
 * Executes `source` like an HTTP request and counts the SQL statements sent to PostgreSQL on its
 * behalf ("constant SQL statements per request": compare a small page with a large one).
 *
 * The statements are run one at a time, each answer delivered on its own turn of the event loop.
 * Without that, how many statements a request costs depends a little on the network: MikroORM's
 * dataloader asks again for a user or an organization that a sibling field already asked for when
 * that answer has not arrived yet. In this fixed order the count depends only on the operation and
 * on how the resolvers batch — so two page sizes must give exactly the same number.
 */
export async function countStatements<T>(
  orm: MikroORM,
  viewer: Actor,
  source: string,
  variables: Record<string, unknown>,
  services: Partial<TestServices>,
): Promise<{ statements: number; data: T; sql: string[] }> {
  const connection = orm.em.getConnection();
  const execute = connection.execute.bind(connection) as (...args: unknown[]) => Promise<unknown>;
  let previous: Promise<unknown> = Promise.resolve();
  const spy = vi.spyOn(connection, 'execute').mockImplementation(((...args: unknown[]) => {
    const result = previous.then(() => execute(...args));
    previous = result.then(
      () => new Promise((resolve) => setImmediate(resolve)),
      () => new Promise((resolve) => setImmediate(resolve)),
    );
    return result;
  }) as typeof connection.execute);
  try {
    const r = await gql<T>(orm, viewer.viewer, source, variables, services);
    expect(r.errors).toBeUndefined();
    const sql = spy.mock.calls.map((c) => String(c[0]));
    // SQL_DUMP=1: print what was sent, to see which field resolver costs a statement per row.
    if (process.env.SQL_DUMP) console.log(`${sql.length} statements\n${sql.map((q) => `  ${q.replace(/\s+/g, ' ').slice(0, 160)}`).join('\n')}`);
    return { statements: sql.length, data: r.data as T, sql };
  } finally {
    spy.mockRestore();
  }
}
