import { Migration } from '@mikro-orm/migrations';

const ADDED = ['COMMUNITY_ACTIVITY_UPDATED'];

/**
 * Rewrites event_type_check as the types it already allows plus (or minus) ours — not a fixed
 * list, so that migrations written at the same time, each adding its own event types, keep each
 * other's (same approach as Migration20261127220000_agency_work_events).
 */
const textArray = (values: string[]) => `array[${values.map((v) => `'${v}'`).join(', ')}]::text[]`;
const rewriteCheck = (add: string[], remove: string[], notValid: boolean) => `do $$
declare allowed text;
begin
  select string_agg(quote_literal(v), ', ' order by o) into allowed from (
    select v, min(o) as o from (
      select r.m[1] as v, r.n as o
        from pg_constraint c, regexp_matches(pg_get_constraintdef(c.oid), '''([A-Z_]+)''', 'g') with ordinality as r(m, n)
        where c.conname = 'event_type_check' and c.conrelid = '"event"'::regclass
      union all
      select a.v, 1000000 + a.n from unnest(${textArray(add)}) with ordinality as a(v, n)
    ) s where v is not null and v <> all (${textArray(remove)}) group by v
  ) t;
  alter table "event" drop constraint if exists "event_type_check";
  execute format('alter table "event" add constraint "event_type_check" check ("type" in (%s))${notValid ? ' not valid' : ''}', allowed);
end $$;`;

/** A planned activity can be edited (title, date, venue, organizations…) until it is recorded as held. */
export class Migration20261127210000_activity_updated_event extends Migration {
  override async up(): Promise<void> {
    this.addSql(rewriteCheck(ADDED, [], false));
  }

  override async down(): Promise<void> {
    // Events are append-only: rows already written keep their type; only new rows are checked.
    this.addSql(rewriteCheck([], ADDED, true));
  }
}
