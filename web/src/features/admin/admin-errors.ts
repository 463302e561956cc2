import type { TFunction } from 'i18next';
import { errorExtensions, errorMessage, type ErrorReason } from '../../ui/errors';
import { MIN_PASSWORD_LENGTH } from './AdminForms';

const PASSWORD_RULES = new Set<ErrorReason>(['TOO_SHORT', 'TOO_LONG', 'CONTAINS_USERNAME', 'TOO_COMMON']);

/**
 * The api's refusals in the admin's language where we know them (a taken name or code, a code
 * that matters already carry); anything else with the api's own message.
 */
export function adminErrorText(t: TFunction, error: unknown): string {
  const extensions = errorExtensions(error);
  // The password policy (api: auth/password-policy.ts) says which rule a password broke.
  if (extensions?.code === 'BAD_USER_INPUT' && extensions.reason && PASSWORD_RULES.has(extensions.reason)) {
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
    const key = extensions.field ? known[extensions.field] : undefined;
    if (key) return t(key);
  }
  return t('app.error', { message: errorMessage(error) });
}
