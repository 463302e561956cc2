import { piiKeyring, SEALED_PREFIX, type PiiKeyring, type UserSecretField } from '../pii/pii.crypto';

/**
 * The TOTP secrets of `app_user` (`totp_secret`, `totp_pending_secret`) are stored sealed with
 * the personal-data keyring (PII_KEYS, PII_CIPHER), bound to the column and to the user's id: a
 * database dump holds no second factor, and a sealed secret copied to another column or onto
 * another officer's row fails to open. Rows enrolled before this are sealed at boot and by
 * `migrate`; `rotate-keys` re-seals them with the new key (modules/pii/pii.reseal.ts).
 */
export type TotpColumn = 'totp_secret' | 'totp_pending_secret';

export const TOTP_FIELD: Record<TotpColumn, UserSecretField> = {
  totp_secret: 'user.totpSecret',
  totp_pending_secret: 'user.totpPendingSecret',
};

export function sealTotpSecret(column: TotpColumn, userId: string, secret: string, keyring: PiiKeyring = piiKeyring()): string {
  return keyring.seal(TOTP_FIELD[column], secret, userId);
}

/**
 * The secret a column holds. A value that is not sealed (`sst1.…`) was written before
 * encryption and is returned as it is (boot seals such rows before the api serves; an instance
 * of the previous version may still write one during a rolling upgrade). A sealed value that
 * fails to open throws PiiCryptoError, whose message names the field and key, never the value.
 */
export function openTotpSecret(column: TotpColumn, userId: string, stored: string, keyring: PiiKeyring = piiKeyring()): string {
  return stored.startsWith(SEALED_PREFIX) ? keyring.open(TOTP_FIELD[column], stored, userId) : stored;
}
