import { describe, expect, it } from 'vitest';
import { EventType, InvitationStatus, OrganizationKind, UserRole } from '../modules/common/enums';
import { audienceKeyOf, AUDIENCE_FACTS, PERSONAL_FACTS, POLICIES, VISIBILITY, reachOf, type Actor } from './rules';

// A pushed event is resolved once per audience (http/subscription-fanout.ts). That is only as
// strong as this: every rule decides on AUDIENCE_FACTS alone. Here every rule of every policy
// runs, for actors of every role, over subjects of every kind, with the personal facts made
// unreadable — a rule that reads who the person is fails here.

const ORG_A = 'org-a';
const ORG_B = 'org-b';
const COMMUNITY = 'c-1';

function actorsOf(): Actor[] {
  const out: Actor[] = [];
  for (const role of Object.values(UserRole)) {
    for (const kind of [OrganizationKind.COMMUNITY, OrganizationKind.COURT, OrganizationKind.JUDICIAL_OFFICE]) {
      for (const organizationId of [ORG_A, ORG_B]) {
        for (const communityId of kind === OrganizationKind.COMMUNITY ? [COMMUNITY, 'c-2'] : [null]) {
          const a = { role, organizationKind: kind, organizationId, communityId } as Record<string, unknown>;
          for (const f of PERSONAL_FACTS) {
            Object.defineProperty(a, f, {
              enumerable: false,
              get() {
                throw new Error(`a rule read the personal fact ${f}`);
              },
            });
          }
          out.push(a as unknown as Actor);
        }
      }
    }
  }
  return out;
}

const invitations = [new Set<string>(), new Set([InvitationStatus.PENDING]), new Set([InvitationStatus.ACCEPTED]), new Set([InvitationStatus.DECLINED])];
const subjects: Record<keyof typeof POLICIES, unknown[]> = {
  platform: [{}],
  community: [{ communityId: COMMUNITY }, { communityId: 'c-2' }, { communityId: null }],
  matter: invitations.map((inv) => ({ id: 'm', communityId: COMMUNITY, invitations: inv })),
  session: invitations.map((inv) => ({ id: 'm', communityId: COMMUNITY, invitations: inv, organizationIds: [ORG_A], attendedOrganizationIds: [] })),
  invitation: [{ organizationId: ORG_A }, { organizationId: ORG_B }],
  event: [
    { communityId: COMMUNITY, audienceOrgIds: [ORG_A], notifyOrgIds: [ORG_A], eventType: EventType.JOINT_MEDIATION_REQUESTED },
    { communityId: 'c-2', audienceOrgIds: [ORG_B], notifyOrgIds: [], eventType: EventType.MATTER_ASSESSED },
    { communityId: null, audienceOrgIds: [], notifyOrgIds: [] },
  ],
  activity: [{ communityId: COMMUNITY, hostOrganizationId: ORG_A, partnerOrganizationIds: [ORG_B] }],
};

describe('audiences of pushed events', () => {
  it('every rule decides on the audience facts alone, never on who the person is', () => {
    let decisions = 0;
    for (const actor of actorsOf()) {
      reachOf(actor);
      for (const [type, policy] of Object.entries(POLICIES)) {
        for (const subject of subjects[type as keyof typeof POLICIES]) {
          for (const rule of Object.values(policy) as ((a: Actor, s: unknown) => boolean)[]) {
            rule(actor, subject);
            decisions++;
          }
        }
      }
      for (const v of Object.values(VISIBILITY)) {
        v.matterSql(actor);
        v.eventSql(actor);
      }
    }
    expect(decisions).toBeGreaterThan(1000);
  });

  it('keys an audience by exactly the audience facts', () => {
    const base = { userId: 'u1', sessionId: 's1', username: 'a', role: UserRole.AGENCY_LEAD, organizationId: ORG_A, organizationKind: OrganizationKind.COURT, communityId: null };
    expect(audienceKeyOf({ ...base, userId: 'u2', sessionId: 's2', username: 'b' })).toBe(audienceKeyOf(base));
    for (const [f, other] of [
      ['role', UserRole.AGENCY_STAFF],
      ['organizationId', ORG_B],
      ['organizationKind', OrganizationKind.JUDICIAL_OFFICE],
      ['communityId', COMMUNITY],
      ['mfaEnrolmentRequired', true],
    ] as const) {
      expect(AUDIENCE_FACTS).toContain(f);
      expect(audienceKeyOf({ ...base, [f]: other })).not.toBe(audienceKeyOf(base));
    }
  });
});
