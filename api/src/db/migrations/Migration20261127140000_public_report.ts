import { Migration } from '@mikro-orm/migrations';

/** 随时说事: residents' online reports, followed by a tracking code (only its hash is stored). */
export class Migration20261127140000_public_report extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "public_report" ("id" uuid not null, "matter_id" uuid not null, "tracking_code_hash" text not null, "consented_at" timestamptz not null, "consent_version" text not null, "created_at" timestamptz not null, constraint "public_report_pkey" primary key ("id"));`);
    this.addSql(`alter table "public_report" add constraint "public_report_matter_id_unique" unique ("matter_id");`);
    this.addSql(`alter table "public_report" add constraint "public_report_tracking_code_hash_unique" unique ("tracking_code_hash");`);
    this.addSql(`alter table "public_report" add constraint "public_report_matter_id_foreign" foreign key ("matter_id") references "matter" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "public_report" cascade;`);
  }
}
