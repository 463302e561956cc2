import { Migration } from '@mikro-orm/migrations';

/**
 * Login throttling moved to atomic counters (modules/auth/login-throttle.ts): the account lockout
 * columns go — a read-modify-write that concurrent guesses slipped past, and a way for anyone to
 * lock a named officer out. Addresses a user signed in from are remembered instead, so the soft
 * per-username limit never stops them there.
 */
export class Migration20261201110000_login_throttle extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "known_login_address" ("user_id" uuid not null, "address" text not null, "last_success_at" timestamptz not null, constraint "known_login_address_pkey" primary key ("user_id", "address"));`);
    this.addSql(`alter table "known_login_address" add constraint "known_login_address_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "app_user" drop column "failed_logins", drop column "locked_until";`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "app_user" add column "failed_logins" int not null default 0, add column "locked_until" timestamptz null;`);
    this.addSql(`drop table if exists "known_login_address" cascade;`);
  }
}
