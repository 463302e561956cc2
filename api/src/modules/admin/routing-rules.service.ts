import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context, Viewer } from '../../context';
import { badInput, notFound } from '../../errors';
import { authorize, can, community, PLATFORM, requireActor } from '../../policy';
import { Community } from '../community/community.entity';
import { AGENCY_KINDS, EventType, OrganizationKind } from '../common/enums';
import { mutate } from '../../events/event.service';
import { changesBetween, recordAdminChange } from '../audit/admin-change';
import { RoutingRule } from '../matter/matter.entity';
import { MAX_ROUTING_NOTE_LENGTH, type RoutingRuleType, type SaveRoutingRuleInput } from './dto/routing-rules.dto';

/** The GraphQL shape of a rule. */
export function toRoutingRuleType(rule: RoutingRule): RoutingRuleType {
  return {
    id: rule.id,
    communityId: rule.communityId ?? null,
    category: rule.category ?? null,
    riskFlag: rule.riskFlag ?? null,
    scale: rule.scale ?? null,
    organizationKinds: AGENCY_KINDS.filter((k) => rule.organizationKinds.includes(k)),
    note: rule.note ?? null,
  };
}

/** Checks and normalizes a rule; throws BAD_USER_INPUT before anything is written. */
export async function checkRoutingRule(em: EntityManager, input: SaveRoutingRuleInput): Promise<Omit<RoutingRule, 'id'>> {
  if (!input.category && !input.riskFlag && !input.scale) {
    throw badInput('A rule needs at least one condition: category, risk flag or scale', 'category');
  }
  const kinds = [...new Set(input.organizationKinds ?? [])];
  if (!kinds.length) throw badInput('Choose at least one kind of agency', 'organizationKinds');
  if (kinds.some((k) => !AGENCY_KINDS.includes(k))) {
    throw badInput(`Only agency kinds can be suggested (not ${OrganizationKind.COMMUNITY})`, 'organizationKinds');
  }
  const note = input.note?.trim() || null;
  if (note && note.length > MAX_ROUTING_NOTE_LENGTH) throw badInput(`note must be at most ${MAX_ROUTING_NOTE_LENGTH} characters`, 'note');
  const communityId = input.communityId || null;
  if (communityId && !(await em.count(Community, { id: communityId }))) throw badInput('Unknown community', 'communityId');
  return {
    communityId,
    category: input.category ?? null,
    riskFlag: input.riskFlag ?? null,
    scale: input.scale ?? null,
    organizationKinds: AGENCY_KINDS.filter((k) => kinds.includes(k)),
    note,
  };
}

const ruleSnapshot = (rule: RoutingRule): Omit<RoutingRuleType, 'id'> => {
  const { id: _id, ...rest } = toRoutingRuleType(rule);
  return rest;
};

/**
 * 分流规则 administration. ADMIN manages every rule; a COORDINATOR may read the rules that apply
 * to their own community (its own and the global ones). Changes are on the record (admin events).
 */
export class RoutingRulesService {
  constructor(private readonly ctx: Context) {}

  private requireAdmin(): Viewer {
    return authorize(this.ctx.viewer, 'manageRoutingRules', PLATFORM, { message: 'Only administrators can manage routing rules' });
  }

  async list(communityId?: string | null): Promise<RoutingRule[]> {
    const viewer = requireActor(this.ctx);
    // A coordinator reads their own community's (the default); an admin any, or all.
    const scope = communityId ?? (can(viewer, 'manageRoutingRules', PLATFORM) ? null : viewer.communityId);
    authorize(viewer, 'readRoutingRules', community(scope), { message: 'Only administrators, and coordinators for their own community, read routing rules' });
    const where = scope ? { $or: [{ communityId: null }, { communityId: scope }] } : {};
    const rules = await this.ctx.em.find(RoutingRule, where);
    // Global rules first, then by condition, so that the list reads the same every time.
    const key = (r: RoutingRule) => [r.communityId ? '1' : '0', r.communityId ?? '', r.category ?? '~', r.riskFlag ?? '~', r.scale ?? '~', r.id].join('|');
    return rules.sort((a, b) => key(a).localeCompare(key(b)));
  }

  async save(input: SaveRoutingRuleInput): Promise<RoutingRule> {
    const viewer = this.requireAdmin();
    return mutate(this.ctx, async (em, events) => {
      let rule: RoutingRule | null = null;
      if (input.id) {
        rule = await em.findOne(RoutingRule, { id: input.id });
        if (!rule) throw notFound('Routing rule', input.id);
      }
      const before = rule ? ruleSnapshot(rule) : null;
      const values = await checkRoutingRule(em, input);
      if (rule) em.assign(rule, values);
      else rule = em.create(RoutingRule, values);
      await em.flush();
      if (!before) {
        await recordAdminChange(events, EventType.ROUTING_RULE_CREATED, viewer.userId, { ruleId: rule.id, rule: ruleSnapshot(rule) });
      } else {
        const changes = changesBetween(before, ruleSnapshot(rule));
        if (Object.keys(changes).length) await recordAdminChange(events, EventType.ROUTING_RULE_UPDATED, viewer.userId, { ruleId: rule.id, changes });
      }
      return rule;
    });
  }

  /** Returns the id of the deleted rule. */
  async delete(id: string): Promise<string> {
    const viewer = this.requireAdmin();
    return mutate(this.ctx, async (em, events) => {
      const rule = await em.findOne(RoutingRule, { id });
      if (!rule) throw notFound('Routing rule', id);
      await recordAdminChange(events, EventType.ROUTING_RULE_DELETED, viewer.userId, { ruleId: rule.id, rule: ruleSnapshot(rule) });
      em.remove(rule);
      await em.flush();
      return id;
    });
  }
}
