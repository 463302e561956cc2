import type { EntityManager } from '@mikro-orm/postgresql';
import type { Config } from '../../config';
import { addressKey, RateLimits, limitRefusal } from '../../http/rate-limit';

/**
 * Login throttling — guesses are limited without handing anyone a way to lock someone else out,
 * and without telling which usernames exist.
 *
 * Every attempt is counted *before* its password is checked, by an atomic increment in the shared
 * store (http/rate-limit.ts: memory, or Redis across instances). Thirty guesses sent at once are
 * thirty increments: the first few are checked, the rest refused unseen. A successful sign-in
 * gives its count back, so the limits only ever bind on failures.
 *
 * Three limits, each refusing with TOO_MANY_REQUESTS and `retryAfterSeconds`:
 *
 * 1. Per client address (`LOGIN_MAX_FAILURES_PER_ADDRESS` per `LOGIN_WINDOW_MINUTES`), whatever
 *    the username: one machine cannot try many accounts.
 * 2. Per (address, username), with backoff: `LOGIN_ATTEMPTS_BEFORE_BACKOFF` attempts per window,
 *    then a pause of `LOGIN_BACKOFF_SECONDS`, doubled every time it is reached again within a day,
 *    up to `LOGIN_BACKOFF_MAX_MINUTES`. A success from that address ends the pause and the streak.
 *    It only ever slows the address that made the mistakes.
 * 3. Per username, soft (`LOGIN_MAX_FAILURES_PER_USERNAME` per window, from every address
 *    together): against guessing one officer's password from many addresses. Once reached, only
 *    addresses the user has signed in from successfully within `LOGIN_KNOWN_ADDRESS_DAYS` may
 *    still try; everyone else is refused until the window passes. So a stranger can at worst
 *    keep the officer from signing in somewhere *new*, never from their own office.
 *
 * No oracle: the counters are keyed by the username as typed (normalised), not by the account,
 * so an unknown username is counted, paused and refused exactly like a real one; the answers
 * carry no account state (no `lockedUntil`); an unknown username costs an argon2 verification
 * like a real one (auth.service.ts).
 */
export class LoginThrottle {
  constructor(
    private readonly limits: RateLimits,
    private readonly config: Config,
    private readonly em: EntityManager,
  ) {}

  private get window(): number {
    return this.config.LOGIN_WINDOW_MINUTES * 60;
  }

  private get perAddress() {
    return this.limits.limiter('login-address', { points: this.config.LOGIN_MAX_FAILURES_PER_ADDRESS, durationSeconds: this.window });
  }

  private get perPair() {
    return this.limits.limiter('login-pair', { points: this.config.LOGIN_ATTEMPTS_BEFORE_BACKOFF, durationSeconds: this.window });
  }

  /** How many times a pair reached its pause within the last day: the backoff's exponent. */
  private get pairStrikes() {
    return this.limits.limiter('login-pair-strikes', { points: 1_000_000, durationSeconds: 24 * 3600 });
  }

  private get perUsername() {
    return this.limits.limiter('login-username', { points: this.config.LOGIN_MAX_FAILURES_PER_USERNAME, durationSeconds: this.window });
  }

  /**
   * Counts the attempt, or refuses it (TOO_MANY_REQUESTS) before any password is checked.
   * Call `succeeded` on the returned handle when the password was right.
   */
  async begin(username: string, address: string | undefined): Promise<LoginAttempt> {
    const name = username.trim().toLowerCase().slice(0, 200);
    const addr = addressKey(address);
    const pair = `${addr}|${name}`;
    const refused = (e: unknown) => limitRefusal(e, 'Too many sign-in attempts; try again later');

    await this.perAddress.consume(addr).catch((e) => {
      throw refused(e);
    });
    try {
      await this.perPair.consume(pair);
    } catch (e) {
      throw refused(await this.pause(pair, e));
    }
    try {
      await this.perUsername.consume(name);
    } catch (e) {
      if (!(await this.knownAddress(name, addr))) throw refused(e);
    }
    return {
      succeeded: async (userId: string) => {
        await Promise.all([
          this.perAddress.reward(addr),
          this.perUsername.reward(name),
          this.perPair.delete(pair),
          this.pairStrikes.delete(pair),
          this.remember(userId, addr),
        ]);
      },
    };
  }

  /**
   * The first refusal past the free attempts starts a pause that doubles with every strike;
   * later refusals report the time left. Returns what to answer with.
   */
  private async pause(pair: string, rejection: unknown): Promise<unknown> {
    const res = rejection as { consumedPoints?: number };
    if (res.consumedPoints !== this.config.LOGIN_ATTEMPTS_BEFORE_BACKOFF + 1) return rejection;
    const strikes = (await this.pairStrikes.penalty(pair)).consumedPoints;
    const seconds = Math.min(this.config.LOGIN_BACKOFF_SECONDS * 2 ** (strikes - 1), this.config.LOGIN_BACKOFF_MAX_MINUTES * 60);
    return this.perPair.block(pair, seconds);
  }

  private async knownAddress(username: string, addr: string): Promise<boolean> {
    const since = new Date(Date.now() - this.config.LOGIN_KNOWN_ADDRESS_DAYS * 86_400_000);
    const rows: unknown[] = await this.em.execute(
      `select 1 from known_login_address k join app_user u on u.id = k.user_id
        where u.username = ? and k.address = ? and k.last_success_at > ? limit 1`,
      [username, addr, since],
    );
    return rows.length > 0;
  }

  private async remember(userId: string, addr: string): Promise<void> {
    const now = new Date();
    const since = new Date(now.getTime() - this.config.LOGIN_KNOWN_ADDRESS_DAYS * 86_400_000);
    await this.em.execute(
      `insert into known_login_address (user_id, address, last_success_at) values (?, ?, ?)
         on conflict (user_id, address) do update set last_success_at = excluded.last_success_at`,
      [userId, addr, now],
    );
    await this.em.execute(`delete from known_login_address where user_id = ? and last_success_at <= ?`, [userId, since]);
  }
}

export interface LoginAttempt {
  /** The password was right: give the attempt's counts back and remember the address. */
  succeeded(userId: string): Promise<void>;
}
