import { Migration } from '@mikro-orm/migrations';

/** 意见: opinions on a matter by the agencies that accepted an invitation and by community staff. */
export class Migration20261127200000_opinions extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "opinion" ("id" uuid not null, "matter_id" uuid not null, "kind" text check ("kind" in ('LEGAL_OPINION', 'SUGGESTION')) not null default 'SUGGESTION', "body" text not null, "author_id" uuid not null, "organization_id" uuid not null, "created_at" timestamptz not null, constraint "opinion_pkey" primary key ("id"));`);
    this.addSql(`create index "opinion_matter_id_created_at_index" on "opinion" ("matter_id", "created_at");`);
    this.addSql(`alter table "opinion" add constraint "opinion_matter_id_foreign" foreign key ("matter_id") references "matter" ("id") on update cascade;`);
    this.addSql(`alter table "opinion" add constraint "opinion_author_id_foreign" foreign key ("author_id") references "app_user" ("id") on update cascade;`);
    this.addSql(`alter table "opinion" add constraint "opinion_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "opinion" cascade;`);
  }
}
