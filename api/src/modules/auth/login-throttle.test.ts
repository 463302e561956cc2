import { randomBytes } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { GraphQLFormattedError } from 'graphql';
import type { Config } from '../../config';
import { RateLimits } from '../../http/rate-limit';
import { buildUser, TEST_PASSWORD } from '../../test/factories';
import { createTestDb, errorCodes, gql, onDispose, testConfig } from '../../test/harness';
import { UserRole } from '../common/enums';

const LOGIN = /* GraphQL */ `
  mutation Login($username: String!, $password: String!) {
    login(username: $username, password: $password) { token }
  }
`;

let orm: MikroORM;
beforeAll(async () => {
  orm = (await createTestDb()).orm;
});
afterEach(() => {
  vi.useRealTimers();
});

/** One api's rate-limit store (in memory unless a Redis URL is given). */
function store(redisUrl?: string): RateLimits {
  const limits = new RateLimits(redisUrl, `sst-test-${randomBytes(4).toString('hex')}:`);
  onDispose(() => limits.close());
  return limits;
}

function login(limits: RateLimits, ip: string, username: string, password: string, config: Config = testConfig) {
  return gql<{ login: { token: string } }>(orm, null, LOGIN, { username, password }, { limits, ip, config });
}

/** What a client sees of an answer: code, message and extensions, nothing else. */
const answerOf = (r: { errors?: GraphQLFormattedError[]; data?: unknown }) =>
  r.errors ? r.errors.map((e) => ({ message: e.message, extensions: e.extensions })) : 'signed in';

/** Moves Date.now (which the limiters read) forward; timers and I/O keep running. */
function advance(ms: number) {
  const now = Date.now() + ms;
  vi.useRealTimers();
  vi.useFakeTimers({ toFake: ['Date'], now });
}

