import { Migration } from '@mikro-orm/migrations';
import { rewriteEventTypeCheck } from './event-type-check';

const ADDED = ['COMMUNITY_ACTIVITY_UPDATED'];

/** A planned activity can be edited (title, date, venue, organizations…) until it is recorded as held. */
export class Migration20261127210000_activity_updated_event extends Migration {
  override async up(): Promise<void> {
    this.addSql(rewriteEventTypeCheck(ADDED, [], false));
  }

  override async down(): Promise<void> {
    // Events are append-only: rows already written keep their type; only new rows are checked.
    this.addSql(rewriteEventTypeCheck([], ADDED, true));
  }
}
