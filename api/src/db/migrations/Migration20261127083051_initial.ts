import { Migration } from '@mikro-orm/migrations';

export class Migration20261127083051_initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "community" ("id" uuid not null, "code" text not null, "name" text not null, "district" text null, "created_at" timestamptz not null, constraint "community_pkey" primary key ("id"));`);

    this.addSql(`create table "event" ("id" bigserial primary key, "type" text check ("type" in ('MATTER_REPORTED', 'MATTER_ASSESSED', 'MATTER_STATUS_CHANGED', 'JOINT_MEDIATION_REQUESTED', 'INVITATION_ACCEPTED', 'INVITATION_DECLINED', 'INVITATION_EXPIRED', 'SESSION_SCHEDULED', 'SESSION_OUTCOME_RECORDED', 'FOLLOW_UP_RECORDED')) not null, "matter_id" uuid null, "community_id" uuid null, "actor_id" uuid null, "audience_org_ids" text[] not null, "notify_org_ids" text[] not null, "payload" jsonb not null, "occurred_at" timestamptz not null);`);
    this.addSql(`create index "event_community_id_index" on "event" ("community_id");`);
    this.addSql(`create index "event_matter_id_id_index" on "event" ("matter_id", "id");`);

    this.addSql(`create table "grid" ("id" uuid not null, "community_id" uuid not null, "name" text not null, constraint "grid_pkey" primary key ("id"));`);

    this.addSql(`create table "organization" ("id" uuid not null, "name" text not null, "kind" text check ("kind" in ('COMMUNITY', 'COURT', 'PROCURATORATE', 'POLICE', 'LAW_FIRM', 'JUDICIAL_OFFICE')) not null, "community_id" uuid null, "created_at" timestamptz not null, constraint "organization_pkey" primary key ("id"));`);

    this.addSql(`create table "organization_served_community" ("organization_id" uuid not null, "community_id" uuid not null, constraint "organization_served_community_pkey" primary key ("organization_id", "community_id"));`);

    this.addSql(`create table "pii_access_log" ("id" bigserial primary key, "user_id" uuid not null, "matter_id" uuid not null, "party_id" uuid not null, "field" text not null, "at" timestamptz not null);`);

    this.addSql(`create table "reference_counter" ("community_id" uuid not null, "year" int not null, "value" int not null, constraint "reference_counter_pkey" primary key ("community_id", "year"));`);

    this.addSql(`create table "routing_rule" ("id" uuid not null, "community_id" uuid null, "category" text check ("category" in ('NEIGHBOR', 'FAMILY', 'PROPERTY_RIGHTS', 'HOUSING_RENOVATION', 'ELEVATOR_INSTALLATION', 'ECONOMIC', 'LABOR', 'PROPERTY_MANAGEMENT', 'OTHER')) null, "risk_flag" text check ("risk_flag" in ('CRIMINAL_ESCALATION', 'GROUP_PETITION', 'VULNERABLE_PARTY')) null, "scale" text check ("scale" in ('ORDINARY', 'MAJOR')) null, "organization_kinds" text[] not null, "note" text null, constraint "routing_rule_pkey" primary key ("id"));`);

    this.addSql(`create table "app_user" ("id" uuid not null, "username" text not null, "display_name" text not null, "password_hash" text not null, "role" text check ("role" in ('ADMIN', 'COORDINATOR', 'GRID_WORKER', 'MEDIATOR', 'AGENCY_LEAD', 'AGENCY_STAFF')) not null, "organization_id" uuid not null, "active" boolean not null default true, "failed_logins" int not null default 0, "locked_until" timestamptz null, "created_at" timestamptz not null, constraint "app_user_pkey" primary key ("id"));`);
    this.addSql(`alter table "app_user" add constraint "app_user_username_unique" unique ("username");`);

    this.addSql(`create table "matter" ("id" uuid not null, "reference" text not null, "community_id" uuid not null, "grid_id" uuid null, "title" text not null, "description" text not null, "kind" text check ("kind" in ('DEMAND', 'DISPUTE', 'CONSULTATION')) not null, "category" text check ("category" in ('NEIGHBOR', 'FAMILY', 'PROPERTY_RIGHTS', 'HOUSING_RENOVATION', 'ELEVATOR_INSTALLATION', 'ECONOMIC', 'LABOR', 'PROPERTY_MANAGEMENT', 'OTHER')) not null, "channel" text check ("channel" in ('TALK_HALL', 'GRID_PATROL', 'PHONE', 'ONLINE', 'REFERRAL')) not null, "status" text check ("status" in ('REPORTED', 'ASSESSING', 'MEDIATING', 'RESOLVED', 'ESCALATED', 'WITHDRAWN', 'CLOSED')) not null default 'REPORTED', "risk_level" text check ("risk_level" in ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')) null, "risk_flags" text[] not null, "scale" text check ("scale" in ('ORDINARY', 'MAJOR')) not null default 'ORDINARY', "location" text null, "amount_in_dispute" numeric(14,2) null, "households_affected" int null, "reporter_id" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "resolved_at" timestamptz null, "closed_at" timestamptz null, constraint "matter_pkey" primary key ("id"));`);
    this.addSql(`alter table "matter" add constraint "matter_reference_unique" unique ("reference");`);
    this.addSql(`create index "matter_community_id_created_at_index" on "matter" ("community_id", "created_at");`);

    this.addSql(`create table "party" ("id" uuid not null, "matter_id" uuid not null, "position" int not null default 0, "name" text not null, "role" text check ("role" in ('APPLICANT', 'RESPONDENT', 'THIRD_PARTY')) not null, "phone" text null, "id_number" text null, constraint "party_pkey" primary key ("id"));`);

    this.addSql(`create table "joint_session" ("id" uuid not null, "matter_id" uuid not null, "starts_at" timestamptz not null, "venue" text not null, "agenda" text null, "organization_ids" text[] not null, "outcome" text check ("outcome" in ('AGREEMENT', 'PARTIAL_AGREEMENT', 'NO_AGREEMENT', 'ADJOURNED')) null, "minutes" text null, "created_by_id" uuid null, "created_at" timestamptz not null, "outcome_recorded_at" timestamptz null, constraint "joint_session_pkey" primary key ("id"));`);

    this.addSql(`create table "agreement_term" ("id" uuid not null, "session_id" uuid not null, "position" int not null default 0, "description" text not null, "amount" numeric(14,2) null, "due_at" timestamptz null, "performed_at" timestamptz null, constraint "agreement_term_pkey" primary key ("id"));`);

    this.addSql(`create table "joint_mediation_request" ("id" uuid not null, "matter_id" uuid not null, "message" text not null, "respond_by" timestamptz not null, "requested_by_id" uuid null, "created_at" timestamptz not null, constraint "joint_mediation_request_pkey" primary key ("id"));`);

    this.addSql(`create table "invitation" ("id" uuid not null, "request_id" uuid not null, "matter_id" uuid not null, "organization_id" uuid not null, "status" text check ("status" in ('PENDING', 'ACCEPTED', 'DECLINED', 'EXPIRED')) not null default 'PENDING', "note" text null, "assignee_id" uuid null, "responded_by_id" uuid null, "responded_at" timestamptz null, "created_at" timestamptz not null, constraint "invitation_pkey" primary key ("id"));`);
    this.addSql(`create index "invitation_matter_id_index" on "invitation" ("matter_id");`);
    this.addSql(`create index "invitation_organization_id_status_index" on "invitation" ("organization_id", "status");`);
    this.addSql(`alter table "invitation" add constraint "invitation_request_id_organization_id_unique" unique ("request_id", "organization_id");`);

    this.addSql(`create table "follow_up" ("id" uuid not null, "matter_id" uuid not null, "agreement_fulfilled" boolean not null, "satisfaction" int null, "notes" text null, "recorded_by_id" uuid null, "created_at" timestamptz not null, constraint "follow_up_pkey" primary key ("id"));`);

    this.addSql(`create table "auth_session" ("id" uuid not null, "token_hash" text not null, "user_id" uuid not null, "created_at" timestamptz not null, "last_seen_at" timestamptz not null, "expires_at" timestamptz not null, "revoked_at" timestamptz null, constraint "auth_session_pkey" primary key ("id"));`);
    this.addSql(`create index "auth_session_token_hash_index" on "auth_session" ("token_hash");`);
    this.addSql(`alter table "auth_session" add constraint "auth_session_token_hash_unique" unique ("token_hash");`);

    this.addSql(`create table "assessment" ("id" uuid not null, "matter_id" uuid not null, "risk_level" text check ("risk_level" in ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')) not null, "risk_flags" text[] not null, "scale" text check ("scale" in ('ORDINARY', 'MAJOR')) not null, "summary" text not null, "suggested_organization_ids" text[] not null, "assessed_by_id" uuid null, "assessed_at" timestamptz not null, constraint "assessment_pkey" primary key ("id"));`);

    this.addSql(`alter table "grid" add constraint "grid_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "organization" add constraint "organization_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "organization_served_community" add constraint "organization_served_community_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "organization_served_community" add constraint "organization_served_community_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "app_user" add constraint "app_user_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade;`);

    this.addSql(`alter table "matter" add constraint "matter_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`);
    this.addSql(`alter table "matter" add constraint "matter_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "matter" add constraint "matter_reporter_id_foreign" foreign key ("reporter_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "party" add constraint "party_matter_id_foreign" foreign key ("matter_id") references "matter" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "joint_session" add constraint "joint_session_matter_id_foreign" foreign key ("matter_id") references "matter" ("id") on update cascade;`);
    this.addSql(`alter table "joint_session" add constraint "joint_session_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "agreement_term" add constraint "agreement_term_session_id_foreign" foreign key ("session_id") references "joint_session" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "joint_mediation_request" add constraint "joint_mediation_request_matter_id_foreign" foreign key ("matter_id") references "matter" ("id") on update cascade;`);
    this.addSql(`alter table "joint_mediation_request" add constraint "joint_mediation_request_requested_by_id_foreign" foreign key ("requested_by_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "invitation" add constraint "invitation_request_id_foreign" foreign key ("request_id") references "joint_mediation_request" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "invitation" add constraint "invitation_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade;`);
    this.addSql(`alter table "invitation" add constraint "invitation_assignee_id_foreign" foreign key ("assignee_id") references "app_user" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "invitation" add constraint "invitation_responded_by_id_foreign" foreign key ("responded_by_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "follow_up" add constraint "follow_up_matter_id_foreign" foreign key ("matter_id") references "matter" ("id") on update cascade;`);
    this.addSql(`alter table "follow_up" add constraint "follow_up_recorded_by_id_foreign" foreign key ("recorded_by_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "auth_session" add constraint "auth_session_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "assessment" add constraint "assessment_matter_id_foreign" foreign key ("matter_id") references "matter" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "assessment" add constraint "assessment_assessed_by_id_foreign" foreign key ("assessed_by_id") references "app_user" ("id") on update cascade on delete set null;`);
    // Foreign keys that are read by matter, and the event audience for replay by agency.
    this.addSql(`create index "party_matter_id_index" on "party" ("matter_id");`);
    this.addSql(`create index "assessment_matter_id_index" on "assessment" ("matter_id", "assessed_at");`);
    this.addSql(`create index "joint_mediation_request_matter_id_index" on "joint_mediation_request" ("matter_id");`);
    this.addSql(`create index "joint_session_matter_id_index" on "joint_session" ("matter_id");`);
    this.addSql(`create index "agreement_term_session_id_index" on "agreement_term" ("session_id");`);
    this.addSql(`create index "follow_up_matter_id_index" on "follow_up" ("matter_id");`);
    this.addSql(`create index "event_audience_org_ids_index" on "event" using gin ("audience_org_ids");`);
    this.addSql(`create index "matter_status_index" on "matter" ("community_id", "status");`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "grid" drop constraint "grid_community_id_foreign";`);

    this.addSql(`alter table "organization" drop constraint "organization_community_id_foreign";`);

    this.addSql(`alter table "organization_served_community" drop constraint "organization_served_community_community_id_foreign";`);

    this.addSql(`alter table "matter" drop constraint "matter_community_id_foreign";`);

    this.addSql(`alter table "matter" drop constraint "matter_grid_id_foreign";`);

    this.addSql(`alter table "organization_served_community" drop constraint "organization_served_community_organization_id_foreign";`);

    this.addSql(`alter table "app_user" drop constraint "app_user_organization_id_foreign";`);

    this.addSql(`alter table "invitation" drop constraint "invitation_organization_id_foreign";`);

    this.addSql(`alter table "matter" drop constraint "matter_reporter_id_foreign";`);

    this.addSql(`alter table "joint_session" drop constraint "joint_session_created_by_id_foreign";`);

    this.addSql(`alter table "joint_mediation_request" drop constraint "joint_mediation_request_requested_by_id_foreign";`);

    this.addSql(`alter table "invitation" drop constraint "invitation_assignee_id_foreign";`);

    this.addSql(`alter table "invitation" drop constraint "invitation_responded_by_id_foreign";`);

    this.addSql(`alter table "follow_up" drop constraint "follow_up_recorded_by_id_foreign";`);

    this.addSql(`alter table "auth_session" drop constraint "auth_session_user_id_foreign";`);

    this.addSql(`alter table "assessment" drop constraint "assessment_assessed_by_id_foreign";`);

    this.addSql(`alter table "party" drop constraint "party_matter_id_foreign";`);

    this.addSql(`alter table "joint_session" drop constraint "joint_session_matter_id_foreign";`);

    this.addSql(`alter table "joint_mediation_request" drop constraint "joint_mediation_request_matter_id_foreign";`);

    this.addSql(`alter table "follow_up" drop constraint "follow_up_matter_id_foreign";`);

    this.addSql(`alter table "assessment" drop constraint "assessment_matter_id_foreign";`);

    this.addSql(`alter table "agreement_term" drop constraint "agreement_term_session_id_foreign";`);

    this.addSql(`alter table "invitation" drop constraint "invitation_request_id_foreign";`);

    this.addSql(`drop table if exists "community" cascade;`);

    this.addSql(`drop table if exists "event" cascade;`);

    this.addSql(`drop table if exists "grid" cascade;`);

    this.addSql(`drop table if exists "organization" cascade;`);

    this.addSql(`drop table if exists "organization_served_community" cascade;`);

    this.addSql(`drop table if exists "pii_access_log" cascade;`);

    this.addSql(`drop table if exists "reference_counter" cascade;`);

    this.addSql(`drop table if exists "routing_rule" cascade;`);

    this.addSql(`drop table if exists "app_user" cascade;`);

    this.addSql(`drop table if exists "matter" cascade;`);

    this.addSql(`drop table if exists "party" cascade;`);

    this.addSql(`drop table if exists "joint_session" cascade;`);

    this.addSql(`drop table if exists "agreement_term" cascade;`);

    this.addSql(`drop table if exists "joint_mediation_request" cascade;`);

    this.addSql(`drop table if exists "invitation" cascade;`);

    this.addSql(`drop table if exists "follow_up" cascade;`);

    this.addSql(`drop table if exists "auth_session" cascade;`);

    this.addSql(`drop table if exists "assessment" cascade;`);
  }

}
