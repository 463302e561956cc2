import { requestLoader } from '../../context';
import { loadOrganizations } from '../community/organization.loader';
import { matterAccess } from '../../policy';
import type { Matter } from '../matter/matter.entity';
import { findConflictsOfSessions } from './session.conflicts';
import type { JointSession } from './session.entity';
import type { SessionConflict } from './session.resolver';

/**
 * `JointSession.conflicts` for every session of a request at once: one statement for the clashes
 * of all of them, one for their organizations and (agencies) one for the viewer's access to the
 * other matters, however many sessions the list holds.
 *
 * A clash with a session of a matter the viewer may not see shows only the organization and the
 * time: no session id, matter reference or venue.
 */
export const sessionConflictsLoader = requestLoader<JointSession, SessionConflict[]>(async (ctx, em, sessions) => {
  const perSession = await findConflictsOfSessions(em, sessions);
  const rows = perSession.flat();
  if (rows.length === 0) return perSession.map(() => []);
  const [orgs, visible] = await Promise.all([
    loadOrganizations(ctx, [...new Set(rows.map((r) => r.organizationId))]).then((list) => new Map(list.map((o) => [o.id, o]))),
    Promise.all(
      [...new Map(rows.map((r) => [r.matterId, r.communityId])).entries()].map(async ([id, communityId]) => {
        const other = { id, community: { id: communityId } } as Pick<Matter, 'id' | 'community'>;
        return [id, (await matterAccess(ctx, other)).visible] as const;
      }),
    ).then((entries) => new Map(entries)),
  ]);
  return perSession.map((list) =>
    list.map((r) => {
      const shown = visible.get(r.matterId) === true;
      return {
        organization: orgs.get(r.organizationId)!,
        startsAt: r.startsAt,
        sessionId: shown ? r.sessionId : null,
        matterReference: shown ? r.reference : null,
        venue: shown ? r.venue : null,
      };
    }),
  );
});
