import { Migration } from '@mikro-orm/migrations';

const ROLES = ['ADMIN', 'COORDINATOR', 'GRID_WORKER', 'MEDIATOR', 'AGENCY_LEAD', 'AGENCY_STAFF'];
const check = (roles: string[]) =>
  `alter table "app_user" drop constraint if exists "app_user_role_check"; ` +
  `alter table "app_user" add constraint "app_user_role_check" check ("role" in (${roles.map((r) => `'${r}'`).join(', ')}));`;

/**
 * AUDITOR (reads the personal-data access log and the audit trail; no matters, events or parties:
 * see api/src/policy). Idempotent — drop if exists, then add — because the data-protection work
 * adds the same role; whichever migration runs second rewrites the same constraint.
 */
export class Migration20261201100000_auditor_role extends Migration {
  override async up(): Promise<void> {
    this.addSql(check([...ROLES, 'AUDITOR']));
  }

  override async down(): Promise<void> {
    this.addSql(check(ROLES));
  }
}
