import { Migration } from '@mikro-orm/migrations';

/**
 * A resident may attach photos to the public report: such a file has no uploader and no
 * organization, and says where it came from.
 */
export class Migration20261201240000_public_report_photos extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "attachment" alter column "uploaded_by_id" drop not null;`);
    this.addSql(`alter table "attachment" alter column "organization_id" drop not null;`);
    this.addSql(`alter table "attachment" drop constraint "attachment_organization_id_foreign";`);
    this.addSql(`alter table "attachment" drop constraint "attachment_uploaded_by_id_foreign";`);
    this.addSql(`alter table "attachment" add constraint "attachment_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "attachment" add constraint "attachment_uploaded_by_id_foreign" foreign key ("uploaded_by_id") references "app_user" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "attachment" add column "source" text check ("source" in ('STAFF', 'PUBLIC_REPORT')) not null default 'STAFF';`);
  }

  override async down(): Promise<void> {
    this.addSql(`delete from "attachment" where "source" = 'PUBLIC_REPORT';`);
    this.addSql(`alter table "attachment" drop column "source";`);
    this.addSql(`alter table "attachment" drop constraint "attachment_organization_id_foreign";`);
    this.addSql(`alter table "attachment" drop constraint "attachment_uploaded_by_id_foreign";`);
    this.addSql(`alter table "attachment" add constraint "attachment_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade;`);
    this.addSql(`alter table "attachment" add constraint "attachment_uploaded_by_id_foreign" foreign key ("uploaded_by_id") references "app_user" ("id") on update cascade;`);
    this.addSql(`alter table "attachment" alter column "organization_id" set not null;`);
    this.addSql(`alter table "attachment" alter column "uploaded_by_id" set not null;`);
  }
}
