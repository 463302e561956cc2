import { verify } from '@node-rs/argon2';
import type { Context, Viewer } from '../../context';
import { DomainError, notFound, unauthenticated } from '../../errors';
import { hashPassword } from './auth.service';
import { announceSessionRevocation } from './session-revocation';
import { assertPasswordAcceptable } from './password-policy';
import { AuthSession, User } from './user.entity';

/**
 * 账号安全 — the signed-in person's own account: their sessions, "sign out everywhere", and
 * changing their password. Two-factor enrolment is in totp.service.ts.
 */

/** Closes the revoked sessions' open WebSockets on every instance (http/websocket.ts). */
export async function announceRevoked(ctx: Pick<Context, 'bus'>, revoked: { sessionIds?: string[]; userId?: string }): Promise<void> {
  await announceSessionRevocation(ctx.bus, { sessionIds: revoked.sessionIds, userIds: revoked.userId ? [revoked.userId] : [] });
}

export class AccountService {
  constructor(private readonly ctx: Context) {}

  private viewer(): Viewer {
    if (!this.ctx.viewer) throw unauthenticated();
    return this.ctx.viewer;
  }

  /** The viewer's usable sessions (not revoked, not expired, not idle), most recently used first. */
  async mySessions(): Promise<AuthSession[]> {
    const viewer = this.viewer();
    const now = this.ctx.clock.now();
    return this.ctx.em.find(
      AuthSession,
      {
        user: viewer.userId,
        revokedAt: null,
        expiresAt: { $gt: now },
        lastSeenAt: { $gte: new Date(now.getTime() - this.ctx.config.SESSION_IDLE_MINUTES * 60_000) },
      },
      { orderBy: { lastSeenAt: 'desc', createdAt: 'desc' } },
    );
  }

  /** Signs one of the viewer's own sessions out (another device, or this one). */
  async revokeMySession(sessionId: string): Promise<void> {
    const viewer = this.viewer();
    const n = await this.ctx.em.nativeUpdate(AuthSession, { id: sessionId, user: viewer.userId, revokedAt: null }, { revokedAt: this.ctx.clock.now() });
    // Someone else's session, or one already gone: the same answer, nothing revealed.
    if (n !== 1) throw notFound('Session', sessionId);
    await announceRevoked(this.ctx, { sessionIds: [sessionId] });
  }

  /** 退出所有设备: revokes every session of the viewer, except the current one when asked to keep it. */
  async signOutEverywhere(keepCurrent: boolean): Promise<number> {
    const viewer = this.viewer();
    const ids = await this.revokeAll(viewer.userId, keepCurrent ? viewer.sessionId : null);
    await announceRevoked(this.ctx, keepCurrent ? { sessionIds: ids } : { sessionIds: ids, userId: viewer.userId });
    return ids.length;
  }

  /**
   * 修改密码: the current password proves it is the person (not someone at an unlocked screen);
   * the new one must pass the policy. Every other session of the user is signed out.
   */
  async changeMyPassword(currentPassword: string, newPassword: string): Promise<number> {
    const viewer = this.viewer();
    const { em, config } = this.ctx;
    const user = await em.findOneOrFail(User, { id: viewer.userId }, { populate: ['passwordHash'] });
    if (!(await verify(user.passwordHash, currentPassword).catch(() => false))) {
      throw new DomainError('BAD_USER_INPUT', 'The current password is wrong', { field: 'currentPassword', reason: 'WRONG_PASSWORD' });
    }
    assertPasswordAcceptable(newPassword, user.username, config.PASSWORD_MIN_LENGTH, 'newPassword');
    if (newPassword === currentPassword) {
      throw new DomainError('BAD_USER_INPUT', 'The new password must differ from the current one', { field: 'newPassword', reason: 'SAME_AS_CURRENT' });
    }
    const passwordHash = await hashPassword(newPassword);
    const revoked = await em.transactional(async (tx) => {
      await tx.nativeUpdate(User, { id: user.id }, { passwordHash });
      return this.revokeAll(user.id, viewer.sessionId, tx);
    });
    await announceRevoked(this.ctx, { sessionIds: revoked });
    return revoked.length;
  }

  private async revokeAll(userId: string, except: string | null, em = this.ctx.em): Promise<string[]> {
    const rows: { id: string }[] = await em.execute(
      `update auth_session set revoked_at = ? where user_id = ? and revoked_at is null ${except ? 'and id <> ?' : ''} returning id`,
      except ? [this.ctx.clock.now(), userId, except] : [this.ctx.clock.now(), userId],
    );
    return rows.map((r) => r.id);
  }
}
