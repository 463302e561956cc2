import { Migration } from '@mikro-orm/migrations';
import { rewriteEventTypeCheck } from './event-type-check';

const ADDED = ['ATTACHMENT_ADDED'];

/** 证据材料: files on a matter, the shared key that signs their links, and their downloads in the PII access log. */
export class Migration20261201170000_attachments extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "app_secret" ("name" text not null, "value" text not null, constraint "app_secret_pkey" primary key ("name"));`);
    this.addSql(`create table "attachment" ("id" uuid not null, "matter_id" uuid not null, "session_id" uuid null, "opinion_id" uuid null, "file_name" text not null, "description" text null, "kind" text check ("kind" in ('IMAGE', 'PDF', 'DOCUMENT', 'AUDIO')) not null, "mime_type" text not null, "size" int not null, "sha256" text not null, "original_sha256" text null, "contains_personal_data" boolean not null default false, "storage_key" text not null, "thumbnail_key" text null, "uploaded_by_id" uuid not null, "organization_id" uuid not null, "created_at" timestamptz not null, constraint "attachment_pkey" primary key ("id"));`);
    this.addSql(`create index "attachment_matter_id_created_at_index" on "attachment" ("matter_id", "created_at");`);
    this.addSql(`alter table "attachment" add constraint "attachment_matter_id_foreign" foreign key ("matter_id") references "matter" ("id") on update cascade;`);
    this.addSql(`alter table "attachment" add constraint "attachment_uploaded_by_id_foreign" foreign key ("uploaded_by_id") references "app_user" ("id") on update cascade;`);
    this.addSql(`alter table "attachment" add constraint "attachment_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade;`);
    this.addSql(rewriteEventTypeCheck(ADDED, [], false));
    this.addSql(`alter table "pii_access_log" add column "attachment_id" uuid null;`);
    this.addSql(`alter table "pii_access_log" alter column "party_id" drop not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "pii_access_log" drop column "attachment_id";`);
    this.addSql(`drop table if exists "attachment" cascade;`);
    this.addSql(`drop table if exists "app_secret" cascade;`);
    this.addSql(rewriteEventTypeCheck([], ADDED, true));
  }
}
