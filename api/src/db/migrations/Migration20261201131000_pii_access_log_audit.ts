import { Migration } from '@mikro-orm/migrations';

/**
 * The PII access log as an auditor reads it: the reader's organization, the path (QUERY, PUSH,
 * EXPORT, PRINT) and the client address; indexes for the auditor's filters; and append-only.
 *
 * Append-only: a trigger refuses every UPDATE, and every DELETE except the retention purge of
 * rows older than 180 days (网络安全法 art. 21), which `sst_purge_pii_access_log(days)` does
 * by setting a transaction-local flag the trigger honours. The 180-day floor is in the trigger
 * itself, so nothing running as the application's role — not even code that sets the flag by
 * hand — can remove a younger row; TRUNCATE is refused too. The purge is a SECURITY DEFINER
 * function so that a deployment separating roles can revoke DELETE (and TRIGGER) on the table
 * from the application's role and grant it EXECUTE on the function only.
 */
export class Migration20261201131000_pii_access_log_audit extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "pii_access_log" add column "organization_id" uuid null, add column "via" text check ("via" in ('QUERY', 'PUSH', 'EXPORT', 'PRINT')) not null default 'QUERY', add column "ip" text null;`,
    );
    this.addSql(`create index "pii_access_log_at_index" on "pii_access_log" ("at");`);
    this.addSql(`create index "pii_access_log_user_id_at_index" on "pii_access_log" ("user_id", "at");`);
    this.addSql(`create index "pii_access_log_matter_id_at_index" on "pii_access_log" ("matter_id", "at");`);
    this.addSql(`create or replace function sst_pii_access_log_append_only() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' and current_setting('sst.pii_log_purge', true) = 'on' and old."at" < now() - interval '180 days' then
    return old;
  end if;
  raise exception 'pii_access_log is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end $$;`);
    this.addSql(`create trigger "pii_access_log_append_only" before update or delete on "pii_access_log" for each row execute function sst_pii_access_log_append_only();`);
    this.addSql(`create trigger "pii_access_log_no_truncate" before truncate on "pii_access_log" for each statement execute function sst_pii_access_log_append_only();`);
    this.addSql(`create or replace function sst_purge_pii_access_log(retention_days int) returns bigint language plpgsql security definer set search_path = pg_catalog, public as $$
declare n bigint;
begin
  if retention_days is null or retention_days < 180 then
    raise exception 'PII access log retention must be at least 180 days, not %', retention_days using errcode = 'invalid_parameter_value';
  end if;
  perform set_config('sst.pii_log_purge', 'on', true);
  delete from pii_access_log where "at" < now() - make_interval(days => retention_days);
  get diagnostics n = row_count;
  perform set_config('sst.pii_log_purge', 'off', true);
  return n;
end $$;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists "pii_access_log_append_only" on "pii_access_log";`);
    this.addSql(`drop trigger if exists "pii_access_log_no_truncate" on "pii_access_log";`);
    this.addSql(`drop function if exists sst_purge_pii_access_log(int);`);
    this.addSql(`drop function if exists sst_pii_access_log_append_only();`);
    this.addSql(`drop index if exists "pii_access_log_at_index";`);
    this.addSql(`drop index if exists "pii_access_log_user_id_at_index";`);
    this.addSql(`drop index if exists "pii_access_log_matter_id_at_index";`);
    this.addSql(`alter table "pii_access_log" drop column "organization_id", drop column "via", drop column "ip";`);
  }
}
