import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { unauthenticated } from '../../errors';
import { OrganizationKind } from '../common/enums';
import { Community, Grid, Organization } from './community.entity';

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => [Organization])
  async organizations(
    @Arg('kind', () => OrganizationKind, { nullable: true }) kind: OrganizationKind | null,
    @Ctx() ctx: Context,
  ): Promise<Organization[]> {
    if (!ctx.viewer) throw unauthenticated();
    return ctx.em.find(Organization, kind ? { kind } : {}, { orderBy: { kind: 'asc', name: 'asc' } });
  }

  @Query(() => [Community])
  async communities(@Ctx() ctx: Context): Promise<Community[]> {
    if (!ctx.viewer) throw unauthenticated();
    return ctx.em.find(Community, {}, { orderBy: { name: 'asc' } });
  }

  @FieldResolver(() => Community, { nullable: true })
  async community(@Root() o: Organization): Promise<Community | null> {
    return o.community ? ((await o.community.load()) ?? null) : null;
  }
}

@Resolver(() => Community)
export class CommunityResolver {
  @FieldResolver(() => [Grid])
  async grids(@Root() c: Community): Promise<Grid[]> {
    return (await c.grids.load()).getItems();
  }
}
