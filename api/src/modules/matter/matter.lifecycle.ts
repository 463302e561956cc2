import { conflict } from '../../errors';
import { MatterStatus as S } from '../common/enums';

/**
 * REPORTED → ASSESSING → MEDIATING → RESOLVED | ESCALATED (转诉讼/移交) | WITHDRAWN → CLOSED.
 * A matter closes only after follow-up; a failed follow-up sends a resolved matter back to
 * MEDIATING. Anything else is a CONFLICT.
 */
const ALLOWED: Record<S, readonly S[]> = {
  [S.REPORTED]: [S.ASSESSING, S.WITHDRAWN],
  [S.ASSESSING]: [S.MEDIATING, S.RESOLVED, S.ESCALATED, S.WITHDRAWN],
  [S.MEDIATING]: [S.RESOLVED, S.ESCALATED, S.WITHDRAWN],
  [S.RESOLVED]: [S.CLOSED, S.MEDIATING],
  [S.ESCALATED]: [S.CLOSED],
  [S.WITHDRAWN]: [S.CLOSED],
  [S.CLOSED]: [],
};

export function canTransition(from: S, to: S): boolean {
  return ALLOWED[from].includes(to);
}

export function assertTransition(from: S, to: S): void {
  if (!canTransition(from, to)) {
    throw conflict(`A matter cannot go from ${from} to ${to}`, { from, to });
  }
}

/** Statuses in which the matter is still being worked on. */
export const OPEN_STATUSES: readonly S[] = [S.REPORTED, S.ASSESSING, S.MEDIATING];
