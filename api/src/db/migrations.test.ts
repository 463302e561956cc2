import { describe, expect, it } from 'vitest';
import { createTestDb } from '../test/harness';

describe('migrations', () => {
  it('bring a database exactly to what the entities declare (nothing left for make-migration to write)', async () => {
    const { orm } = await createTestDb();
    const needed = await orm.getMigrator().checkMigrationNeeded();
    if (needed) {
      // Say what differs, so the fix (a migration, or the entity) is obvious.
      const diff = await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
      expect(diff).toBe('');
    }
    expect(needed).toBe(false);
  });
});
