import { Migration } from '@mikro-orm/migrations';
import { rewriteEventTypeCheck } from './event-type-check';

const ADDED = ['INVITATION_ASSIGNED', 'OPINION_ADDED'];

/** 指派承办人 and 意见 on the timeline. */
export class Migration20261127220000_agency_work_events extends Migration {
  override async up(): Promise<void> {
    this.addSql(rewriteEventTypeCheck(ADDED, [], false));
  }

  override async down(): Promise<void> {
    // Events are append-only: rows already written keep their type; only new rows are checked.
    this.addSql(rewriteEventTypeCheck([], ADDED, true));
  }
}
