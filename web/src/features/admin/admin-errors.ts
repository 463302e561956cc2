import { CombinedGraphQLErrors } from '@apollo/client';
import type { TFunction } from 'i18next';
import { errorMessage } from '../../ui/errors';
import { MIN_PASSWORD_LENGTH } from './AdminForms';

/**
 * The api's refusals in the admin's language where we know them (a taken name or code, a code
 * that matters already carry); anything else with the api's own message.
 */
export function adminErrorText(t: TFunction, error: unknown): string {
  const extensions = CombinedGraphQLErrors.is(error) ? error.errors[0]?.extensions : undefined;
  // The password policy (api: auth/password-policy.ts) says which rule a password broke.
  if (extensions?.code === 'BAD_USER_INPUT' && typeof extensions.reason === 'string' && ['TOO_SHORT', 'TOO_LONG', 'CONTAINS_USERNAME', 'TOO_COMMON'].includes(extensions.reason)) {
    return t(`account.password.reasons.${extensions.reason}`, { min: MIN_PASSWORD_LENGTH });
  }
  if (extensions?.code === 'CONFLICT') {
    if (extensions.reason === 'HAS_MATTERS') return t('admin.communities.codeFixed');
    const known: Record<string, string> = {
      code: 'admin.communities.codeTaken',
      name: 'admin.conflicts.name',
      username: 'admin.users.usernameTaken',
      communityId: 'admin.organizations.communityTaken',
    };
    const key = typeof extensions.field === 'string' ? known[extensions.field] : undefined;
    if (key) return t(key);
  }
  return t('app.error', { message: errorMessage(error) });
}
