import { Migration } from '@mikro-orm/migrations';

/** Joint sessions: attendance, the court's judicial confirmation, and the time index behind clash warnings. */
export class Migration20261127110000_session_attendance_confirmation extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "joint_session" add column "attendees" text[] not null default '{}', add column "attended_organization_ids" text[] not null default '{}', add column "judicial_confirmed_at" timestamptz null, add column "judicial_confirmation_note" text null, add column "judicial_confirmed_by_id" uuid null, add column "judicial_confirmed_by_organization_id" uuid null;`);
    this.addSql(`alter table "joint_session" add constraint "joint_session_judicial_confirmed_by_id_foreign" foreign key ("judicial_confirmed_by_id") references "app_user" ("id") on update cascade on delete set null;`);
    this.addSql(`create index "joint_session_starts_at_index" on "joint_session" ("starts_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "joint_session_starts_at_index";`);
    this.addSql(`alter table "joint_session" drop constraint "joint_session_judicial_confirmed_by_id_foreign";`);
    this.addSql(`alter table "joint_session" drop column "attendees", drop column "attended_organization_ids", drop column "judicial_confirmed_at", drop column "judicial_confirmation_note", drop column "judicial_confirmed_by_id", drop column "judicial_confirmed_by_organization_id";`);
  }
}
