import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { generateSecret, generateURI, verify } from 'otplib';
import type { Clock } from '../../clock';
import type { Config } from '../../config';
import type { Viewer } from '../../context';
import { badInput, conflict, DomainError, forbidden, notFound, unauthenticated } from '../../errors';
import { logger } from '../../logger';
import { authorize, PLATFORM } from '../../policy';
import { AuthService, hashToken, type SessionClient, type SessionResult } from './auth.service';
import { MfaChallenge, RecoveryCode } from './mfa.entity';
import { PiiCryptoError, SEALED_PREFIX } from '../pii/pii.crypto';
import { openTotpSecret, sealTotpSecret, TOTP_FIELD, type TotpColumn } from './totp-secret';
import { User } from './user.entity';

/**
 * Two-factor sign-in (两步验证): TOTP (RFC 6238, otplib) with one-time recovery codes.
 *
 * - Enrolment: beginEnrolment keeps a pending secret and returns it once (for the QR code);
 *   confirmEnrolment needs a code from the app, turns 2FA on and returns ten recovery codes,
 *   once — only their SHA-256 is kept. The secret is never returned again.
 * - Sign-in: with 2FA on, the right password yields a short-lived challenge, not a session;
 *   verifyLogin(challenge, code) issues the session token. A challenge takes a few attempts and
 *   is used once.
 * - Replay: the time step of every accepted code is recorded with a conditional update, so a
 *   code is accepted at most once, even by two requests racing with it. A recovery code is
 *   spent by a conditional update too.
 * - At rest: both secrets (pending and confirmed) are sealed with the personal-data keys, bound
 *   to their column and the user (totp-secret.ts). One that fails to open (altered, or sealed
 *   with a key PII_KEYS no longer lists) is logged and answered like a wrong code.
 */

export const CHALLENGE_MINUTES = 5;
export const CHALLENGE_MAX_ATTEMPTS = 5;
export const RECOVERY_CODE_COUNT = 10;
/**
 * Wrong codes one user may send across all their challenges in MFA_FAILURE_WINDOW_MINUTES: a
 * password holder cannot get unlimited guesses by starting new challenges.
 */
export const MFA_MAX_FAILURES_PER_WINDOW = 10;
export const MFA_FAILURE_WINDOW_MINUTES = 15;
/** Codes of the previous and the next 30-second step are accepted (clock drift). */
const TOLERANCE_SECONDS = 30;
// Crockford-like alphabet without 0/O, 1/I: 32 symbols, 10 of them per code = 50 bits.
const RECOVERY_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export interface MfaChallengeResult {
  mfaRequired: true;
  // Absent until the second factor (lets callers that only sign in users without 2FA read `.token`).
  token?: undefined;
  user?: undefined;
  expiresAt?: undefined;
  challenge: string;
  challengeExpiresAt: Date;
}

export interface TotpEnrolment {
  secret: string;
  otpauthUri: string;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const normalizeRecoveryCode = (code: string) => code.toUpperCase().replace(/[^A-Z0-9]/g, '');

export function newRecoveryCode(): string {
  let s = '';
  for (let i = 0; i < 10; i++) s += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)];
  return `${s.slice(0, 5)}-${s.slice(5)}`;
}

/** The secret, or null (logged, without the value) when the stored one fails to open. */
function openSecretOrLog(column: TotpColumn, userId: string, stored: string): string | null {
  if (!stored.startsWith(SEALED_PREFIX)) {
    // Boot seals these before the api serves: one now was written by an instance of the previous
    // version (rolling upgrade) or straight into the database. It works; it is sealed at the next boot or `migrate`.
    logger.warn({ userId, field: TOTP_FIELD[column] }, 'a two-factor secret stored in plaintext was used; it is sealed at the next boot or migrate');
  }
  try {
    return openTotpSecret(column, userId, stored);
  } catch (err) {
    if (!(err instanceof PiiCryptoError)) throw err;
    logger.error({ userId, field: TOTP_FIELD[column], err: err.message }, 'a two-factor secret could not be opened (altered, or sealed with a key PII_KEYS does not list); the code is refused');
    return null;
  }
}

const wrongCode = () => new DomainError('BAD_USER_INPUT', 'The code is wrong or was already used', { field: 'code', reason: 'WRONG_CODE' });

export class TotpService {
  constructor(private readonly em: EntityManager, private readonly config: Config, private readonly clock: Clock) {}

  private epoch(): number {
    return Math.floor(this.clock.now().getTime() / 1000);
  }

  /** Step 1 of a two-factor sign-in: the password was right. */
  async challenge(user: User, client: SessionClient): Promise<MfaChallengeResult> {
    const now = this.clock.now();
    const challenge = randomBytes(32).toString('base64url');
    const challengeExpiresAt = new Date(now.getTime() + CHALLENGE_MINUTES * 60_000);
    // Old challenges of this user are of no use to anyone; keep the table small.
    await this.em.nativeDelete(MfaChallenge, { user: user.id, createdAt: { $lt: new Date(now.getTime() - 24 * 3_600_000) } });
    this.em.create(MfaChallenge, {
      tokenHash: hashToken(challenge),
      user,
      createdAt: now,
      expiresAt: challengeExpiresAt,
      attempts: 0,
      clientAddress: client.address?.slice(0, 100) || null,
      userAgent: client.userAgent?.slice(0, 300) || null,
    });
    await this.em.flush();
    return { mfaRequired: true, challenge, challengeExpiresAt };
  }

