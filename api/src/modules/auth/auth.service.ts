import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Config } from '../../config';
import type { Clock } from '../../clock';
import type { Viewer } from '../../context';
import { DomainError } from '../../errors';
import { RateLimits } from '../../http/rate-limit';
import { OrganizationKind, UserRole } from '../common/enums';
import { LoginThrottle } from './login-throttle';
import { dummyPasswordHash, verifyPassword } from './password-hash';
import { TotpService, type MfaChallengeResult } from './totp.service';
import { AuthSession, User } from './user.entity';

export { hashPassword } from './password-hash';
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Where a sign-in comes from: kept on the session, shown in the user's own session list. */
export interface SessionClient {
  address?: string | null;
  userAgent?: string | null;
}

export interface SessionResult {
  token: string;
  user: User;
  expiresAt: Date;
}

/** A session, or — when the user has two-factor sign-in — a challenge to answer first. */
export type LoginResult = SessionResult | MfaChallengeResult;

interface SessionRow {
  session_id: string;
  last_seen_at: Date;
  expires_at: Date;
  user_id: string;
  username: string;
  role: UserRole;
  organization_id: string;
  org_kind: OrganizationKind;
  org_community_id: string | null;
  totp_enabled: boolean;
}

export class AuthService {
  constructor(private readonly em: EntityManager, private readonly config: Config, private readonly clock: Clock) {}

  /**
   * Checks a username and password and opens a session. Throttled per client address, per
   * (address, username) and softly per username (login-throttle.ts); `client` says who is asking
   * and where the counts live — without it, this process's own memory and an unknown address.
   * With two-factor sign-in the answer is a challenge (totp.service.ts): no session token until
   * the second factor is given.
   */
  async login(username: string, password: string, client: LoginClient = {}): Promise<LoginResult> {
    const attempt = await new LoginThrottle(client.limits ?? processLimits, this.config, this.em).begin(username, client.address);
    const user = await this.em.findOne(User, { username: username.trim().toLowerCase() }, { populate: ['passwordHash'] });
    // An unknown or inactive username costs the same argon2 work as a wrong password.
    const ok = await verifyPassword(user?.active ? user.passwordHash : await dummyPasswordHash(), password);
    if (!user || !user.active || !ok) throw new DomainError('UNAUTHENTICATED', 'Wrong username or password');
    await attempt.succeeded(user.id);
    // Two-factor sign-in (totp.service.ts): no session token until the second factor is given.
    if (user.totpEnabledAt) return new TotpService(this.em, this.config, this.clock).challenge(user, client);
    return this.startSession(user, client);
  }

  /** Issues a session token (after the password, and the second factor when enrolled). */
  async startSession(user: User, client: SessionClient = {}): Promise<SessionResult> {
    const now = this.clock.now();
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.config.SESSION_MAX_HOURS * 3_600_000);
    this.em.create(AuthSession, {
      tokenHash: hashToken(token),
      user,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      clientAddress: client.address?.slice(0, 100) || null,
      userAgent: client.userAgent?.slice(0, 300) || null,
    });
    await this.em.flush();
    return { token, user, expiresAt };
  }

  async logout(sessionId: string): Promise<void> {
    await this.em.nativeUpdate(AuthSession, { id: sessionId }, { revokedAt: this.clock.now() });
  }

  /**
   * The viewer behind a token, or null when the token is unknown, revoked, expired, or idle
   * for longer than SESSION_IDLE_MINUTES. One statement; `last_seen_at` is refreshed at most
   * once a minute, unless `touch: false` (a console re-subscribing is not its person's use).
   */
  async viewerFromToken(token: string | undefined | null, opts: { touch?: boolean } = {}): Promise<Viewer | null> {
    if (!token) return null;
    return this.viewerWhere('s.token_hash = ?', hashToken(token), opts);
  }

  /**
   * The viewer of a session by its id, by the same rules as `viewerFromToken` (a signed link
   * carries the session id, never the token). Does not count as use of the session.
   */
  async viewerForSession(sessionId: string): Promise<Viewer | null> {
    return this.viewerWhere('s.id = ?', sessionId, { touch: false });
  }

  private async viewerWhere(condition: string, value: string, opts: { touch?: boolean }): Promise<Viewer | null> {
    const rows: SessionRow[] = await this.em.execute(
      `select s.id as session_id, s.last_seen_at, s.expires_at, u.id as user_id, u.username, u.role,
              o.id as organization_id, o.kind as org_kind, o.community_id as org_community_id,
              u.totp_enabled_at is not null as totp_enabled
         from auth_session s join app_user u on u.id = s.user_id join organization o on o.id = u.organization_id
        where ${condition} and s.revoked_at is null and u.active`,
      [value],
    );
    const row = rows[0];
    if (!row) return null;
    const now = this.clock.now();
    const idleLimit = new Date(now.getTime() - this.config.SESSION_IDLE_MINUTES * 60_000);
    if (new Date(row.expires_at) <= now || new Date(row.last_seen_at) < idleLimit) return null;
    if (opts.touch !== false && now.getTime() - new Date(row.last_seen_at).getTime() > 60_000) {
      await this.em.nativeUpdate(AuthSession, { id: row.session_id }, { lastSeenAt: now });
    }
    return {
      userId: row.user_id,
      sessionId: row.session_id,
      username: row.username,
      role: row.role,
      organizationId: row.organization_id,
      organizationKind: row.org_kind,
      communityId: row.org_community_id,
      // A role that must use two-factor sign-in, not enrolled yet: this session may only enrol (account.gate.ts).
      mfaEnrolmentRequired: !row.totp_enabled && this.config.mfaRequiredRoles.includes(row.role),
    };
  }

  /**
   * Still valid? Used to re-check long-lived subscriptions, by the same rules as a request:
   * revoked, past its absolute expiry, or idle. An open socket is not use: only the person's
   * own requests refresh `last_seen_at` (the console sends one while its user is active), so a
   * console left unattended stops receiving matters when its session idles out.
   */
  async sessionStillValid(sessionId: string): Promise<boolean> {
    return (await this.endedSessions([sessionId])).length === 0;
  }

  /**
   * Of these sessions, the ones that are no longer valid by the rules of `viewerFromToken`
   * (revoked, user deactivated, past the absolute expiry, idle). One statement for any number of
   * open sockets: the WebSocket server's periodic sweep.
   */
  async endedSessions(sessionIds: string[]): Promise<string[]> {
    if (sessionIds.length === 0) return [];
    const now = this.clock.now();
    const idleLimit = new Date(now.getTime() - this.config.SESSION_IDLE_MINUTES * 60_000);
    const rows: { id: string }[] = await this.em.execute(
      `select ids.id from unnest(?::uuid[]) as ids(id)
         left join auth_session s on s.id = ids.id
         left join app_user u on u.id = s.user_id
        where s.id is null or s.revoked_at is not null or not u.active or s.expires_at <= ? or s.last_seen_at < ?`,
      [`{${sessionIds.join(',')}}`, now, idleLimit],
    );
    return rows.map((r) => r.id);
  }
}

/** Who is signing in: their address (clientAddress) and the api's rate-limit store. */
export interface LoginClient extends SessionClient {
  address?: string;
  limits?: RateLimits;
}

/** Used when a caller (a script, a test) gives no store of its own. */
const processLimits = new RateLimits();

