import { Migration } from '@mikro-orm/migrations';
import { rewriteEventTypeCheck } from './event-type-check';

/** The event write lock of event.service.ts (EVENT_WRITE_LOCK): cursor order is commit order. */
const EVENT_WRITE_LOCK = 0x5354_0001;

/** Ids per partition the conversion starts with; the maintenance job then uses EVENT_PARTITION_SIZE. */
export const INITIAL_EVENT_PARTITION_SIZE = 1_000_000;

/**
 * The event table becomes a table partitioned by range of `id` — the consoles' cursor — so that
 * every hot read (`id > cursor`, `max(id)`, the pump) touches only the newest partition, and
 * retention removes whole partitions (DETACH + DROP: no DELETE of millions of rows, no bloat,
 * no VACUUM debt) instead of rows.
 *
 * The conversion loses nothing and renumbers nothing: the existing table is not copied but
 * ATTACHED as the first partition, `[MINVALUE, B)` with B the first multiple of the partition
 * size above every id handed out so far. Its rows, ids and indexes stay where they are (its
 * indexes are attached to the parent's, not rebuilt); the id sequence is kept and now owned by
 * the parent. Check constraints are dropped from the old table and added to the parent, so that
 * every partition holds them as inherited (not local) constraints and `rewriteEventTypeCheck`
 * (drop + add on "event") keeps working for later event types. Indexes and checks are taken
 * from the catalog rather than listed here, so one added by a migration before this one is kept.
 *
 * Maintenance lives in SQL functions, called by the api's job (event-partitions.ts) under an
 * advisory lock:
 * - `sst_event_partitions()`: the partitions with their id bounds (lo null = MINVALUE).
 * - `sst_event_partitions_ensure(size, ahead)`: creates partitions of `size` ids until those
 *   created reach `ahead` ids beyond the sequence, so an insert never finds no partition.
 * - `sst_event_partitions_expire(days)`: drops the oldest partitions whose every row is older
 *   than `days` (refused below 180: 网络安全法 art. 21) and that no new id can fall into, oldest
 *   first and stopping at the first one it must keep, so what remains is contiguous; each drop
 *   writes an EVENTS_EXPIRED event (the audit trail) in the same transaction.
 * - `sst_event_horizon()`: the lowest id still held (0 while nothing was ever dropped); a replay
 *   from a cursor below it is refused (CURSOR_EXPIRED) rather than answered with a silent gap.
 */