  /** Step 2: a TOTP code or a recovery code answers the challenge; then, and only then, a session. */
  async verifyLogin(challenge: string, code: string): Promise<SessionResult> {
    const now = this.clock.now();
    // Counting the attempt and checking it is allowed is one statement: parallel guesses cannot
    // exceed CHALLENGE_MAX_ATTEMPTS.
    const rows: { id: string; user_id: string; client_address: string | null; user_agent: string | null }[] = await this.em.execute(
      `update mfa_challenge set attempts = attempts + 1
        where token_hash = ? and used_at is null and expires_at > ? and attempts < ?
        returning id, user_id, client_address, user_agent`,
      [hashToken(challenge), now, CHALLENGE_MAX_ATTEMPTS],
    );
    const row = rows[0];
    if (!row) throw new DomainError('UNAUTHENTICATED', 'The sign-in has expired or had too many wrong codes; sign in again', { reason: 'CHALLENGE_EXPIRED' });
    const since = new Date(now.getTime() - MFA_FAILURE_WINDOW_MINUTES * 60_000);
    const [{ tries }]: { tries: number }[] = await this.em.execute(
      `select coalesce(sum(attempts), 0)::int as tries from mfa_challenge where user_id = ? and used_at is null and created_at > ?`,
      [row.user_id, since],
    );
    if (tries > MFA_MAX_FAILURES_PER_WINDOW) {
      throw new DomainError('TOO_MANY_REQUESTS', 'Too many wrong codes; wait a while, then sign in again', { reason: 'MFA_TOO_MANY_FAILURES' });
    }
    const user = await this.em.findOne(User, { id: row.user_id, active: true });
    if (!user || !user.totpEnabledAt) throw unauthenticated('Sign in again');
    if (!(await this.checkCode(user.id, code))) throw wrongCode();
    const used = await this.em.nativeUpdate(MfaChallenge, { id: row.id, usedAt: null }, { usedAt: now });
    if (used !== 1) throw unauthenticated('Sign in again');
    return new AuthService(this.em, this.config, this.clock).startSession(user, { address: row.client_address, userAgent: row.user_agent });
  }

  /**
   * A current TOTP code (never one accepted before) or an unused recovery code of the user.
   * Accepting either spends it.
   */
  async checkCode(userId: string, rawCode: string): Promise<boolean> {
    const code = rawCode.replace(/\s/g, '');
    if (/^\d{6}$/.test(code)) {
      const user = await this.em.findOne(User, { id: userId }, { fields: ['totpSecret', 'totpLastStep'] });
      if (!user?.totpSecret) return false;
      const secret = openSecretOrLog('totp_secret', userId, user.totpSecret);
      if (secret == null) return false;
      return this.acceptTotp(userId, secret, code, user.totpLastStep ?? null);
    }
    const normalized = normalizeRecoveryCode(code);
    if (normalized.length !== 10) return false;
    const spent = await this.em.nativeUpdate(RecoveryCode, { user: userId, codeHash: sha256(normalized), usedAt: null }, { usedAt: this.clock.now() });
    return spent === 1;
  }

  private async acceptTotp(userId: string, secret: string, code: string, lastStep: string | null): Promise<boolean> {
    const result = await verify({
      secret,
      token: code,
      epoch: this.epoch(),
      epochTolerance: TOLERANCE_SECONDS,
      afterTimeStep: lastStep == null ? undefined : Number(lastStep),
    }).catch(() => ({ valid: false as const }));
    if (!result.valid || !('timeStep' in result)) return false;
    // Record the step; a request that raced us with the same code finds it taken.
    const updated = await this.em.execute(
      `update app_user set totp_last_step = ? where id = ? and (totp_last_step is null or totp_last_step < ?) returning id`,
      [result.timeStep, userId, result.timeStep],
    );
    return updated.length === 1;
  }

  /** 开启两步验证, step 1: a new secret, shown once (QR code and text), kept pending until confirmed. */
  async beginEnrolment(viewer: Viewer): Promise<TotpEnrolment> {
    const user = await this.em.findOneOrFail(User, { id: viewer.userId });
    if (user.totpEnabledAt) throw conflict('Two-factor sign-in is already on; turn it off first', { reason: 'ALREADY_ENROLLED' });
    const secret = generateSecret();
    user.totpPendingSecret = sealTotpSecret('totp_pending_secret', user.id, secret);
    await this.em.flush();
    return { secret, otpauthUri: generateURI({ issuer: this.config.MFA_ISSUER, label: user.username, secret }) };
  }

