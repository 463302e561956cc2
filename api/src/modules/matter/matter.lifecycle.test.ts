import { describe, expect, it } from 'vitest';
import { MatterStatus as S } from '../common/enums';
import { assertTransition, canTransition } from './matter.lifecycle';

describe('matter lifecycle', () => {
  it('allows the path of a mediated matter to closing', () => {
    const path = [S.REPORTED, S.ASSESSING, S.MEDIATING, S.RESOLVED, S.CLOSED];
    for (let i = 1; i < path.length; i++) expect(canTransition(path[i - 1], path[i])).toBe(true);
  });

  it('lets a failed follow-up reopen a resolved matter', () => {
    expect(canTransition(S.RESOLVED, S.MEDIATING)).toBe(true);
  });

  it('refuses skipping assessment, reopening a closed matter, and closing without resolution', () => {
    expect(canTransition(S.REPORTED, S.MEDIATING)).toBe(false);
    expect(canTransition(S.CLOSED, S.MEDIATING)).toBe(false);
    expect(canTransition(S.MEDIATING, S.CLOSED)).toBe(false);
    expect(() => assertTransition(S.CLOSED, S.REPORTED)).toThrowError(/cannot go from CLOSED to REPORTED/);
    try {
      assertTransition(S.REPORTED, S.RESOLVED);
    } catch (e) {
      expect((e as { extensions: { code: string } }).extensions.code).toBe('CONFLICT');
    }
    expect.assertions(5);
  });
});
