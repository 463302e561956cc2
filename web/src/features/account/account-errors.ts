import { CombinedGraphQLErrors } from '@apollo/client';
import type { TFunction } from 'i18next';
import { errorMessage } from '../../ui/errors';

const PASSWORD_REASONS = new Set(['TOO_SHORT', 'TOO_LONG', 'CONTAINS_USERNAME', 'TOO_COMMON', 'WRONG_PASSWORD', 'SAME_AS_CURRENT']);

/** The api's refusals about passwords and codes in the person's language; anything else as the api said it. */
export function accountErrorText(t: TFunction, error: unknown, minLength?: number): string {
  const extensions = CombinedGraphQLErrors.is(error) ? error.errors[0]?.extensions : undefined;
  const reason = typeof extensions?.reason === 'string' ? extensions.reason : undefined;
  if (reason && PASSWORD_REASONS.has(reason)) return t(`account.password.reasons.${reason}`, { min: minLength ?? 12 });
  if (reason === 'WRONG_CODE') return t('account.twoFactor.wrongCode');
  if (reason === 'CHALLENGE_EXPIRED') return t('account.mfa.expired');
  return t('app.error', { message: errorMessage(error) });
}
