import { Migration } from '@mikro-orm/migrations';

/** 及时办事: performed agreement terms, new event types, and an index for the deadline sweep. */
export class Migration20261127100000_deadlines extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "event" drop constraint if exists "event_type_check";`);
    this.addSql(`alter table "event" add constraint "event_type_check" check("type" in ('MATTER_REPORTED', 'MATTER_ASSESSED', 'MATTER_STATUS_CHANGED', 'JOINT_MEDIATION_REQUESTED', 'INVITATION_ACCEPTED', 'INVITATION_DECLINED', 'INVITATION_EXPIRED', 'SESSION_SCHEDULED', 'SESSION_OUTCOME_RECORDED', 'FOLLOW_UP_RECORDED', 'AGREEMENT_TERM_PERFORMED', 'AGREEMENT_CONFIRMED', 'SESSION_ATTENDANCE_RECORDED', 'ELEVATOR_CONSENT_RECORDED', 'COMMUNITY_ACTIVITY_PLANNED', 'COMMUNITY_ACTIVITY_RECORDED', 'DELIBERATION_DECISION_LINKED'));`);

    this.addSql(`alter table "agreement_term" add column "performed_note" text null, add column "performed_recorded_by_id" uuid null;`);
    this.addSql(`alter table "agreement_term" add constraint "agreement_term_performed_recorded_by_id_foreign" foreign key ("performed_recorded_by_id") references "app_user" ("id") on update cascade on delete set null;`);

    // The sweep looks only at unanswered invitations; keep that lookup small as history grows.
    this.addSql(`create index "invitation_pending_request_index" on "invitation" ("request_id") where "status" = 'PENDING';`);
    this.addSql(`create index "joint_mediation_request_respond_by_index" on "joint_mediation_request" ("respond_by");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "joint_mediation_request_respond_by_index";`);
    this.addSql(`drop index "invitation_pending_request_index";`);
    this.addSql(`alter table "agreement_term" drop constraint "agreement_term_performed_recorded_by_id_foreign";`);
    this.addSql(`alter table "agreement_term" drop column "performed_note", drop column "performed_recorded_by_id";`);
    this.addSql(`alter table "event" drop constraint if exists "event_type_check";`);
    this.addSql(`alter table "event" add constraint "event_type_check" check("type" in ('MATTER_REPORTED', 'MATTER_ASSESSED', 'MATTER_STATUS_CHANGED', 'JOINT_MEDIATION_REQUESTED', 'INVITATION_ACCEPTED', 'INVITATION_DECLINED', 'INVITATION_EXPIRED', 'SESSION_SCHEDULED', 'SESSION_OUTCOME_RECORDED', 'FOLLOW_UP_RECORDED'));`);
  }
}
