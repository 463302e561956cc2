import { Migration } from '@mikro-orm/migrations';

/**
 * Party phones and ID numbers stored sealed (envelope encryption; the `phone` and `id_number`
 * columns now hold `sst1.…` text) with a keyed hash beside each for exact search. SQL cannot
 * encrypt (the key is not in the database): rows written before this are sealed by the api at
 * boot and by `migrate` (modules/pii/pii.reseal.ts), which find them by `sealed_with is null`.
 */
export class Migration20261201130000_pii_encryption extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "party" add column "phone_index" text null, add column "id_number_index" text null, add column "sealed_with" text null;`);
    this.addSql(`create index "party_phone_index_index" on "party" ("phone_index");`);
    this.addSql(`create index "party_id_number_index_index" on "party" ("id_number_index");`);
  }

  override async down(): Promise<void> {
    // Sealed values stay sealed: decrypting needs the key, which only the api has.
    this.addSql(`drop index if exists "party_phone_index_index";`);
    this.addSql(`drop index if exists "party_id_number_index_index";`);
    this.addSql(`alter table "party" drop column "phone_index", drop column "id_number_index", drop column "sealed_with";`);
  }
}
