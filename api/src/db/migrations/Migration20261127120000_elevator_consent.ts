import { Migration } from '@mikro-orm/migrations';

/** 加装电梯: per-household consent, tallied against Civil Code art. 278. */
export class Migration20261127120000_elevator_consent extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "elevator_consent" ("id" uuid not null, "matter_id" uuid not null, "unit" text not null, "floor" int not null, "area" numeric(10,2) not null, "owner_name" text not null, "vote" text check ("vote" in ('AGREE', 'DISAGREE', 'ABSTAIN', 'NOT_VOTED')) not null, "note" text null, "recorded_by_id" uuid null, "updated_at" timestamptz not null, constraint "elevator_consent_pkey" primary key ("id"));`);
    this.addSql(`alter table "elevator_consent" add constraint "elevator_consent_matter_id_unit_unique" unique ("matter_id", "unit");`);
    this.addSql(`alter table "elevator_consent" add constraint "elevator_consent_matter_id_foreign" foreign key ("matter_id") references "matter" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "elevator_consent" add constraint "elevator_consent_recorded_by_id_foreign" foreign key ("recorded_by_id") references "app_user" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "elevator_consent" add constraint "elevator_consent_area_positive" check ("area" > 0);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "elevator_consent" cascade;`);
  }
}
