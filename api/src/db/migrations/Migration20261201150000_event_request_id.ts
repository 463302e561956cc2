import { Migration } from '@mikro-orm/migrations';

/** The request id (X-Request-Id) on each event row: from the proxy's log to the SQL to the push. */
export class Migration20261201150000_event_request_id extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "event" add column "request_id" varchar(128) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "event" drop column "request_id";`);
  }
}
