import { afterEach, describe, expect, it } from 'vitest';
import { argon2Load, hashPassword, limitArgon2Concurrency, verifyPassword } from './password-hash';

afterEach(() => limitArgon2Concurrency(1));

describe('argon2id with bounded concurrency', () => {
  it('never runs more hashes at once than ARGON2_CONCURRENCY, however many logins arrive', async () => {
    const hash = await hashPassword('changsheng-demo');
    for (const limit of [1, 2]) {
      limitArgon2Concurrency(limit);
      argon2Load.peak = 0;
      const results = await Promise.all(Array.from({ length: 6 }, (_, i) => verifyPassword(hash, i % 2 ? 'changsheng-demo' : 'wrong')));
      expect(results).toEqual([false, true, false, true, false, true]);
      expect(argon2Load.peak, `limit ${limit}`).toBe(limit);
      expect(argon2Load.running).toBe(0);
    }
  });
});
