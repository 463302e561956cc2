import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261127083051_initial } from './Migration20261127083051_initial';
import { Migration20261127094500_default_routing_rules } from './Migration20261127094500_default_routing_rules';
import { Migration20261127100000_deadlines } from './Migration20261127100000_deadlines';
import { Migration20261127110000_session_attendance_confirmation } from './Migration20261127110000_session_attendance_confirmation';
import { Migration20261127120000_elevator_consent } from './Migration20261127120000_elevator_consent';
import { Migration20261127130000_community_activities } from './Migration20261127130000_community_activities';
import { Migration20261127140000_public_report } from './Migration20261127140000_public_report';
import { Migration20261127150000_organization_uniqueness } from './Migration20261127150000_organization_uniqueness';
import { Migration20261127160000_term_superseded } from './Migration20261127160000_term_superseded';
import { Migration20261127200000_opinions } from './Migration20261127200000_opinions';
import { Migration20261127210000_activity_updated_event } from './Migration20261127210000_activity_updated_event';
import { Migration20261127220000_agency_work_events } from './Migration20261127220000_agency_work_events';
import { Migration20261201160000_read_paths } from './Migration20261201160000_read_paths';
import { Migration20261201170000_attachments } from './Migration20261201170000_attachments';

/** Every migration, in order. A new migration is added here as well as in this folder. */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261127083051_initial', class: Migration20261127083051_initial },
  { name: 'Migration20261127094500_default_routing_rules', class: Migration20261127094500_default_routing_rules },
  { name: 'Migration20261127100000_deadlines', class: Migration20261127100000_deadlines },
  { name: 'Migration20261127110000_session_attendance_confirmation', class: Migration20261127110000_session_attendance_confirmation },
  { name: 'Migration20261127120000_elevator_consent', class: Migration20261127120000_elevator_consent },
  { name: 'Migration20261127130000_community_activities', class: Migration20261127130000_community_activities },
  { name: 'Migration20261127140000_public_report', class: Migration20261127140000_public_report },
  { name: 'Migration20261127150000_organization_uniqueness', class: Migration20261127150000_organization_uniqueness },
  { name: 'Migration20261127160000_term_superseded', class: Migration20261127160000_term_superseded },
  { name: 'Migration20261127200000_opinions', class: Migration20261127200000_opinions },
  { name: 'Migration20261127210000_activity_updated_event', class: Migration20261127210000_activity_updated_event },
  { name: 'Migration20261127220000_agency_work_events', class: Migration20261127220000_agency_work_events },
  { name: 'Migration20261201160000_read_paths', class: Migration20261201160000_read_paths },
  { name: 'Migration20261201170000_attachments', class: Migration20261201170000_attachments },
];