describe('login throttling', () => {
  it('is not bypassed by concurrency: 30 wrong passwords at once, three times, and the right one is then refused', async () => {
    const limits = store();
    const { user } = await buildUser(orm, UserRole.COORDINATOR);
    const verified: number[] = [];
    for (let burst = 0; burst < 3; burst++) {
      const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => login(limits, '203.0.113.10', user.username, `guess-${burst}-${i}`)));
      for (const a of answers) expect(errorCodes(a)).toHaveLength(1);
      verified.push(answers.filter((a) => errorCodes(a)[0] === 'UNAUTHENTICATED').length);
    }
    // Only the attempts before the backoff reached a password check; the other 85 were refused unseen.
    expect(verified).toEqual([testConfig.LOGIN_ATTEMPTS_BEFORE_BACKOFF, 0, 0]);
    const right = await login(limits, '203.0.113.10', user.username, TEST_PASSWORD);
    expect(errorCodes(right)).toEqual(['TOO_MANY_REQUESTS']);
    expect(right.errors![0].extensions!.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('backs off per address and username, doubling the pause; another address is not slowed, a success ends it', async () => {
    const limits = store();
    const { user } = await buildUser(orm, UserRole.COORDINATOR);
    const from = (ip: string, password: string) => login(limits, ip, user.username, password);
    const n = testConfig.LOGIN_ATTEMPTS_BEFORE_BACKOFF;
    for (let i = 0; i < n; i++) expect(errorCodes(await from('203.0.113.20', `guess-${i}`))).toEqual(['UNAUTHENTICATED']);
    const paused = await from('203.0.113.20', 'guess-x');
    expect(errorCodes(paused)).toEqual(['TOO_MANY_REQUESTS']);
    expect(paused.errors![0].extensions!.retryAfterSeconds).toBe(testConfig.LOGIN_BACKOFF_SECONDS);

    // The officer at their own desk is not slowed by someone else's mistakes.
    expect((await from('198.51.100.20', TEST_PASSWORD)).errors).toBeUndefined();

    // After the pause, another round of attempts, then a pause twice as long.
    advance(testConfig.LOGIN_BACKOFF_SECONDS * 1000 + 1000);
    for (let i = 0; i < n; i++) expect(errorCodes(await from('203.0.113.20', `again-${i}`)), `attempt ${i}`).toEqual(['UNAUTHENTICATED']);
    const longer = await from('203.0.113.20', 'again-x');
    expect(longer.errors![0].extensions!.retryAfterSeconds).toBe(2 * testConfig.LOGIN_BACKOFF_SECONDS);

    // Once it has passed, the right password works and the streak starts over.
    advance(2 * testConfig.LOGIN_BACKOFF_SECONDS * 1000 + 1000);
    expect((await from('203.0.113.20', TEST_PASSWORD)).errors).toBeUndefined();
    for (let i = 0; i < n; i++) expect(errorCodes(await from('203.0.113.20', `typo-${i}`))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await from('203.0.113.20', 'typo-x'))[0]).toBe('TOO_MANY_REQUESTS');
  });

  it('limits one address across usernames, and not its neighbours', async () => {
    const config: Config = { ...testConfig, LOGIN_MAX_FAILURES_PER_ADDRESS: 8 };
    const limits = store();
    const { user } = await buildUser(orm, UserRole.AGENCY_STAFF);
    for (let i = 0; i < 8; i++) expect(errorCodes(await login(limits, '203.0.113.30', `someone-${i}`, 'guess', config))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await login(limits, '203.0.113.30', user.username, TEST_PASSWORD, config))).toEqual(['TOO_MANY_REQUESTS']);
    expect((await login(limits, '203.0.113.31', user.username, TEST_PASSWORD, config)).errors).toBeUndefined();
    // An IPv6 client is counted by its /64: rotating the interface identifier does not help.
    for (let i = 0; i < 8; i++) await login(limits, `2001:db8:1:2::${i + 1}`, `someone-${i}`, 'guess', config);
    expect(errorCodes(await login(limits, '2001:db8:1:2:ffff::9', user.username, TEST_PASSWORD, config))).toEqual(['TOO_MANY_REQUESTS']);
  });

  it('cannot be used to lock a named officer out: guesses from many addresses stop strangers, not the officer at a known address', async () => {
    const limits = store();
    const { user } = await buildUser(orm, UserRole.AGENCY_LEAD);
    // The officer signs in from the station as usual.
    expect((await login(limits, '198.51.100.40', user.username, TEST_PASSWORD)).errors).toBeUndefined();
    // 90 guesses from 90 addresses, 30 at a time.
    for (let burst = 0; burst < 3; burst++) {
      await Promise.all(Array.from({ length: 30 }, (_, i) => login(limits, `203.0.113.${100 + burst * 30 + i}`, user.username, `guess-${i}`)));
    }
    // The soft per-username limit now refuses anyone new — even with the right password…
    expect(errorCodes(await login(limits, '203.0.113.250', user.username, TEST_PASSWORD))).toEqual(['TOO_MANY_REQUESTS']);
    // …but the officer at the station signs in.
    expect((await login(limits, '198.51.100.40', user.username, TEST_PASSWORD)).errors).toBeUndefined();
    // And once the window has passed, so does anyone with the password.
    advance(testConfig.LOGIN_WINDOW_MINUTES * 60_000 + 1000);
    expect((await login(limits, '203.0.113.250', user.username, TEST_PASSWORD)).errors).toBeUndefined();
  });

  it('answers an unknown username exactly as a real one, attempt for attempt', async () => {
    const limits = store();
    const { user } = await buildUser(orm, UserRole.COORDINATOR);
    const inactive = await buildUser(orm, UserRole.COORDINATOR, undefined, { active: false });
    const run = async (username: string, ip: string) => {
      const seen = [];
      for (let i = 0; i < testConfig.LOGIN_ATTEMPTS_BEFORE_BACKOFF + 2; i++) seen.push(answerOf(await login(limits, ip, username, `guess-${i}`)));
      return seen;
    };
    const real = await run(user.username, '203.0.113.50');
    expect(real.at(-1)).toEqual([{ message: 'Too many sign-in attempts; try again later', extensions: { code: 'TOO_MANY_REQUESTS', retryAfterSeconds: testConfig.LOGIN_BACKOFF_SECONDS } }]);
    expect(await run(`nobody-${randomBytes(3).toString('hex')}`, '203.0.113.51')).toEqual(real);
    expect(await run(inactive.user.username, '203.0.113.52')).toEqual(real);
  });
});

describe.skipIf(!process.env.TEST_REDIS_URL)('login throttling across api instances (Redis)', () => {
  it('shares the counts: guesses spread over two instances are counted together', async () => {
    const prefix = `sst-test-${randomBytes(4).toString('hex')}:`;
    const one = new RateLimits(process.env.TEST_REDIS_URL, prefix);
    const two = new RateLimits(process.env.TEST_REDIS_URL, prefix);
    onDispose(() => one.close());
    onDispose(() => two.close());
    await Promise.all([one.ready(), two.ready()]);
    const { user } = await buildUser(orm, UserRole.COORDINATOR);
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => login(i % 2 ? one : two, '203.0.113.60', user.username, `guess-${i}`)),
    );
    expect(answers.filter((a) => errorCodes(a)[0] === 'UNAUTHENTICATED')).toHaveLength(testConfig.LOGIN_ATTEMPTS_BEFORE_BACKOFF);
    expect(errorCodes(await login(one, '203.0.113.60', user.username, TEST_PASSWORD))).toEqual(['TOO_MANY_REQUESTS']);
    expect(errorCodes(await login(two, '203.0.113.60', user.username, TEST_PASSWORD))).toEqual(['TOO_MANY_REQUESTS']);
  });
});
