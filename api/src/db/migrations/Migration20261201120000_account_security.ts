import { Migration } from '@mikro-orm/migrations';

/** Two-factor sign-in (TOTP + recovery codes, the login challenge) and where each session came from. */
export class Migration20261201120000_account_security extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "app_user" add column "totp_secret" text null, add column "totp_pending_secret" text null, add column "totp_enabled_at" timestamptz null, add column "totp_last_step" bigint null;`);
    this.addSql(`alter table "auth_session" add column "client_address" text null, add column "user_agent" text null;`);
    this.addSql(`create table "recovery_code" ("id" uuid not null, "user_id" uuid not null, "code_hash" text not null, "created_at" timestamptz not null, "used_at" timestamptz null, constraint "recovery_code_pkey" primary key ("id"));`);
    this.addSql(`create index "recovery_code_user_id_code_hash_index" on "recovery_code" ("user_id", "code_hash");`);
    this.addSql(`alter table "recovery_code" add constraint "recovery_code_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);
    this.addSql(`create table "mfa_challenge" ("id" uuid not null, "token_hash" text not null, "user_id" uuid not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "attempts" int not null default 0, "used_at" timestamptz null, "client_address" text null, "user_agent" text null, constraint "mfa_challenge_pkey" primary key ("id"));`);
    this.addSql(`alter table "mfa_challenge" add constraint "mfa_challenge_token_hash_unique" unique ("token_hash");`);
    this.addSql(`alter table "mfa_challenge" add constraint "mfa_challenge_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "mfa_challenge" cascade;`);
    this.addSql(`drop table if exists "recovery_code" cascade;`);
    this.addSql(`alter table "auth_session" drop column "client_address", drop column "user_agent";`);
    this.addSql(`alter table "app_user" drop column "totp_secret", drop column "totp_pending_secret", drop column "totp_enabled_at", drop column "totp_last_step";`);
  }
}
