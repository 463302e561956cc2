import { createCipheriv, createDecipheriv, createHmac, getCiphers, getHashes, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Envelope encryption of personal data (party phone and ID number) and of the officers' TOTP
 * secrets at rest.
 *
 * Each value gets its own random data key (DEK); the DEK is wrapped by a key-encryption key
 * (KEK) taken from configuration (`PII_KEYS`), and the sealed value names the KEK by id, so
 * several KEKs can coexist while `rotate-keys` re-seals rows under the newest one.
 *
 * Two ciphers:
 * - `aes-256-gcm` (default): AES-256-GCM for the value and for wrapping the DEK; HMAC-SHA256
 *   for the search index; HKDF-SHA256 derives the sub-keys from each KEK.
 * - `sm4` (商用密码): SM4-CTR then HMAC-SM3 over header, IV and ciphertext (encrypt-then-MAC;
 *   Node's OpenSSL has no SM4-GCM), for the value and for wrapping the DEK; HMAC-SM3 for the
 *   search index; HKDF-SM3 derives the sub-keys.
 *
 * A sealed value is text: `sst1.<alg>.<kid>.<wrapped DEK>.<iv>.<ciphertext>.<tag>` (base64url
 * parts; alg `A` or `S`). The header and the field name are authenticated, so a value moved to
 * another field, relabelled with another key id or altered in any byte fails to open. Fields of
 * a user (`user.*`) are also bound to the user's id (the `subject`): a TOTP secret copied onto
 * another officer's row fails to open too.
 */

export type PiiCipher = 'aes-256-gcm' | 'sm4';
/** Party fields: bound to the field name. */
export type PartyPiiField = 'party.phone' | 'party.idNumber';
/** Fields of a user: bound to the field name and the user's id. */
export type UserSecretField = 'user.totpSecret' | 'user.totpPendingSecret';
export type PiiField = PartyPiiField | UserSecretField;

export const SEALED_PREFIX = 'sst1.';
const ALG_TAG: Record<PiiCipher, string> = { 'aes-256-gcm': 'A', sm4: 'S' };
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

export class PiiCryptoError extends Error {}

interface DerivedKeys {
  id: string;
  /** AES: the 32-byte wrapping key. SM4: 16 bytes encryption + 32 bytes MAC. */
  wrapEnc: Buffer;
  wrapMac: Buffer;
  /** Keys of the blind (HMAC) search index, one per digest. */
  index: { sha256: Buffer; sm3: Buffer | null };
}

export interface PiiKeyMaterial {
  id: string;
  /** 32 bytes. */
  key: Buffer;
}

function derive(digest: 'sha256' | 'sm3', key: Buffer, info: string, length: number): Buffer {
  return Buffer.from(hkdfSync(digest, key, Buffer.alloc(0), info, length));
}

/** Whether this Node's OpenSSL offers what `cipher` needs. */
export function cipherAvailable(cipher: PiiCipher): boolean {
  if (cipher === 'aes-256-gcm') return getCiphers().includes('aes-256-gcm');
  return getCiphers().includes('sm4-ctr') && getHashes().includes('sm3');
}

/** The configured keys: seals with the first, opens with any, searches across all. */
export class PiiKeyring {
  private readonly keys = new Map<string, { aes: DerivedKeys; sm4: DerivedKeys | null }>();
  readonly activeKeyId: string;
  private readonly sm3: boolean;

  constructor(
    readonly cipher: PiiCipher,
    material: PiiKeyMaterial[],
  ) {
    if (!material.length) throw new PiiCryptoError('At least one personal-data key is needed');
    if (!cipherAvailable(cipher)) {
      throw new PiiCryptoError(
        cipher === 'sm4'
          ? 'PII_CIPHER=sm4 needs SM4-CTR and SM3, which this Node.js/OpenSSL does not offer (crypto.getCiphers() has no sm4-ctr or crypto.getHashes() no sm3); use an OpenSSL build with the SM algorithms or PII_CIPHER=aes-256-gcm'
          : 'This Node.js/OpenSSL offers no aes-256-gcm',
      );
    }
    this.sm3 = getHashes().includes('sm3') && getCiphers().includes('sm4-ctr');
    for (const { id, key } of material) {
      if (!KEY_ID.test(id)) throw new PiiCryptoError(`Key id "${id}" must be 1–32 letters, digits, - or _`);
      if (key.length !== 32) throw new PiiCryptoError(`Key ${id} must be 32 bytes (base64 of 32 random bytes)`);
      if (this.keys.has(id)) throw new PiiCryptoError(`Key id ${id} appears twice`);
      const aes: DerivedKeys = {
        id,
        wrapEnc: derive('sha256', key, 'sst pii: wrap data keys (aes-256-gcm)', 32),
        wrapMac: Buffer.alloc(0),
        index: {
          sha256: derive('sha256', key, 'sst pii: blind index (hmac-sha256)', 32),
          sm3: this.sm3 ? derive('sm3', key, 'sst pii: blind index (hmac-sm3)', 32) : null,
        },
      };
      const sm4: DerivedKeys | null = this.sm3
        ? {
            id,
            wrapEnc: derive('sm3', key, 'sst pii: wrap data keys (sm4-ctr)', 16),
            wrapMac: derive('sm3', key, 'sst pii: authenticate wrapped data keys (hmac-sm3)', 32),
            index: aes.index,
          }
        : null;
      this.keys.set(id, { aes, sm4 });
    }
    this.activeKeyId = material[0].id;
  }

  hasKey(id: string): boolean {
    return this.keys.has(id);
  }

  /** What rows sealed now are sealed with; `rotate-keys` re-seals every row not matching it. */
  get sealedWith(): string {
    return `${ALG_TAG[this.cipher]}:${this.activeKeyId}`;
  }

  /** The text every value sealed now starts with (`sst1.<alg>.<key id>.`); anything else needs re-sealing. */
  get sealedPrefix(): string {
    return `${SEALED_PREFIX}${ALG_TAG[this.cipher]}.${this.activeKeyId}.`;
  }

  seal(field: PartyPiiField, plaintext: string): string;
  seal(field: UserSecretField, plaintext: string, subject: string): string;
  seal(field: PiiField, plaintext: string, subject?: string): string {
    const alg = ALG_TAG[this.cipher];
    const header = `${SEALED_PREFIX}${alg}.${this.activeKeyId}`;
    const keys = this.keysFor(this.activeKeyId, this.cipher);
    const dek = randomBytes(32);
    const wrapped = this.cipher === 'aes-256-gcm' ? gcmSeal(keys.wrapEnc, dek, `${header}|dek`) : ctrHmacSeal(keys.wrapEnc, keys.wrapMac, dek, `${header}|dek`);
    const body =
      this.cipher === 'aes-256-gcm'
        ? gcmSeal(dek, Buffer.from(plaintext, 'utf8'), boundTo(header, field, subject))
        : ctrHmacSeal(dek.subarray(0, 16), dek.subarray(16), Buffer.from(plaintext, 'utf8'), boundTo(header, field, subject));
    return [header, b64(Buffer.concat(wrapped)), b64(body[0]), b64(body[1]), b64(body[2])].join('.');
  }

  open(field: PartyPiiField, sealed: string): string;
  open(field: UserSecretField, sealed: string, subject: string): string;
  open(field: PiiField, sealed: string, subject?: string): string {
    const aad = (header: string) => boundTo(header, field, subject);
    const parts = sealed.split('.');
    if (parts.length !== 7 || `${parts[0]}.` !== SEALED_PREFIX) throw new PiiCryptoError('Not a sealed value');
    const [, alg, kid, wrappedB64, ivB64, ctB64, tagB64] = parts;
    const cipher: PiiCipher | null = alg === 'A' ? 'aes-256-gcm' : alg === 'S' ? 'sm4' : null;
    if (!cipher) throw new PiiCryptoError(`Unknown cipher tag ${alg}`);
    const keys = this.keysFor(kid, cipher);
    const header = `${SEALED_PREFIX}${alg}.${kid}`;
    const wrapped = unb64(wrappedB64);
    try {
      if (cipher === 'aes-256-gcm') {
        const dek = gcmOpen(keys.wrapEnc, wrapped.subarray(0, 12), wrapped.subarray(12, 44), wrapped.subarray(44), `${header}|dek`);
        return gcmOpen(dek, unb64(ivB64), unb64(ctB64), unb64(tagB64), aad(header)).toString('utf8');
      }
      const dek = ctrHmacOpen(keys.wrapEnc, keys.wrapMac, wrapped.subarray(0, 16), wrapped.subarray(16, 48), wrapped.subarray(48), `${header}|dek`);
      return ctrHmacOpen(dek.subarray(0, 16), dek.subarray(16), unb64(ivB64), unb64(ctB64), unb64(tagB64), aad(header)).toString('utf8');
    } catch (err) {
      if (err instanceof PiiCryptoError) throw err;
      throw new PiiCryptoError(`A sealed ${field} failed authentication (altered, or sealed with another key ${kid})`);
    }
  }

  /** The blind index of a value under the active key and cipher (what is stored beside it). */
  indexOf(field: PartyPiiField, value: string): string {
    const k = this.keysFor(this.activeKeyId, this.cipher).index;
    return blindIndex(this.cipher === 'sm4' ? 'sm3' : 'sha256', this.cipher === 'sm4' ? k.sm3! : k.sha256, field, value);
  }

  /**
   * Every index the value may be stored under: each configured key, each digest. Rows not yet
   * re-sealed by `rotate-keys` (or sealed before the cipher setting changed) are still found.
   */
  searchIndexes(field: PartyPiiField, value: string): string[] {
    const out: string[] = [];
    for (const { aes } of this.keys.values()) {
      out.push(blindIndex('sha256', aes.index.sha256, field, value));
      if (aes.index.sm3) out.push(blindIndex('sm3', aes.index.sm3, field, value));
    }
    return out;
  }

  private keysFor(kid: string, cipher: PiiCipher): DerivedKeys {
    const entry = this.keys.get(kid);
    if (!entry) throw new PiiCryptoError(`Personal data sealed with key ${kid}, which is not configured in PII_KEYS`);
    const keys = cipher === 'aes-256-gcm' ? entry.aes : entry.sm4;
    if (!keys) throw new PiiCryptoError('Personal data sealed with SM4, which this Node.js/OpenSSL does not offer');
    return keys;
  }
}

/**
 * The associated data a value is sealed under: its header and field, and for a user's fields the
 * user's id as well. The subject is required exactly for `user.*` fields, so neither kind of call
 * can silently drop (or add) the binding.
 */
function boundTo(header: string, field: PiiField, subject: string | undefined): string {
  const userField = field.startsWith('user.');
  if (userField !== (subject !== undefined)) throw new PiiCryptoError(userField ? `${field} is sealed bound to its user: pass the user's id` : `${field} takes no subject`);
  if (userField && !subject) throw new PiiCryptoError(`${field} needs the user's id`);
  return userField ? `${header}|${field}|${subject}` : `${header}|${field}`;
}

/** Phones are compared on their digits; ID numbers with an upper-case X. */
export function normalizeForIndex(field: PartyPiiField, value: string): string {
  const v = value.trim();
  return field === 'party.phone' ? v.replace(/[\s-]/g, '') : v.toUpperCase();
}

function blindIndex(digest: 'sha256' | 'sm3', key: Buffer, field: PartyPiiField, value: string): string {
  return createHmac(digest, key).update(`${field}\u0000${normalizeForIndex(field, value)}`, 'utf8').digest('base64url');
}

const b64 = (b: Buffer) => b.toString('base64url');
const unb64 = (s: string) => Buffer.from(s, 'base64url');

function gcmSeal(key: Buffer, plaintext: Buffer, aad: string): [Buffer, Buffer, Buffer] {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([c.update(plaintext), c.final()]);
  return [iv, ct, c.getAuthTag()];
}

function gcmOpen(key: Buffer, iv: Buffer, ct: Buffer, tag: Buffer, aad: string): Buffer {
  if (iv.length !== 12 || tag.length !== 16) throw new PiiCryptoError('Malformed sealed value');
  const d = createDecipheriv('aes-256-gcm', key, iv);
  d.setAAD(Buffer.from(aad, 'utf8'));
  d.setAuthTag(tag);
  return Buffer.concat([d.update(ct), d.final()]);
}

function sm3Mac(macKey: Buffer, aad: string, iv: Buffer, ct: Buffer): Buffer {
  const aadBytes = Buffer.from(aad, 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(aadBytes.length);
  return createHmac('sm3', macKey).update(len).update(aadBytes).update(iv).update(ct).digest();
}

function ctrHmacSeal(encKey: Buffer, macKey: Buffer, plaintext: Buffer, aad: string): [Buffer, Buffer, Buffer] {
  const iv = randomBytes(16);
  const c = createCipheriv('sm4-ctr', encKey, iv);
  const ct = Buffer.concat([c.update(plaintext), c.final()]);
  return [iv, ct, sm3Mac(macKey, aad, iv, ct)];
}

function ctrHmacOpen(encKey: Buffer, macKey: Buffer, iv: Buffer, ct: Buffer, tag: Buffer, aad: string): Buffer {
  if (iv.length !== 16 || tag.length !== 32) throw new PiiCryptoError('Malformed sealed value');
  // MAC first: nothing is decrypted unless it is authentic.
  if (!timingSafeEqual(sm3Mac(macKey, aad, iv, ct), tag)) throw new PiiCryptoError('authentication failed');
  const d = createDecipheriv('sm4-ctr', encKey, iv);
  return Buffer.concat([d.update(ct), d.final()]);
}

let current: PiiKeyring | null = null;

/** Installed once at boot (and by scripts and the test harness). */
export function setPiiKeyring(keyring: PiiKeyring): void {
  current = keyring;
}

export function piiKeyring(): PiiKeyring {
  if (!current) throw new PiiCryptoError('Personal-data encryption is not initialised (initPiiCrypto at boot)');
  return current;
}

export function hasPiiKeyring(): boolean {
  return current !== null;
}

/** `id:base64,id:base64` → key material (config validates the shape). */
export function parsePiiKeys(value: string): PiiKeyMaterial[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const i = entry.indexOf(':');
      if (i <= 0) throw new PiiCryptoError('PII_KEYS entries look like keyId:base64key');
      return { id: entry.slice(0, i), key: Buffer.from(entry.slice(i + 1), 'base64') };
    });
}

export function newKeyMaterial(id: string): string {
  return `${id}:${randomBytes(32).toString('base64')}`;
}
