import { Migration } from '@mikro-orm/migrations';

/** 以案释法 / 定期议事 / 普法宣传 and the decisions of a meeting (linked back to matters). */
export class Migration20261127130000_community_activities extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "community_activity" ("id" uuid not null, "community_id" uuid not null, "kind" text check ("kind" in ('LAW_EXPLANATION', 'DELIBERATION', 'PUBLICITY')) not null, "title" text not null, "held_at" timestamptz not null, "venue" text not null, "agenda" text null, "host_organization_id" uuid not null, "partner_organization_ids" text[] not null, "matter_ids" text[] not null, "attendance" int null, "minutes" text null, "recorded_at" timestamptz null, "created_by_id" uuid null, "created_at" timestamptz not null, constraint "community_activity_pkey" primary key ("id"));`);
    this.addSql(`create index "community_activity_community_id_kind_held_at_index" on "community_activity" ("community_id", "kind", "held_at");`);
    this.addSql(`create table "activity_decision" ("id" uuid not null, "activity_id" uuid not null, "position" int not null default 0, "text" text not null, "matter_ids" text[] not null, constraint "activity_decision_pkey" primary key ("id"));`);
    this.addSql(`create index "activity_decision_activity_id_index" on "activity_decision" ("activity_id");`);
    this.addSql(`alter table "community_activity" add constraint "community_activity_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`);
    this.addSql(`alter table "community_activity" add constraint "community_activity_host_organization_id_foreign" foreign key ("host_organization_id") references "organization" ("id") on update cascade;`);
    this.addSql(`alter table "community_activity" add constraint "community_activity_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "activity_decision" add constraint "activity_decision_activity_id_foreign" foreign key ("activity_id") references "community_activity" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "activity_decision" cascade;`);
    this.addSql(`drop table if exists "community_activity" cascade;`);
  }
}
