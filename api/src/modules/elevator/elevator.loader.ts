import { requestLoader } from '../../context';
import { ElevatorConsent } from './elevator.entity';

/**
 * The households' consent of every elevator matter of a request at once (a page of matters asking
 * for `elevatorConsents` and `elevatorTally`): one statement, by floor and unit.
 */
export const elevatorConsentsLoader = requestLoader<string, ElevatorConsent[]>(async (_ctx, em, matterIds) => {
  const rows = await em.find(ElevatorConsent, { matter: { $in: [...new Set(matterIds)] } }, { orderBy: { floor: 'asc', unit: 'asc' } });
  const byMatter = new Map<string, ElevatorConsent[]>();
  for (const r of rows) byMatter.set(r.matter.id, [...(byMatter.get(r.matter.id) ?? []), r]);
  return matterIds.map((id) => byMatter.get(id) ?? []);
});
