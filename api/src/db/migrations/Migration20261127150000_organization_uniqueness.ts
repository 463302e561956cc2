import { Migration } from '@mikro-orm/migrations';

export class Migration20261127150000_organization_uniqueness extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "community" add constraint "community_code_unique" unique ("code");`);

    this.addSql(`create unique index "organization_one_community_org_index" on "organization" ("community_id") where "kind" = 'COMMUNITY';`);
    this.addSql(`alter table "organization" add constraint "organization_kind_name_unique" unique ("kind", "name");`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "community" drop constraint "community_code_unique";`);

    this.addSql(`drop index "organization_one_community_org_index";`);
    this.addSql(`alter table "organization" drop constraint "organization_kind_name_unique";`);
  }

}
