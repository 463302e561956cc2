import type { EntityManager } from '@mikro-orm/postgresql';
import { logger } from '../../logger';
import { openTotpSecret, sealTotpSecret, type TotpColumn } from '../auth/totp-secret';
import { sealPartyPii } from '../matter/matter.entity';
import { PiiCryptoError, SEALED_PREFIX, type PartyPiiField, type PiiKeyring } from './pii.crypto';

export interface ResealOptions {
  /** Rows per transaction (default 200): short transactions, so the api keeps serving meanwhile. */
  batchSize?: number;
  /** Only rows never sealed (written before encryption) — what boot does. */
  onlyUnsealed?: boolean;
}

export interface ResealResult {
  resealed: number;
  batches: number;
  /** Rows that failed authentication (altered, or sealed with a key no longer configured): left as they are. */
  failed: string[];
}

interface PartyRow {
  id: string;
  phone: string | null;
  id_number: string | null;
}

const open = (keyring: PiiKeyring, field: PartyPiiField, value: string | null) =>
  !value ? null : value.startsWith(SEALED_PREFIX) ? keyring.open(field, value) : value;

/**
 * Fails (with the ids to add back) when rows are sealed with a key PII_KEYS no longer lists: they
 * could not be read. Run at boot and before a rotation, so a key removed too early is caught at
 * once rather than as failed reads. Covers party phones/ID numbers and the officers' TOTP
 * secrets (whose key id is the third part of the sealed value, `sst1.<alg>.<kid>.…`).
 */
export async function assertKeysCoverData(em: EntityManager, keyring: PiiKeyring): Promise<void> {
  const parties: { sealed_with: string }[] = await em.fork().execute('select distinct sealed_with from party where sealed_with is not null');
  const users: { kid: string }[] = await em.fork().execute(
    `select distinct split_part(v, '.', 3) as kid from (select totp_secret as v from app_user union all select totp_pending_secret from app_user) s where starts_with(v, ?)`,
    [SEALED_PREFIX],
  );
  const missingFor = (kids: string[]) => [...new Set(kids)].filter((kid) => !keyring.hasKey(kid));
  const problems = [
    [missingFor(parties.map((r) => r.sealed_with.split(':')[1])), 'Party phones/ID numbers'],
    [missingFor(users.map((r) => r.kid)), 'Two-factor (TOTP) secrets'],
  ] as const;
  const found = problems.filter(([missing]) => missing.length);
  if (found.length) {
    throw new PiiCryptoError(
      `${found.map(([missing, what]) => `${what} are sealed with key(s) ${missing.join(', ')}`).join('; ')}, which PII_KEYS does not list: add them after the active key (and run rotate-keys before removing them)`,
    );
  }
}

/**
 * Re-seals party phones and ID numbers with the keyring's active key and cipher (and recomputes
 * their search hashes): key rotation, a change of PII_CIPHER, and the migration of rows written
 * before encryption. Walks the table in id order, one short transaction per batch; each batch
 * locks only its own rows (`for update`) and re-checks them under the lock, so the api keeps
 * serving (new rows are sealed with the active key already) and a second run, or a crash halfway,
 * simply continues. Rows stay readable throughout: the old keys remain in PII_KEYS until it ends.
 */
export async function resealParties(root: EntityManager, keyring: PiiKeyring, opts: ResealOptions = {}): Promise<ResealResult> {
  await assertKeysCoverData(root, keyring);
  const batchSize = opts.batchSize ?? 200;
  const target = keyring.sealedWith;
  const pending = opts.onlyUnsealed ? 'sealed_with is null' : 'sealed_with is distinct from ?';
  const pendingParams = opts.onlyUnsealed ? [] : [target];
  let lastId = '00000000-0000-0000-0000-000000000000';
  let resealed = 0;
  let batches = 0;
  const failed: string[] = [];
  for (;;) {
    const ids: { id: string }[] = await root.fork().execute(
      `select id from party where id > ? and (phone is not null or id_number is not null) and ${pending} order by id limit ?`,
      [lastId, ...pendingParams, batchSize],
    );
    if (!ids.length) break;
    lastId = ids[ids.length - 1].id;
    resealed += await root.fork().transactional(async (em) => {
      const rows: PartyRow[] = await em.execute(
        `select id, phone, id_number from party where id in (?) and (phone is not null or id_number is not null) and ${pending} for update`,
        [ids.map((r) => r.id), ...pendingParams],
      );
      if (!rows.length) return 0;
      const values: unknown[] = [];
      let count = 0;
      for (const r of rows) {
        let plain: { phone: string | null; idNumber: string | null };
        try {
          plain = { phone: open(keyring, 'party.phone', r.phone), idNumber: open(keyring, 'party.idNumber', r.id_number) };
        } catch (err) {
          // One bad row must not stop the rotation of the others; it is reported, never guessed at.
          logger.error({ partyId: r.id, err: (err as Error).message }, 'a party could not be re-sealed');
          failed.push(r.id);
          continue;
        }
        const s = sealPartyPii(plain, keyring);
        values.push(r.id, s.phoneSealed, s.phoneIndex, s.idNumberSealed, s.idNumberIndex);
        count++;
      }
      if (!count) return 0;
      await em.execute(
        `update party p set phone = v.phone, phone_index = v.phone_index, id_number = v.id_number, id_number_index = v.id_number_index, sealed_with = ?
           from (values ${Array.from({ length: count }, () => '(?::uuid, ?, ?, ?, ?)').join(', ')}) as v(id, phone, phone_index, id_number, id_number_index)
          where p.id = v.id`,
        [target, ...values],
      );
      return count;
    });
    batches++;
  }
  if (resealed) logger.info({ resealed, batches, sealedWith: target }, 'party personal data re-sealed');
  return { resealed, batches, failed };
}

