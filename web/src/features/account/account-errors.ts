import type { TFunction } from 'i18next';
import { errorMessage, errorReason, type ErrorReason } from '../../ui/errors';

const PASSWORD_REASONS = new Set<ErrorReason>(['TOO_SHORT', 'TOO_LONG', 'CONTAINS_USERNAME', 'TOO_COMMON', 'WRONG_PASSWORD', 'SAME_AS_CURRENT']);

/** The api's refusals about passwords and codes in the person's language; anything else as the api said it. */
export function accountErrorText(t: TFunction, error: unknown, minLength?: number): string {
  const reason = errorReason(error);
  if (reason && PASSWORD_REASONS.has(reason)) return t(`account.password.reasons.${reason}`, { min: minLength ?? 12 });
  if (reason === 'WRONG_CODE') return t('account.twoFactor.wrongCode');
  if (reason === 'CHALLENGE_EXPIRED') return t('account.mfa.expired');
  return t('app.error', { message: errorMessage(error) });
}