  /** Step 2: a code from the app proves it holds the secret; 2FA is on; ten recovery codes, shown once. */
  async confirmEnrolment(viewer: Viewer, rawCode: string): Promise<string[]> {
    const code = rawCode.replace(/\s/g, '');
    if (!/^\d{6}$/.test(code)) throw badInput('Enter the 6-digit code from the authenticator app', 'code');
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    const now = this.clock.now();
    await this.em.transactional(async (em) => {
      // The row is locked while the code is checked: a concurrent confirmation, a reset or a
      // re-seal by rotate-keys waits, so the secret checked is the secret stored.
      const [user]: { totp_pending_secret: string | null; totp_enabled_at: Date | null }[] = await em.execute(
        `select totp_pending_secret, totp_enabled_at from app_user where id = ? for update`,
        [viewer.userId],
      );
      if (!user) throw notFound('User', viewer.userId);
      if (user.totp_enabled_at) throw conflict('Two-factor sign-in is already on', { reason: 'ALREADY_ENROLLED' });
      if (!user.totp_pending_secret) throw conflict('Start the enrolment first', { reason: 'NOT_STARTED' });
      const secret = openSecretOrLog('totp_pending_secret', viewer.userId, user.totp_pending_secret);
      if (secret == null) throw conflict('The enrolment could not be read; start again', { reason: 'NOT_STARTED' });
      const result = await verify({ secret, token: code, epoch: this.epoch(), epochTolerance: TOLERANCE_SECONDS }).catch(() => ({ valid: false as const }));
      if (!result.valid || !('timeStep' in result)) throw wrongCode();
      // Sealed again for its new column (a pending secret does not open as the confirmed one).
      await em.execute(
        `update app_user set totp_secret = ?, totp_pending_secret = null, totp_enabled_at = ?, totp_last_step = ? where id = ?`,
        [sealTotpSecret('totp_secret', viewer.userId, secret), now, result.timeStep, viewer.userId],
      );
      await em.nativeDelete(RecoveryCode, { user: viewer.userId });
      for (const c of codes) em.create(RecoveryCode, { user: viewer.userId, codeHash: sha256(normalizeRecoveryCode(c)), createdAt: now });
      await em.flush();
    });
    return codes;
  }

  /** New recovery codes (the old ones stop working), shown once; needs a current code or a recovery code. */
  async regenerateRecoveryCodes(viewer: Viewer, code: string): Promise<string[]> {
    const user = await this.em.findOneOrFail(User, { id: viewer.userId });
    if (!user.totpEnabledAt) throw conflict('Two-factor sign-in is not on', { reason: 'NOT_ENROLLED' });
    if (!(await this.checkCode(user.id, code))) throw wrongCode();
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    const now = this.clock.now();
    await this.em.transactional(async (em) => {
      await em.nativeDelete(RecoveryCode, { user: user.id });
      for (const c of codes) em.create(RecoveryCode, { user: user.id, codeHash: sha256(normalizeRecoveryCode(c)), createdAt: now });
      await em.flush();
    });
    return codes;
  }

  /** 关闭两步验证: needs a current code (or a recovery code); not for roles that must use it. */
  async disable(viewer: Viewer, code: string): Promise<void> {
    if (this.config.mfaRequiredRoles.includes(viewer.role)) {
      throw forbidden('Your role must use two-factor sign-in; an administrator can reset it if the phone is lost');
    }
    const user = await this.em.findOneOrFail(User, { id: viewer.userId });
    if (!user.totpEnabledAt) throw conflict('Two-factor sign-in is not on', { reason: 'NOT_ENROLLED' });
    if (!(await this.checkCode(user.id, code))) throw wrongCode();
    await this.clear(this.em, user.id);
  }

  /**
   * 重置两步验证 (系统管理): the user lost the phone and the codes. Signs them out everywhere.
   * Runs in `tx` when given (the caller's transaction, which records the administrative change).
   */
  async resetFor(admin: Viewer, userId: string, tx?: EntityManager): Promise<{ user: User; revokedSessionIds: string[] }> {
    authorize(admin, 'administer', PLATFORM, { message: 'Only administrators can reset two-factor sign-in' });
    if (admin.userId === userId) throw badInput('Ask another administrator to reset your own two-factor sign-in', 'userId');
    const work = async (em: EntityManager) => {
      const user = await em.findOne(User, { id: userId });
      if (!user) throw notFound('User', userId);
      await this.clear(em, userId);
      const revoked: { id: string }[] = await em.execute(
        `update auth_session set revoked_at = ? where user_id = ? and revoked_at is null returning id`,
        [this.clock.now(), userId],
      );
      await em.refresh(user);
      return { user, revokedSessionIds: revoked.map((r) => r.id) };
    };
    return tx ? work(tx) : this.em.transactional(work);
  }

  private async clear(em: EntityManager, userId: string): Promise<void> {
    await em.nativeUpdate(User, { id: userId }, { totpSecret: null, totpPendingSecret: null, totpEnabledAt: null, totpLastStep: null });
    await em.nativeDelete(RecoveryCode, { user: userId });
    await em.nativeDelete(MfaChallenge, { user: userId });
  }

  async recoveryCodesLeft(userId: string): Promise<number> {
    return this.em.count(RecoveryCode, { user: userId, usedAt: null });
  }
}
