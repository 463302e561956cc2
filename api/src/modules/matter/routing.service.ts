import type { EntityManager } from '@mikro-orm/postgresql';
import { Organization } from '../community/community.entity';
import { AGENCY_KINDS, MatterCategory, MatterScale, OrganizationKind, RiskFlag } from '../common/enums';
import { RoutingRule } from './matter.entity';

export interface RoutingInput {
  communityId: string;
  category: MatterCategory;
  riskFlags: RiskFlag[];
  scale: MatterScale;
}

/** Kinds of agency the routing rules suggest for a matter (分流建议). */
export async function suggestedKinds(em: EntityManager, input: RoutingInput): Promise<OrganizationKind[]> {
  const rules = await em.find(RoutingRule, {
    $or: [{ communityId: null }, { communityId: input.communityId }],
  });
  const kinds = new Set<OrganizationKind>();
  for (const rule of rules) {
    if (!rule.category && !rule.riskFlag && !rule.scale) continue;
    if (rule.category && rule.category !== input.category) continue;
    if (rule.riskFlag && !input.riskFlags.includes(rule.riskFlag)) continue;
    if (rule.scale && rule.scale !== input.scale) continue;
    for (const k of rule.organizationKinds) kinds.add(k as OrganizationKind);
  }
  return AGENCY_KINDS.filter((k) => kinds.has(k));
}

/** Agencies of the suggested kinds that serve the matter's community. */
export async function suggestOrganizations(em: EntityManager, input: RoutingInput): Promise<Organization[]> {
  const kinds = await suggestedKinds(em, input);
  if (kinds.length === 0) return [];
  return em.find(
    Organization,
    { kind: { $in: kinds }, servedCommunities: { id: input.communityId } },
    { orderBy: { kind: 'asc', name: 'asc' } },
  );
}

/** The rules every new deployment starts with; admins may add more per community. */
export const DEFAULT_ROUTING_RULES: Array<Pick<RoutingRule, 'category' | 'riskFlag' | 'scale' | 'organizationKinds' | 'note'>> = [
  { category: MatterCategory.ELEVATOR_INSTALLATION, riskFlag: null, scale: null, organizationKinds: ['JUDICIAL_OFFICE', 'LAW_FIRM'], note: '加装电梯：司法所 + 律师' },
  { category: MatterCategory.HOUSING_RENOVATION, riskFlag: null, scale: null, organizationKinds: ['JUDICIAL_OFFICE', 'LAW_FIRM'], note: '旧房改造：司法所 + 律师' },
  { category: MatterCategory.PROPERTY_RIGHTS, riskFlag: null, scale: null, organizationKinds: ['LAW_FIRM', 'COURT'], note: '产权纠纷：律师 + 法院' },
  { category: MatterCategory.ECONOMIC, riskFlag: null, scale: null, organizationKinds: ['LAW_FIRM', 'COURT'], note: '经济纠纷：律师 + 法院' },
  { category: MatterCategory.FAMILY, riskFlag: null, scale: null, organizationKinds: ['JUDICIAL_OFFICE', 'COURT'], note: '婚姻家庭：司法所 + 法院' },
  { category: MatterCategory.NEIGHBOR, riskFlag: null, scale: null, organizationKinds: ['JUDICIAL_OFFICE'], note: '邻里纠纷：司法所' },
  { category: MatterCategory.LABOR, riskFlag: null, scale: null, organizationKinds: ['LAW_FIRM', 'JUDICIAL_OFFICE'], note: '劳动纠纷：律师 + 司法所' },
  { category: MatterCategory.PROPERTY_MANAGEMENT, riskFlag: null, scale: null, organizationKinds: ['JUDICIAL_OFFICE', 'LAW_FIRM'], note: '物业纠纷：司法所 + 律师' },
  { category: null, riskFlag: RiskFlag.CRIMINAL_ESCALATION, scale: null, organizationKinds: ['POLICE', 'PROCURATORATE'], note: '民转刑风险：派出所 + 检察院' },
  { category: null, riskFlag: RiskFlag.GROUP_PETITION, scale: null, organizationKinds: ['POLICE', 'JUDICIAL_OFFICE'], note: '群体上访风险：派出所 + 司法所' },
  { category: null, riskFlag: RiskFlag.VULNERABLE_PARTY, scale: null, organizationKinds: ['LAW_FIRM', 'PROCURATORATE'], note: '弱势当事人：法律援助 + 检察院' },
  { category: null, riskFlag: null, scale: MatterScale.MAJOR, organizationKinds: ['JUDICIAL_OFFICE', 'COURT'], note: '重大纠纷：司法所 + 法院' },
];
