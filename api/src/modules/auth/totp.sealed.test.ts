import { randomBytes } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { generate, generateSecret } from 'otplib';
import { prepareDatabase } from '../../bootstrap';
import { ManualClock } from '../../clock';
import type { Viewer } from '../../context';
import { logger } from '../../logger';
import { buildUser, TEST_PASSWORD } from '../../test/factories';
import { createTestDb, errorCodes, gql, testConfig } from '../../test/harness';
import { UserRole } from '../common/enums';
import { piiKeyring, PiiKeyring, setPiiKeyring } from '../pii/pii.crypto';
import { assertKeysCoverData, resealTotpSecrets } from '../pii/pii.reseal';
import { AuthService } from './auth.service';

// The officers' TOTP secrets at rest: sealed with the personal-data keys, bound to column and user.

const LOGIN = `mutation($username: String!, $password: String!) { login(username: $username, password: $password) { token mfaRequired challenge } }`;
const VERIFY = `mutation($challenge: String!, $code: String!) { verifyLoginMfa(challenge: $challenge, code: $code) { token user { id } } }`;
const BEGIN = `mutation { beginTotpEnrolment { secret otpauthUri } }`;
const CONFIRM = `mutation($code: String!) { confirmTotpEnrolment(code: $code) { recoveryCodes } }`;

const test1 = { id: 'test1', key: Buffer.alloc(32, 7) };
let orm: MikroORM;
let url: string;
const testRing = piiKeyring();

beforeAll(async () => {
  ({ orm, url } = await createTestDb());
});

afterEach(() => {
  setPiiKeyring(testRing);
  vi.restoreAllMocks();
});

interface RawUser {
  totp_secret: string | null;
  totp_pending_secret: string | null;
  row: string;
}

async function rawUser(id: string): Promise<RawUser> {
  const [r]: RawUser[] = await orm.em.fork().execute(`select u.totp_secret, u.totp_pending_secret, row_to_json(u)::text as row from app_user u where id = ?`, [id]);
  return r;
}

const codeAt = (secret: string, clock: ManualClock) => generate({ secret, epoch: Math.floor(clock.now().getTime() / 1000) });

async function viewerOf(username: string, clock: ManualClock): Promise<Viewer> {
  const r = await gql<{ login: { token: string } }>(orm, null, LOGIN, { username, password: TEST_PASSWORD }, { clock });
  expect(r.errors).toBeUndefined();
  return (await new AuthService(orm.em.fork(), testConfig, clock).viewerFromToken(r.data!.login.token))!;
}

/** Password, then a TOTP code: the result of verifyLoginMfa. */
async function signInWithCode(username: string, secret: string, clock: ManualClock) {
  clock.advance(30_000); // a fresh time step: the previous one may be spent
  const login = await gql<{ login: { mfaRequired: boolean; challenge: string } }>(orm, null, LOGIN, { username, password: TEST_PASSWORD }, { clock });
  expect(login.errors).toBeUndefined();
  expect(login.data!.login.mfaRequired).toBe(true);
  return gql<{ verifyLoginMfa: { token: string; user: { id: string } } }>(orm, null, VERIFY, { challenge: login.data!.login.challenge, code: await codeAt(secret, clock) }, { clock });
}

async function enrolled(clock = new ManualClock()) {
  const actor = await buildUser(orm, UserRole.COORDINATOR);
  const viewer = await viewerOf(actor.user.username, clock);
  const { secret } = (await gql<{ beginTotpEnrolment: { secret: string } }>(orm, viewer, BEGIN, {}, { clock })).data!.beginTotpEnrolment;
  const pending = await rawUser(actor.user.id);
  const confirmed = await gql(orm, viewer, CONFIRM, { code: await codeAt(secret, clock) }, { clock });
  expect(confirmed.errors).toBeUndefined();
  return { user: actor.user, secret, clock, viewer, pending };
}

/** A user whose 2FA was turned on before secrets were sealed: the plaintext secret in the column. */
async function legacyEnrolled(clock = new ManualClock()) {
  const { user } = await buildUser(orm, UserRole.ADMIN);
  const secret = generateSecret();
  await orm.em.fork().execute(`update app_user set totp_secret = ?, totp_enabled_at = now() where id = ?`, [secret, user.id]);
  return { user, secret, clock };
}

function flipCiphertextByte(sealed: string): string {
  const parts = sealed.split('.');
  parts[5] = Buffer.from(Buffer.from(parts[5], 'base64url').map((b, i) => (i === 0 ? b ^ 1 : b))).toString('base64url');
  return parts.join('.');
}

