import type { Context } from '../../context';
import { AGENCY_KINDS } from '../common/enums';
import { Organization } from './community.entity';

/**
 * Organizations by id, batched: references loaded in the same tick share one statement through
 * MikroORM's dataloader, so a list of assessments or sessions costs one query, not one each.
 */
export async function loadOrganizations(ctx: Context, ids: readonly string[]): Promise<Organization[]> {
  if (ids.length === 0) return [];
  const orgs = await Promise.all(ids.map((id) => ctx.em.getReference(Organization, id, { wrapped: true }).load()));
  return orgs
    .filter((o): o is Organization => !!o)
    .sort((a, b) => AGENCY_KINDS.indexOf(a.kind) - AGENCY_KINDS.indexOf(b.kind) || a.name.localeCompare(b.name, 'zh-CN'));
}
