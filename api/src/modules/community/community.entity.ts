import { randomUUID } from 'node:crypto';
import { Collection, Entity, Index, OptionalProps, Unique, Enum, ManyToMany, ManyToOne, OneToMany, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { OrganizationKind } from '../common/enums';

/** 社区 */
@ObjectType()
@Entity({ tableName: 'community' })
export class Community {
  [OptionalProps]?: 'createdAt' | 'timeZone';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Prefix of matter references, e.g. CS for 昌盛社区 → CS-2026-0007. */
  @Field()
  @Property({ type: 'text', unique: true })
  code!: string;

  @Field()
  @Property({ type: 'text' })
  name!: string;

  @Field(() => String, { nullable: true, description: '所属街道/区' })
  @Property({ type: 'text', nullable: true })
  district?: string | null;

  /** IANA time zone: exports and figures by month show the community's local time. */
  @Field({ description: 'IANA time zone of the community, e.g. Asia/Shanghai' })
  @Property({ type: 'text', default: 'Asia/Shanghai' })
  timeZone: string = 'Asia/Shanghai';

  @OneToMany(() => Grid, (g) => g.community)
  grids = new Collection<Grid>(this);

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}

/** 网格 */
@ObjectType()
@Entity({ tableName: 'grid' })
export class Grid {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Community, { ref: true, deleteRule: 'cascade' })
  community!: Ref<Community>;

  @Field()
  @Property({ type: 'text' })
  name!: string;
}

/** 组织：社区 or one of 三官一律一所 */
@ObjectType()
@Entity({ tableName: 'organization' })
@Unique({ name: 'organization_kind_name_unique', properties: ['kind', 'name'] })
@Index({
  name: 'organization_one_community_org_index',
  expression: `create unique index "organization_one_community_org_index" on "organization" ("community_id") where "kind" = 'COMMUNITY'`,
})
export class Organization {
  [OptionalProps]?: 'createdAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field()
  @Property({ type: 'text' })
  name!: string;

  @Field(() => OrganizationKind)
  @Enum({ items: () => OrganizationKind })
  kind!: OrganizationKind;

  /** Set for COMMUNITY organizations: the community it runs. */
  @ManyToOne(() => Community, { ref: true, nullable: true })
  community?: Ref<Community> | null;

  /** Agencies serve many communities; a community organization serves its own. */
  @ManyToMany(() => Community, undefined, { pivotTable: 'organization_served_community', owner: true })
  servedCommunities = new Collection<Community>(this);

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
