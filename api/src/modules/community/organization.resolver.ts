import { Arg, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { OrganizationKind } from '../common/enums';
import { Community, Grid, Organization } from './community.entity';

@Resolver(() => Organization)
export class OrganizationResolver {
  @Authorized()
  @Query(() => [Organization])
  async organizations(
    @Arg('kind', () => OrganizationKind, { nullable: true }) kind: OrganizationKind | null,
    @Ctx() ctx: Context,
  ): Promise<Organization[]> {
    return ctx.em.find(Organization, kind ? { kind } : {}, { orderBy: { kind: 'asc', name: 'asc' } });
  }

  @Authorized()
  @Query(() => [Community])
  async communities(@Ctx() ctx: Context): Promise<Community[]> {
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
