import { registerEnumType } from 'type-graphql';

export enum OrganizationKind {
  COMMUNITY = 'COMMUNITY',
  COURT = 'COURT',
  PROCURATORATE = 'PROCURATORATE',
  POLICE = 'POLICE',
  LAW_FIRM = 'LAW_FIRM',
  JUDICIAL_OFFICE = 'JUDICIAL_OFFICE',
}
export const AGENCY_KINDS: readonly OrganizationKind[] = [
  OrganizationKind.COURT,
  OrganizationKind.PROCURATORATE,
  OrganizationKind.POLICE,
  OrganizationKind.LAW_FIRM,
  OrganizationKind.JUDICIAL_OFFICE,
];

export enum UserRole {
  ADMIN = 'ADMIN',
  COORDINATOR = 'COORDINATOR',
  GRID_WORKER = 'GRID_WORKER',
  MEDIATOR = 'MEDIATOR',
  AGENCY_LEAD = 'AGENCY_LEAD',
  AGENCY_STAFF = 'AGENCY_STAFF',
  AUDITOR = 'AUDITOR',
}

export enum MatterKind {
  DEMAND = 'DEMAND',
  DISPUTE = 'DISPUTE',
  CONSULTATION = 'CONSULTATION',
}

export enum MatterCategory {
  NEIGHBOR = 'NEIGHBOR',
  FAMILY = 'FAMILY',
  PROPERTY_RIGHTS = 'PROPERTY_RIGHTS',
  HOUSING_RENOVATION = 'HOUSING_RENOVATION',
  ELEVATOR_INSTALLATION = 'ELEVATOR_INSTALLATION',
  ECONOMIC = 'ECONOMIC',
  LABOR = 'LABOR',
  PROPERTY_MANAGEMENT = 'PROPERTY_MANAGEMENT',
  OTHER = 'OTHER',
}

export enum IntakeChannel {
  TALK_HALL = 'TALK_HALL',
  GRID_PATROL = 'GRID_PATROL',
  PHONE = 'PHONE',
  ONLINE = 'ONLINE',
  REFERRAL = 'REFERRAL',
}

export enum MatterStatus {
  REPORTED = 'REPORTED',
  ASSESSING = 'ASSESSING',
  MEDIATING = 'MEDIATING',
  RESOLVED = 'RESOLVED',
  ESCALATED = 'ESCALATED',
  WITHDRAWN = 'WITHDRAWN',
  CLOSED = 'CLOSED',
}

export enum RiskLevel {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
  CRITICAL = 'CRITICAL',
}

export enum RiskFlag {
  CRIMINAL_ESCALATION = 'CRIMINAL_ESCALATION',
  GROUP_PETITION = 'GROUP_PETITION',
  VULNERABLE_PARTY = 'VULNERABLE_PARTY',
}

export enum MatterScale {
  ORDINARY = 'ORDINARY',
  MAJOR = 'MAJOR',
}

export enum PartyRole {
  APPLICANT = 'APPLICANT',
  RESPONDENT = 'RESPONDENT',
  THIRD_PARTY = 'THIRD_PARTY',
}

export enum InvitationStatus {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  EXPIRED = 'EXPIRED',
}

export enum SessionOutcome {
  AGREEMENT = 'AGREEMENT',
  PARTIAL_AGREEMENT = 'PARTIAL_AGREEMENT',
  NO_AGREEMENT = 'NO_AGREEMENT',
  ADJOURNED = 'ADJOURNED',
}

