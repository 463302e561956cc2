import { Migration } from '@mikro-orm/migrations';
import { rewriteEventTypeCheck } from './event-type-check';

const ADDED = ['SESSION_OUTCOME_CORRECTED', 'AGREEMENT_TERM_WAIVED', 'ELEVATOR_REGISTER_UPDATED'];

/**
 * Issue 11's rules: a term can be waived (with a reason) instead of performed, so a matter closes
 * only when every term is performed or waived; an outcome's minutes and terms can be corrected on
 * the record; the elevator register (every unit of the building) is entered as a whole; a
 * community has a time zone (exports show its local time).
 */
export class Migration20261201140000_rule_corrections extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "agreement_term" add column "waived_at" timestamptz null, add column "waived_reason" text null, add column "waived_by_id" uuid null;`);
    this.addSql(`alter table "agreement_term" add constraint "agreement_term_waived_by_id_foreign" foreign key ("waived_by_id") references "app_user" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "community" add column "time_zone" text not null default 'Asia/Shanghai';`);
    this.addSql(rewriteEventTypeCheck(ADDED, [], false));
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "agreement_term" drop constraint "agreement_term_waived_by_id_foreign";`);
    this.addSql(`alter table "agreement_term" drop column "waived_at", drop column "waived_reason", drop column "waived_by_id";`);
    this.addSql(`alter table "community" drop column "time_zone";`);
    // Events are append-only: rows already written keep their type; only new rows are checked.
    this.addSql(rewriteEventTypeCheck([], ADDED, true));
  }
}
