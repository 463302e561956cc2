import { Migration } from '@mikro-orm/migrations';

export class Migration20261127160000_term_superseded extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "agreement_term" add column "superseded_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "agreement_term" drop column "superseded_at";`);
  }

}
