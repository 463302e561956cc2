import type { UserRole } from '../../gql/graphql';
import type { Viewer } from '../../session/viewer';

// Who may do what in a matter's later life — the same role lists the api checks
// (session.service SESSION_ROLES / TERM_ROLES, followup FOLLOW_UP_ROLES, elevator CONSENT_ROLES,
// community-activity ACTIVITY_ROLES); the api checks again, these only decide what to show.

const isCommunityStaff = (viewer: Viewer) => viewer.organization.kind === 'COMMUNITY';
const has = (viewer: Viewer, roles: UserRole[]) => isCommunityStaff(viewer) && roles.includes(viewer.role);

export const canRunSessions = (viewer: Viewer) => has(viewer, ['COORDINATOR', 'MEDIATOR', 'ADMIN']);
export const canMarkTerms = (viewer: Viewer) => has(viewer, ['COORDINATOR', 'MEDIATOR', 'GRID_WORKER', 'ADMIN']);
export const canFollowUp = (viewer: Viewer) => has(viewer, ['COORDINATOR', 'MEDIATOR', 'GRID_WORKER', 'ADMIN']);
export const canRecordConsent = (viewer: Viewer) => has(viewer, ['COORDINATOR', 'MEDIATOR', 'GRID_WORKER', 'ADMIN']);
export const canRunActivities = (viewer: Viewer) => has(viewer, ['COORDINATOR', 'MEDIATOR', 'ADMIN']);
/** 司法确认 is the court's. */
export const canConfirm = (viewer: Viewer) => viewer.organization.kind === 'COURT';

/** A calendar date, in the console's one date format (see i18n/index.ts). */
export { formatDate } from '../../i18n';

/** "50000.00" → "50,000.00" (kept as a string: amounts are exact decimals). */
export function formatAmount(value: string | null | undefined): string {
  if (!value) return '—';
  const [whole = '0', fraction = '00'] = value.split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction.padEnd(2, '0')}`;
}
