import type { EntityManager } from '@mikro-orm/postgresql';
import { logger } from '../../logger';
import { sealPartyPii } from '../matter/matter.entity';
import { PiiCryptoError, SEALED_PREFIX, type PiiField, type PiiKeyring } from './pii.crypto';

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

const open = (keyring: PiiKeyring, field: PiiField, value: string | null) =>
  !value ? null : value.startsWith(SEALED_PREFIX) ? keyring.open(field, value) : value;

/**
 * Fails (with the ids to add back) when rows are sealed with a key PII_KEYS no longer lists: they
 * could not be read. Run at boot and before a rotation, so a key removed too early is caught at
 * once rather than as failed reads.
 */
export async function assertKeysCoverData(em: EntityManager, keyring: PiiKeyring): Promise<void> {
  const rows: { sealed_with: string }[] = await em.fork().execute('select distinct sealed_with from party where sealed_with is not null');
  const missing = [...new Set(rows.map((r) => r.sealed_with.split(':')[1]))].filter((kid) => !keyring.hasKey(kid));
  if (missing.length) {
    throw new PiiCryptoError(
      `Party phones/ID numbers are sealed with key(s) ${missing.join(', ')}, which PII_KEYS does not list: add them after the active key (and run rotate-keys before removing them)`,
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