export enum EventType {
  MATTER_REPORTED = 'MATTER_REPORTED',
  MATTER_ASSESSED = 'MATTER_ASSESSED',
  MATTER_STATUS_CHANGED = 'MATTER_STATUS_CHANGED',
  JOINT_MEDIATION_REQUESTED = 'JOINT_MEDIATION_REQUESTED',
  INVITATION_ACCEPTED = 'INVITATION_ACCEPTED',
  INVITATION_DECLINED = 'INVITATION_DECLINED',
  INVITATION_EXPIRED = 'INVITATION_EXPIRED',
  SESSION_SCHEDULED = 'SESSION_SCHEDULED',
  SESSION_OUTCOME_RECORDED = 'SESSION_OUTCOME_RECORDED',
  FOLLOW_UP_RECORDED = 'FOLLOW_UP_RECORDED',
  AGREEMENT_TERM_PERFORMED = 'AGREEMENT_TERM_PERFORMED',
  AGREEMENT_CONFIRMED = 'AGREEMENT_CONFIRMED',
  SESSION_ATTENDANCE_RECORDED = 'SESSION_ATTENDANCE_RECORDED',
  ELEVATOR_CONSENT_RECORDED = 'ELEVATOR_CONSENT_RECORDED',
  COMMUNITY_ACTIVITY_PLANNED = 'COMMUNITY_ACTIVITY_PLANNED',
  COMMUNITY_ACTIVITY_RECORDED = 'COMMUNITY_ACTIVITY_RECORDED',
  DELIBERATION_DECISION_LINKED = 'DELIBERATION_DECISION_LINKED',
  // Added later, in the order their migrations append them to event_type_check.
  COMMUNITY_ACTIVITY_UPDATED = 'COMMUNITY_ACTIVITY_UPDATED',
  INVITATION_ASSIGNED = 'INVITATION_ASSIGNED',
  OPINION_ADDED = 'OPINION_ADDED',
  // Administrative changes (系统管理): audience admins and auditors only (see ADMIN_EVENT_TYPES).
  USER_CREATED = 'USER_CREATED',
  USER_DEACTIVATED = 'USER_DEACTIVATED',
  USER_REACTIVATED = 'USER_REACTIVATED',
  USER_PASSWORD_RESET = 'USER_PASSWORD_RESET',
  USER_TWO_FACTOR_RESET = 'USER_TWO_FACTOR_RESET',
  COMMUNITY_CREATED = 'COMMUNITY_CREATED',
  COMMUNITY_UPDATED = 'COMMUNITY_UPDATED',
  ORGANIZATION_CREATED = 'ORGANIZATION_CREATED',
  ORGANIZATION_UPDATED = 'ORGANIZATION_UPDATED',
  ROUTING_RULE_CREATED = 'ROUTING_RULE_CREATED',
  ROUTING_RULE_UPDATED = 'ROUTING_RULE_UPDATED',
  ROUTING_RULE_DELETED = 'ROUTING_RULE_DELETED',
  SESSION_OUTCOME_CORRECTED = 'SESSION_OUTCOME_CORRECTED',
  AGREEMENT_TERM_WAIVED = 'AGREEMENT_TERM_WAIVED',
  ELEVATOR_REGISTER_UPDATED = 'ELEVATOR_REGISTER_UPDATED',
  // Its migration (Migration20261201170000_attachments) runs after the ones above.
  ATTACHMENT_ADDED = 'ATTACHMENT_ADDED',
  /** Retention dropped a partition of events (Migration20261201220000_event_partitions); written by the database itself. */
  EVENTS_EXPIRED = 'EVENTS_EXPIRED',
}

/**
 * Administrative changes: written with no community and no agency audience, so only platform
 * admins (who see every event) and auditors (through `auditTrail`) ever see them.
 */
export const ADMIN_EVENT_TYPES: readonly EventType[] = [
  EventType.EVENTS_EXPIRED,
  EventType.USER_CREATED,
  EventType.USER_DEACTIVATED,
  EventType.USER_REACTIVATED,
  EventType.USER_PASSWORD_RESET,
  EventType.USER_TWO_FACTOR_RESET,
  EventType.COMMUNITY_CREATED,
  EventType.COMMUNITY_UPDATED,
  EventType.ORGANIZATION_CREATED,
  EventType.ORGANIZATION_UPDATED,
  EventType.ROUTING_RULE_CREATED,
  EventType.ROUTING_RULE_UPDATED,
  EventType.ROUTING_RULE_DELETED,
];

/** 个人信息访问途径: how an unmasked phone / ID number reached a person. */
export enum PiiAccessVia {
  QUERY = 'QUERY',
  PUSH = 'PUSH',
  EXPORT = 'EXPORT',
  PRINT = 'PRINT',
  /** A signed-link download of an evidence file marked as holding personal data. */
  DOWNLOAD = 'DOWNLOAD',
}

registerEnumType(OrganizationKind, { name: 'OrganizationKind', description: '组织类型：社区、法院、检察院、派出所、律师事务所、司法所' });
registerEnumType(UserRole, { name: 'UserRole' });
registerEnumType(MatterKind, { name: 'MatterKind', description: '诉求 | 矛盾纠纷 | 咨询' });
registerEnumType(MatterCategory, { name: 'MatterCategory' });
registerEnumType(IntakeChannel, { name: 'IntakeChannel' });
registerEnumType(MatterStatus, { name: 'MatterStatus' });
registerEnumType(RiskLevel, { name: 'RiskLevel' });
registerEnumType(RiskFlag, { name: 'RiskFlag', description: '民转刑 | 群体上访 | 弱势当事人' });
registerEnumType(MatterScale, { name: 'MatterScale' });
registerEnumType(PartyRole, { name: 'PartyRole' });
registerEnumType(InvitationStatus, { name: 'InvitationStatus' });
registerEnumType(SessionOutcome, { name: 'SessionOutcome' });
registerEnumType(EventType, { name: 'EventType' });
registerEnumType(PiiAccessVia, { name: 'PiiAccessVia', description: '查询 | 推送 | 导出 | 打印' });
