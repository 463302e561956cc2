import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Config } from '../../config';
import type { Clock } from '../../clock';
import type { Viewer } from '../../context';
import { DomainError, unauthenticated } from '../../errors';
import { OrganizationKind, UserRole } from '../common/enums';
import { AuthSession, User } from './user.entity';

// argon2id, OWASP's recommended memory-hard parameters (19 MiB, 2 passes).
const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
// Verified against when the username is unknown, so timing does not reveal which usernames exist.
let dummyHash: Promise<string> | null = null;

export const hashPassword = (password: string) => hash(password, ARGON2);
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

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
}

export class AuthService {
  constructor(private readonly em: EntityManager, private readonly config: Config, private readonly clock: Clock) {}

  async login(username: string, password: string): Promise<{ token: string; user: User; expiresAt: Date }> {
    const now = this.clock.now();
    const user = await this.em.findOne(User, { username: username.trim().toLowerCase() }, { populate: ['passwordHash'] });
    if (!user || !user.active) {
      dummyHash ??= hashPassword('not-a-real-password');
      await verify(await dummyHash, password).catch(() => false);
      throw new DomainError('UNAUTHENTICATED', 'Wrong username or password');
    }
    if (user.lockedUntil && user.lockedUntil > now) {
      throw new DomainError('TOO_MANY_REQUESTS', 'Too many failed attempts; the account is locked for a while', {
        lockedUntil: user.lockedUntil.toISOString(),
      });
    }
    const ok = await verify(user.passwordHash, password).catch(() => false);
    if (!ok) {
      user.failedLogins += 1;
      if (user.failedLogins >= this.config.LOGIN_MAX_FAILURES) {
        user.lockedUntil = new Date(now.getTime() + this.config.LOGIN_LOCK_MINUTES * 60_000);
        user.failedLogins = 0;
      }
      await this.em.flush();
      throw new DomainError('UNAUTHENTICATED', 'Wrong username or password');
    }
    user.failedLogins = 0;
    user.lockedUntil = null;
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.config.SESSION_MAX_HOURS * 3_600_000);
    this.em.create(AuthSession, { tokenHash: hashToken(token), user, createdAt: now, lastSeenAt: now, expiresAt });
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
              o.id as organization_id, o.kind as org_kind, o.community_id as org_community_id
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

export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw unauthenticated();
  return viewer;
}
