import { describe, expect, it } from 'vitest';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { isCursorExpired } from './LiveProvider';

describe('isCursorExpired', () => {
  it('recognises the server answer to a replay from a cursor past retention, and only that', () => {
    const expired = new CombinedGraphQLErrors({ errors: [{ message: 'past retention', extensions: { code: 'CURSOR_EXPIRED', oldestCursor: '999' } }] });
    expect(isCursorExpired(expired)).toBe(true);
    expect(isCursorExpired(new CombinedGraphQLErrors({ errors: [{ message: 'no', extensions: { code: 'UNAUTHENTICATED' } }] }))).toBe(false);
    expect(isCursorExpired(new Error('socket closed'))).toBe(false);
    expect(isCursorExpired(undefined)).toBe(false);
  });
});
