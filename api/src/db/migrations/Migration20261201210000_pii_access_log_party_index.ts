import { Migration } from '@mikro-orm/migrations';

/**
 * The auditor filters the PII access log by user, matter, party and time (issue 10). User, matter
 * and time have indexes (Migration20261201131000_pii_access_log_audit); "whose phone was read" did
 * not, so it scanned the whole log (~40 rows per coordinator page view). The page is ordered by
 * id, newest first: (party_id, id) serves the filter and the order at once.
 */
export class Migration20261201210000_pii_access_log_party_index extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index if not exists "pii_access_log_party_id_id_index" on "pii_access_log" ("party_id", "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "pii_access_log_party_id_id_index";`);
  }
}