export class Migration20261201220000_event_partitions extends Migration {
  override async up(): Promise<void> {
    this.addSql(`do $$
declare
  r record;
  index_defs text[] := '{}';
  check_defs text[] := '{}';
  bound bigint;
  seq_last bigint;
begin
  for r in select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
             from pg_index i
            where i.indrelid = 'event'::regclass and not i.indisprimary
  loop
    index_defs := index_defs || r.def;
    execute format('alter index %I rename to %I', r.name, left(r.name, 50) || '_ids_0');
  end loop;
  for r in select c.conname, pg_get_constraintdef(c.oid) as def
             from pg_constraint c
            where c.conrelid = 'event'::regclass and c.contype = 'c'
  loop
    check_defs := check_defs || format('alter table "event" add constraint %I %s', r.conname, r.def);
    execute format('alter table "event" drop constraint %I', r.conname);
  end loop;
  alter table "event" rename constraint "event_pkey" to "event_ids_0_pkey";
  alter table "event" rename to "event_ids_0";

  create table "event" (like "event_ids_0" including defaults) partition by range ("id");
  alter sequence "event_id_seq" owned by "event"."id";

  select last_value into seq_last from "event_id_seq";
  select greatest(seq_last, coalesce(max("id"), 0)) into seq_last from "event_ids_0";
  bound := (seq_last / ${INITIAL_EVENT_PARTITION_SIZE} + 1) * ${INITIAL_EVENT_PARTITION_SIZE};
  execute format('alter table "event" attach partition "event_ids_0" for values from (minvalue) to (%s)', bound);

  alter table "event" add constraint "event_pkey" primary key ("id");
  for i in 1 .. coalesce(array_length(index_defs, 1), 0) loop
    execute index_defs[i];
  end loop;
  for i in 1 .. coalesce(array_length(check_defs, 1), 0) loop
    execute check_defs[i];
  end loop;
end $$;`);

    this.addSql(`create or replace function sst_event_partitions() returns table (name text, lo bigint, hi bigint)
language sql stable set search_path = pg_catalog, public as $$
  select c.relname::text,
         nullif(substring(pg_get_expr(c.relpartbound, c.oid) from 'FROM \\(''?(-?[0-9]+|MINVALUE)''?\\)'), 'MINVALUE')::bigint,
         nullif(substring(pg_get_expr(c.relpartbound, c.oid) from 'TO \\(''?(-?[0-9]+|MAXVALUE)''?\\)'), 'MAXVALUE')::bigint
    from pg_inherits i join pg_class c on c.oid = i.inhrelid
   where i.inhparent = 'public.event'::regclass
   order by 2 nulls first
$$;`);

    this.addSql(`create or replace function sst_event_horizon() returns bigint
language sql stable set search_path = pg_catalog, public as $$
  select coalesce((select lo from sst_event_partitions() order by lo nulls first limit 1), 0)
$$;`);

    this.addSql(`create or replace function sst_event_partitions_ensure(partition_size bigint, ahead bigint) returns int
language plpgsql set search_path = pg_catalog, public as $$
declare
  top bigint;
  needed bigint;
  made int := 0;
begin
  if partition_size < 1 or ahead < 0 then
    raise exception 'partition_size must be positive and ahead not negative' using errcode = 'invalid_parameter_value';
  end if;
  select max(hi) into top from sst_event_partitions();
  if top is null then
    -- An open-ended partition (MAXVALUE) takes every id: nothing to create.
    if exists (select 1 from sst_event_partitions()) then return 0; end if;
    top := 1;
  end if;
  select last_value + ahead into needed from public.event_id_seq;
  -- A short wait at most: creating a partition locks the parent; the job comes back later.
  perform set_config('lock_timeout', '1s', true);
  while top <= needed loop
    execute format('create table public.%I partition of public.event for values from (%s) to (%s)', 'event_ids_' || top, top, top + partition_size);
    top := top + partition_size;
    made := made + 1;
  end loop;
  return made;
end $$;`);

    this.addSql(`create or replace function sst_event_partitions_expire(retention_days int)
returns table (name text, lo bigint, hi bigint, removed bigint, newest timestamptz)
language plpgsql set search_path = pg_catalog, public as $$
declare
  p record;
  seq_last bigint;
  n bigint;
  latest timestamptz;
  top_id bigint;
  late_n bigint;
  late_latest timestamptz;
begin
  if retention_days is null or retention_days < 180 then
    raise exception 'event retention must be at least 180 days (网络安全法 art. 21), got %', retention_days using errcode = 'invalid_parameter_value';
  end if;
  for p in select * from sst_event_partitions() s order by s.lo nulls first loop
    select last_value into seq_last from public.event_id_seq;
    -- The newest partition, or one the sequence has not passed yet, may still receive rows.
    exit when p.hi is null or seq_last < p.hi;
    exit when not exists (select 1 from sst_event_partitions() s where s.lo = p.hi);
    -- Read without locks first (the long part), ...
    execute format('select count(*), max(occurred_at), max(id) from public.%I', p.name) into n, latest, top_id;
    exit when latest is not null and latest >= now() - make_interval(days => retention_days);
    -- ... then lock (the event write lock first, as writers take it before the table; then the
    -- parent, as readers do; a short wait at most, the job comes back later) and look again at
    -- what a transaction still in flight during the read may have added.
    perform set_config('lock_timeout', '1s', true);
    perform pg_advisory_xact_lock(${EVENT_WRITE_LOCK});
    lock table public.event in access exclusive mode;
    execute format('select count(*), max(occurred_at) from public.%I where id > %s', p.name, coalesce(top_id, -1)) into late_n, late_latest;
    exit when late_latest is not null and late_latest >= now() - make_interval(days => retention_days);
    execute format('alter table public.event detach partition public.%I', p.name);
    execute format('drop table public.%I', p.name);
    name := p.name; lo := p.lo; hi := p.hi; removed := n + late_n; newest := greatest(latest, late_latest);
    -- On the audit trail, in the same transaction: what retention removed (admins and auditors only).
    insert into public.event (type, audience_org_ids, notify_org_ids, payload, occurred_at)
    values ('EVENTS_EXPIRED', '{}', '{}', jsonb_build_object('partition', p.name, 'fromId', p.lo::text, 'throughId', (p.hi - 1)::text,
            'rows', n + late_n, 'newestAt', greatest(latest, late_latest), 'retentionDays', retention_days), now());
    return next;
  end loop;
end $$;`);

    this.addSql(`select sst_event_partitions_ensure(${INITIAL_EVENT_PARTITION_SIZE}, ${INITIAL_EVENT_PARTITION_SIZE});`);
    this.addSql(rewriteEventTypeCheck(['EVENTS_EXPIRED'], [], false));
  }

  override async down(): Promise<void> {
    this.addSql(rewriteEventTypeCheck([], ['EVENTS_EXPIRED'], true));
    this.addSql(`drop function if exists sst_event_partitions_expire(int);`);
    this.addSql(`drop function if exists sst_event_partitions_ensure(bigint, bigint);`);
    this.addSql(`drop function if exists sst_event_horizon();`);
    this.addSql(`drop function if exists sst_event_partitions();`);
    // Back to one plain table: the rows are copied (ids kept), the sequence stays.
    this.addSql(`do $$
declare
  r record;
  index_defs text[] := '{}';
  check_defs text[] := '{}';
begin
  for r in select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
             from pg_index i where i.indrelid = 'event'::regclass and not i.indisprimary loop
    index_defs := index_defs || replace(r.def, 'ONLY ', '');
  end loop;
  for r in select c.conname, pg_get_constraintdef(c.oid) as def
             from pg_constraint c where c.conrelid = 'event'::regclass and c.contype = 'c' loop
    check_defs := check_defs || format('alter table "event" add constraint %I %s', r.conname, r.def);
  end loop;
  create table "event_plain" (like "event" including defaults);
  insert into "event_plain" select * from "event";
  alter sequence "event_id_seq" owned by none;
  drop table "event" cascade;
  alter table "event_plain" rename to "event";
  alter sequence "event_id_seq" owned by "event"."id";
  alter table "event" add constraint "event_pkey" primary key ("id");
  for i in 1 .. coalesce(array_length(index_defs, 1), 0) loop execute index_defs[i]; end loop;
  for i in 1 .. coalesce(array_length(check_defs, 1), 0) loop execute check_defs[i]; end loop;
end $$;`);
  }
}
