import { Migration } from '@mikro-orm/migrations';
import { rewriteEventTypeCheck } from './event-type-check';

const ADDED = [
  'USER_CREATED',
  'USER_DEACTIVATED',
  'USER_REACTIVATED',
  'USER_PASSWORD_RESET',
  'USER_TWO_FACTOR_RESET',
  'COMMUNITY_CREATED',
  'COMMUNITY_UPDATED',
  'ORGANIZATION_CREATED',
  'ORGANIZATION_UPDATED',
  'ROUTING_RULE_CREATED',
  'ROUTING_RULE_UPDATED',
  'ROUTING_RULE_DELETED',
];

/** Administrative changes (users, communities, organizations, routing rules) on the record. */
export class Migration20261201132000_admin_change_events extends Migration {
  override async up(): Promise<void> {
    this.addSql(rewriteEventTypeCheck(ADDED, [], false));
  }

  override async down(): Promise<void> {
    // Events are append-only: rows already written keep their type; only new rows are checked.
    this.addSql(rewriteEventTypeCheck([], ADDED, true));
  }
}
