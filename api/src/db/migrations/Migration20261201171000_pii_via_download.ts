import { Migration } from '@mikro-orm/migrations';

/** A download of an evidence file holding personal data is a path of its own in the access log. */
export class Migration20261201171000_pii_via_download extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "pii_access_log" drop constraint if exists "pii_access_log_via_check";`);
    this.addSql(`alter table "pii_access_log" add constraint "pii_access_log_via_check" check ("via" in ('QUERY', 'PUSH', 'EXPORT', 'PRINT', 'DOWNLOAD'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "pii_access_log" drop constraint if exists "pii_access_log_via_check";`);
    this.addSql(`alter table "pii_access_log" add constraint "pii_access_log_via_check" check ("via" in ('QUERY', 'PUSH', 'EXPORT', 'PRINT')) not valid;`);
  }
}
