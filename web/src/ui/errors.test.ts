import { CombinedGraphQLErrors } from '@apollo/client';
import { describe, expect, it } from 'vitest';
import { errorCode, errorExtensions, errorReason, hasErrorCode } from './errors';

const refusal = (...extensions: Record<string, unknown>[]) =>
  new CombinedGraphQLErrors({ errors: extensions.map((e) => ({ message: 'x', extensions: e })) });

describe('reading the api error contract', () => {
  it('reads code, reason and the other keys of the first error', () => {
    const e = refusal({ code: 'BAD_USER_INPUT', reason: 'TOO_SHORT', field: 'newPassword' });
    expect(errorCode(e)).toBe('BAD_USER_INPUT');
    expect(errorReason(e)).toBe('TOO_SHORT');
    expect(errorExtensions(e)?.field).toBe('newPassword');
  });

  it('finds a code in any of the errors, also on a graphql-ws error list', () => {
    expect(hasErrorCode(refusal({ code: 'FORBIDDEN' }, { code: 'UNAUTHENTICATED' }), 'UNAUTHENTICATED')).toBe(true);
    expect(hasErrorCode(refusal({ code: 'FORBIDDEN' }), 'UNAUTHENTICATED')).toBe(false);
    expect(hasErrorCode({ errors: [{ message: 'gone', extensions: { code: 'CURSOR_EXPIRED', oldestCursor: '9' } }] }, 'CURSOR_EXPIRED')).toBe(true);
  });

  it('has nothing to say about a network error', () => {
    expect(errorCode(new Error('Failed to fetch'))).toBeUndefined();
    expect(errorReason(refusal({ code: 'CONFLICT' }))).toBeUndefined();
  });
});