interface UserSecretRow {
  id: string;
  totp_secret: string | null;
  totp_pending_secret: string | null;
}

const TOTP_COLUMNS: TotpColumn[] = ['totp_secret', 'totp_pending_secret'];

/**
 * Re-seals the officers' TOTP secrets (confirmed and pending) with the keyring's active key and
 * cipher: secrets enrolled before they were sealed (boot and `migrate`, `onlyUnsealed`), key
 * rotation and a change of PII_CIPHER (`rotate-keys`). The same walk as for parties: id order,
 * one short transaction per batch locking only its rows and re-checking them under the lock, so
 * sign-ins go on and a second run (or one after a crash) continues where it stopped. A user
 * whose secret fails to open is logged, listed in `failed` and left as it is.
 */
export async function resealTotpSecrets(root: EntityManager, keyring: PiiKeyring, opts: ResealOptions = {}): Promise<ResealResult> {
  await assertKeysCoverData(root, keyring);
  const batchSize = opts.batchSize ?? 200;
  // Rows whose value does not start with what is sealed now (for boot: rows not sealed at all).
  const prefix = opts.onlyUnsealed ? SEALED_PREFIX : keyring.sealedPrefix;
  const pending = TOTP_COLUMNS.map((c) => `(${c} is not null and not starts_with(${c}, ?))`).join(' or ');
  const pendingParams = TOTP_COLUMNS.map(() => prefix);
  let lastId = '00000000-0000-0000-0000-000000000000';
  let resealed = 0;
  let batches = 0;
  const failed: string[] = [];
  for (;;) {
    const ids: { id: string }[] = await root.fork().execute(`select id from app_user where id > ? and (${pending}) order by id limit ?`, [lastId, ...pendingParams, batchSize]);
    if (!ids.length) break;
    lastId = ids[ids.length - 1].id;
    resealed += await root.fork().transactional(async (em) => {
      const rows: UserSecretRow[] = await em.execute(
        `select id, totp_secret, totp_pending_secret from app_user where id in (?) and (${pending}) for update`,
        [ids.map((r) => r.id), ...pendingParams],
      );
      const values: unknown[] = [];
      let count = 0;
      for (const r of rows) {
        let sealed: Record<TotpColumn, string | null>;
        try {
          const reseal = (column: TotpColumn) => {
            const v = r[column];
            return v ? sealTotpSecret(column, r.id, openTotpSecret(column, r.id, v, keyring), keyring) : null;
          };
          sealed = { totp_secret: reseal('totp_secret'), totp_pending_secret: reseal('totp_pending_secret') };
        } catch (err) {
          logger.error({ userId: r.id, err: (err as Error).message }, 'a two-factor secret could not be re-sealed');
          failed.push(r.id);
          continue;
        }
        values.push(r.id, sealed.totp_secret, sealed.totp_pending_secret);
        count++;
      }
      if (!count) return 0;
      await em.execute(
        `update app_user u set totp_secret = v.totp_secret, totp_pending_secret = v.totp_pending_secret
           from (values ${Array.from({ length: count }, () => '(?::uuid, ?::text, ?::text)').join(', ')}) as v(id, totp_secret, totp_pending_secret)
          where u.id = v.id`,
        values,
      );
      return count;
    });
    batches++;
  }
  if (resealed) logger.info({ resealed, batches, sealedWith: keyring.sealedWith }, 'two-factor secrets re-sealed');
  return { resealed, batches, failed };
}