describe('TOTP secrets at rest', () => {
  it('the columns never hold the plaintext: pending and confirmed secrets are sealed; sign-in with a code works', async () => {
    const u = await enrolled();
    // While the enrolment waited for its code, the pending secret was sealed already.
    expect(u.pending.totp_pending_secret).toMatch(/^sst1\.A\.test1\./);
    expect(u.pending.row).not.toContain(u.secret);
    const raw = await rawUser(u.user.id);
    expect(raw.totp_secret).toMatch(/^sst1\.A\.test1\./);
    expect(raw.totp_pending_secret).toBeNull();
    expect(raw.row).not.toContain(u.secret);
    const r = await signInWithCode(u.user.username, u.secret, u.clock);
    expect(r.errors).toBeUndefined();
    expect(r.data!.verifyLoginMfa.user.id).toBe(u.user.id);
  });

  it('SM4 (商用密码) seals them too', async () => {
    setPiiKeyring(new PiiKeyring('sm4', [test1]));
    const u = await enrolled();
    const raw = await rawUser(u.user.id);
    expect(raw.totp_secret).toMatch(/^sst1\.S\.test1\./);
    expect(raw.row).not.toContain(u.secret);
    expect((await signInWithCode(u.user.username, u.secret, u.clock)).errors).toBeUndefined();
    // Back under AES for the next tests.
    expect((await resealTotpSecrets(orm.em, testRing)).failed).toEqual([]);
  });

  it('a sealed secret is bound to its user and its column: copied elsewhere, it does not open', async () => {
    const a = await enrolled();
    const b = await enrolled();
    const sealedA = (await rawUser(a.user.id)).totp_secret!;
    const sealedB = (await rawUser(b.user.id)).totp_secret!;
    // Officer B's row given A's sealed secret: A's codes do not get anyone into B's account.
    await orm.em.fork().execute(`update app_user set totp_secret = ? where id = ?`, [sealedA, b.user.id]);
    const intoB = await signInWithCode(b.user.username, a.secret, b.clock);
    expect(errorCodes(intoB)).toEqual(['BAD_USER_INPUT']);
    expect(intoB.errors![0].extensions).toMatchObject({ reason: 'WRONG_CODE' });
    // A pending secret (as an unconfirmed enrolment leaves it) moved into the confirmed column does not open either.
    const c = await buildUser(orm, UserRole.MEDIATOR);
    const clock = new ManualClock();
    const viewer = await viewerOf(c.user.username, clock);
    const { secret } = (await gql<{ beginTotpEnrolment: { secret: string } }>(orm, viewer, BEGIN, {}, { clock })).data!.beginTotpEnrolment;
    await orm.em.fork().execute(`update app_user set totp_secret = totp_pending_secret, totp_pending_secret = null, totp_enabled_at = now() where id = ?`, [c.user.id]);
    expect(errorCodes(await signInWithCode(c.user.username, secret, clock))).toEqual(['BAD_USER_INPUT']);
    // Each put back: B's own secret works again; C's moved one is cleared.
    await orm.em.fork().execute(`update app_user set totp_secret = ? where id = ?`, [sealedB, b.user.id]);
    await orm.em.fork().execute(`update app_user set totp_secret = null, totp_enabled_at = null where id = ?`, [c.user.id]);
    expect((await signInWithCode(b.user.username, b.secret, b.clock)).errors).toBeUndefined();
  });

  it('a secret enrolled before sealing is sealed at boot (and by migrate), and keeps working', async () => {
    const u = await legacyEnrolled();
    // Readable meanwhile (an instance of the previous version may write one during an upgrade), and noticed.
    const warned = vi.spyOn(logger, 'warn');
    expect((await signInWithCode(u.user.username, u.secret, u.clock)).errors).toBeUndefined();
    expect(warned).toHaveBeenCalledWith(expect.objectContaining({ userId: u.user.id, field: 'user.totpSecret' }), expect.stringContaining('plaintext'));
    expect(JSON.stringify(warned.mock.calls)).not.toContain(u.secret);
    await prepareDatabase(orm, url, testConfig, u.clock, piiKeyring());
    const raw = await rawUser(u.user.id);
    expect(raw.totp_secret).toMatch(/^sst1\.A\.test1\./);
    expect(raw.row).not.toContain(u.secret);
    expect((await signInWithCode(u.user.username, u.secret, u.clock)).errors).toBeUndefined();
    // A pending plaintext secret is sealed too; a second run finds nothing left.
    await orm.em.fork().execute(`update app_user set totp_pending_secret = ? where id = ?`, ['JBSWY3DPEHPK3PXP', u.user.id]);
    expect((await resealTotpSecrets(orm.em, piiKeyring(), { onlyUnsealed: true })).resealed).toBe(1);
    expect((await rawUser(u.user.id)).totp_pending_secret).toMatch(/^sst1\.A\.test1\./);
    expect((await resealTotpSecrets(orm.em, piiKeyring(), { onlyUnsealed: true })).resealed).toBe(0);
    await orm.em.fork().execute(`update app_user set totp_pending_secret = null where id = ?`, [u.user.id]);
  });

  it('rotate-keys re-seals them with the new key in batches; sign-in works before, during and after the old key is gone', async () => {
    const a = await enrolled();
    const b = await legacyEnrolled();
    const test2 = { id: 'test2', key: randomBytes(32) };
    const rotating = new PiiKeyring('aes-256-gcm', [test2, test1]);
    setPiiKeyring(rotating);
    // The new key is first, the rows are not re-sealed yet: still readable.
    expect((await signInWithCode(a.user.username, a.secret, a.clock)).errors).toBeUndefined();
    const result = await resealTotpSecrets(orm.em, rotating, { batchSize: 1 });
    expect(result.failed).toEqual([]);
    expect(result.resealed).toBeGreaterThanOrEqual(2);
    expect(result.batches).toBeGreaterThanOrEqual(2);
    const left: { n: number }[] = await orm.em.fork().execute(
      `select count(*)::int as n from app_user where (totp_secret is not null and not starts_with(totp_secret, 'sst1.A.test2.')) or (totp_pending_secret is not null and not starts_with(totp_pending_secret, 'sst1.A.test2.'))`,
    );
    expect(left[0].n).toBe(0);
    for (const u of [a, b]) {
      const raw = await rawUser(u.user.id);
      expect(raw.totp_secret).toMatch(/^sst1\.A\.test2\./);
      expect(raw.row).not.toContain(u.secret);
    }
    expect((await resealTotpSecrets(orm.em, rotating)).resealed).toBe(0);
    // The old key removed: both still sign in.
    setPiiKeyring(new PiiKeyring('aes-256-gcm', [test2]));
    expect((await signInWithCode(a.user.username, a.secret, a.clock)).errors).toBeUndefined();
    expect((await signInWithCode(b.user.username, b.secret, b.clock)).errors).toBeUndefined();
    // Removing the new key instead is reported before anything is touched (boot and rotate-keys check).
    await expect(assertKeysCoverData(orm.em, new PiiKeyring('aes-256-gcm', [test1]))).rejects.toThrow(
      /Two-factor \(TOTP\) secrets are sealed with key\(s\) test2, which PII_KEYS does not list/,
    );
    await expect(resealTotpSecrets(orm.em, new PiiKeyring('aes-256-gcm', [test1]))).rejects.toThrow(/test2/);
    // Back under test1 for the next tests.
    expect((await resealTotpSecrets(orm.em, new PiiKeyring('aes-256-gcm', [test1, test2]))).failed).toEqual([]);
  });

  it('a tampered secret is refused like a wrong code, logged without the secret, and reported by rotate-keys', async () => {
    const u = await enrolled();
    const sealed = (await rawUser(u.user.id)).totp_secret!;
    await orm.em.fork().execute(`update app_user set totp_secret = ? where id = ?`, [flipCiphertextByte(sealed), u.user.id]);
    const logged = vi.spyOn(logger, 'error');
    const r = await signInWithCode(u.user.username, u.secret, u.clock);
    expect(errorCodes(r)).toEqual(['BAD_USER_INPUT']);
    expect(r.errors![0].extensions).toMatchObject({ reason: 'WRONG_CODE' });
    expect(JSON.stringify({ data: r.data, errors: r.errors })).not.toContain(u.secret);
    expect(logged).toHaveBeenCalledWith(expect.objectContaining({ userId: u.user.id, field: 'user.totpSecret' }), expect.stringContaining('could not be opened'));
    expect(JSON.stringify(logged.mock.calls)).not.toContain(u.secret);
    // Recovery codes still get the officer in (then an administrator resets 2FA).
    // Rotation leaves the row alone and names it.
    const test9 = { id: 'test9', key: randomBytes(32) };
    const result = await resealTotpSecrets(orm.em, new PiiKeyring('aes-256-gcm', [test9, test1]));
    expect(result.failed).toEqual([u.user.id]);
    expect(await rawUser(u.user.id)).toMatchObject({ totp_secret: flipCiphertextByte(sealed) });
    // Put it back; everything under test1 again.
    await orm.em.fork().execute(`update app_user set totp_secret = ? where id = ?`, [sealed, u.user.id]);
    expect((await resealTotpSecrets(orm.em, new PiiKeyring('aes-256-gcm', [test1, test9]))).failed).toEqual([]);
    expect((await signInWithCode(u.user.username, u.secret, u.clock)).errors).toBeUndefined();
  });

  it('a tampered pending secret asks to start the enrolment again', async () => {
    const { user } = await buildUser(orm, UserRole.MEDIATOR);
    const clock = new ManualClock();
    const viewer = await viewerOf(user.username, clock);
    const { secret } = (await gql<{ beginTotpEnrolment: { secret: string } }>(orm, viewer, BEGIN, {}, { clock })).data!.beginTotpEnrolment;
    const pending = (await rawUser(user.id)).totp_pending_secret!;
    await orm.em.fork().execute(`update app_user set totp_pending_secret = ? where id = ?`, [flipCiphertextByte(pending), user.id]);
    const r = await gql(orm, viewer, CONFIRM, { code: await codeAt(secret, clock) }, { clock });
    expect(errorCodes(r)).toEqual(['CONFLICT']);
    expect(r.errors![0].extensions).toMatchObject({ reason: 'NOT_STARTED' });
    expect((await rawUser(user.id)).totp_secret).toBeNull();
  });
});
