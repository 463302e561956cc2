import { Migration } from '@mikro-orm/migrations';

/**
 * Reads that do not grow with the table (issue 10):
 * - keyset pages served by an index: the coordinator's (community_id, created_at, id), the
 *   admin's (created_at, id), and the agencies' through their invitations: each invitation
 *   carries its matter's creation time (a matter's created_at never changes), so an
 *   organization's matters come newest first from (organization_id, matter_created_at, matter_id);
 * - search served by a GIN index over character bigrams: two-character Chinese terms (电梯, 漏水)
 *   are the common case and pg_trgm needs three. Plain SQL and PL/pgSQL, so it runs on embedded
 *   PGlite as on a PostgreSQL server (no extension).
 */
export class Migration20261201160000_read_paths extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "invitation" add column "matter_created_at" timestamptz null;`);
    this.addSql(`update "invitation" i set "matter_created_at" = m."created_at" from "matter" m where m."id" = i."matter_id";`);
    this.addSql(`alter table "invitation" alter column "matter_created_at" set not null;`);
    this.addSql(
      `create index "invitation_organization_id_matter_created_at_matter_id_index" on "invitation" ("organization_id", "matter_created_at", "matter_id");`,
    );

    this.addSql(`drop index "matter_community_id_created_at_index";`);
    this.addSql(`create index "matter_community_id_created_at_id_index" on "matter" ("community_id", "created_at", "id");`);
    this.addSql(`create index "matter_created_at_id_index" on "matter" ("created_at", "id");`);

    // The distinct lower-cased character pairs of a text, pairs with white space left out (so no
    // pair spans two fields). A term's pairs all being present is necessary for ILIKE '%term%' to
    // match; the ILIKE itself still decides.
    this.addSql(`create or replace function "search_bigrams"(t text) returns text[] language sql immutable strict parallel safe as $$
      select coalesce(array_agg(distinct g), '{}'::text[])
        from (select substr(s, i, 2) as g
                from (select lower(t) as s) x, generate_series(1, char_length(s) - 1) i) y
       where g !~ '\\s'
    $$;`);
    this.addSql(`alter table "matter" add column "search_bigrams" text[] null;`);
    this.addSql(`create or replace function "matter_search_bigrams_fill"() returns trigger language plpgsql as $$
      begin
        new.search_bigrams := search_bigrams(concat_ws(E'\\n', new.reference, new.title, new.description, new.location));
        return new;
      end
    $$;`);
    this.addSql(`create trigger "matter_search_bigrams_fill" before insert or update of "reference", "title", "description", "location" on "matter"
      for each row execute function "matter_search_bigrams_fill"();`);
    this.addSql(`update "matter" set "search_bigrams" = search_bigrams(concat_ws(E'\\n', "reference", "title", "description", "location"));`);
    // fastupdate off: a search never scans a pending list of unmerged entries (up to 4 MB) that
    // only a vacuum would fold in; a matter's write pays its ~100 entries at once instead.
    this.addSql(`create index "matter_search_bigrams_index" on "matter" using gin ("search_bigrams") with (fastupdate = off);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "matter_search_bigrams_index";`);
    this.addSql(`drop trigger "matter_search_bigrams_fill" on "matter";`);
    this.addSql(`drop function "matter_search_bigrams_fill"();`);
    this.addSql(`alter table "matter" drop column "search_bigrams";`);
    this.addSql(`drop function "search_bigrams"(text);`);
    this.addSql(`drop index "matter_created_at_id_index";`);
    this.addSql(`drop index "matter_community_id_created_at_id_index";`);
    this.addSql(`create index "matter_community_id_created_at_index" on "matter" ("community_id", "created_at");`);
    this.addSql(`drop index "invitation_organization_id_matter_created_at_matter_id_index";`);
    this.addSql(`alter table "invitation" drop column "matter_created_at";`);
  }
}
