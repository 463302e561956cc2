import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Short-lived signed links for evidence files: the link names what it allows (download one
 * variant of one file, or upload one file to one matter), for which session, until when; an HMAC
 * with a key every api instance shares seals it. Nothing guessable: no path or id works alone.
 * At use the session and the viewer's right to the matter are checked again.
 */
export type LinkClaims =
  | { t: 'download'; attachmentId: string; variant: 'original' | 'thumbnail'; sessionId: string; exp: number }
  | {
      t: 'upload';
      attachmentId: string;
      matterId: string;
      jointSessionId: string | null;
      opinionId: string | null;
      fileName: string;
      description: string | null;
      personal: boolean;
      sessionId: string;
      exp: number;
    }
  /** One photo of an anonymous public report: upload only, to the matter it created, once. */
  | { t: 'public-upload'; attachmentId: string; matterId: string; fileName: string; exp: number };

const secrets = new WeakMap<object, Promise<Buffer>>();

/**
 * The link key: made once per database by whichever instance asks first, then shared by all
 * (no setting to keep in step across instances). Cached per connection pool.
 */
export function linkKey(em: EntityManager): Promise<Buffer> {
  const pool = em.getConnection();
  let key = secrets.get(pool);
  if (!key) {
    key = (async () => {
      await em.execute(`insert into app_secret (name, value) values ('file-links', ?) on conflict (name) do nothing`, [randomBytes(32).toString('base64')]);
      const rows: { value: string }[] = await em.execute(`select value from app_secret where name = 'file-links'`);
      return Buffer.from(rows[0].value, 'base64');
    })();
    key.catch(() => secrets.delete(pool));
    secrets.set(pool, key);
  }
  return key;
}

const mac = (key: Buffer, body: string) => createHmac('sha256', key).update(body).digest();

export function signLink(key: Buffer, claims: LinkClaims): string {
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${body}.${mac(key, body).toString('base64url')}`;
}

/** The claims of a link this server signed and that has not expired, else null. */
export function readLink(key: Buffer, token: string, now: Date): LinkClaims | null {
  const [body, sig, extra] = token.split('.');
  if (!body || !sig || extra !== undefined) return null;
  const expected = mac(key, body);
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as LinkClaims;
    return typeof claims.exp === 'number' && claims.exp > now.getTime() ? claims : null;
  } catch {
    return null;
  }
}
