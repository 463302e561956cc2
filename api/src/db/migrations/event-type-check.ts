/**
 * SQL that rewrites event_type_check as the event types it already allows plus `add`, minus
 * `remove`, keeping their order (new ones last, as EventType lists them). Not a fixed list: two
 * migrations written at the same time, each adding its own event types, keep each other's.
 * `notValid`: rows already written are not re-checked (events are append-only, so a down
 * migration must not fail on them).
 */
const textArray = (values: string[]) => `array[${values.map((v) => `'${v}'`).join(', ')}]::text[]`;

export function rewriteEventTypeCheck(add: string[], remove: string[], notValid: boolean): string {
  return `do $$
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
}
