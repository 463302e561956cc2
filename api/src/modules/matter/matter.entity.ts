import { randomUUID } from 'node:crypto';
import { ArrayType, Collection, Entity, Enum, Index, ManyToOne, OneToMany, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { IntakeChannel, PiiAccessVia, MatterCategory, MatterKind, MatterScale, MatterStatus, PartyRole, RiskFlag, RiskLevel } from '../common/enums';
import { DateTimeScalar, DecimalScalar } from '../common/scalars';
import { User } from '../auth/user.entity';
import { Community, Grid } from '../community/community.entity';
import { piiKeyring, SEALED_PREFIX, type PartyPiiField, type PiiKeyring } from '../pii/pii.crypto';
// Type-only: these modules import Matter; the decorators below name them by string so the
// runtime import graph stays acyclic.
import type { FollowUp } from '../followup/followup.entity';
import type { JointMediationRequest } from '../mediation/mediation.entity';
import type { JointSession } from '../session/session.entity';

/** 事项: a resident's demand, a dispute or a consultation. */
@ObjectType({ description: '事项' })
@Entity({ tableName: 'matter' })
@Index({ name: 'matter_status_index', properties: ['community', 'status'] })
// Keyset pages, newest first: a community's (coordinator) and everyone's (admin).
@Index({ properties: ['community', 'createdAt', 'id'] })
@Index({ properties: ['createdAt', 'id'] })
@Index({ name: 'matter_search_bigrams_index', expression: 'create index "matter_search_bigrams_index" on "matter" using gin ("search_bigrams") with (fastupdate = off)' })
export class Matter {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field({ description: 'Human reference such as CS-2026-0007' })
  @Property({ type: 'text', unique: true })
  reference!: string;

  @ManyToOne(() => Community, { ref: true })
  community!: Ref<Community>;

  @ManyToOne(() => Grid, { ref: true, nullable: true })
  grid?: Ref<Grid> | null;

  @Field()
  @Property({ type: 'text' })
  title!: string;

  @Field()
  @Property({ type: 'text' })
  description!: string;

  @Field(() => MatterKind)
  @Enum({ items: () => MatterKind })
  kind!: MatterKind;

  @Field(() => MatterCategory)
  @Enum({ items: () => MatterCategory })
  category!: MatterCategory;

  @Field(() => IntakeChannel)
  @Enum({ items: () => IntakeChannel })
  channel!: IntakeChannel;

  @Field(() => MatterStatus)
  @Enum({ items: () => MatterStatus })
  status: MatterStatus = MatterStatus.REPORTED;

  @Field(() => RiskLevel, { nullable: true })
  @Enum({ items: () => RiskLevel, nullable: true })
  riskLevel?: RiskLevel | null;

  @Field(() => [RiskFlag])
  @Property({ type: ArrayType })
  riskFlags: RiskFlag[] = [];

  @Field(() => MatterScale)
  @Enum({ items: () => MatterScale })
  scale: MatterScale = MatterScale.ORDINARY;

  @Field(() => String, { nullable: true, description: '小区/楼栋, e.g. 昌盛小区 2号楼' })
  @Property({ type: 'text', nullable: true })
  location?: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Amount in dispute, yuan' })
  @Property({ type: 'decimal', precision: 14, scale: 2, nullable: true })
  amountInDispute?: string | null;

  @Field(() => Int, { nullable: true })
  @Property({ type: 'int', nullable: true })
  householdsAffected?: number | null;

  @ManyToOne(() => User, { ref: true, nullable: true })
  reporter?: Ref<User> | null;

  @OneToMany(() => Party, (p) => p.matter, { orderBy: { position: 'asc' } })
  parties = new Collection<Party>(this);

  @OneToMany(() => Assessment, (a) => a.matter, { orderBy: { assessedAt: 'asc' } })
  assessments = new Collection<Assessment>(this);

  @OneToMany({ entity: 'JointMediationRequest', mappedBy: 'matter', orderBy: { createdAt: 'asc' } as never })
  jointRequests = new Collection<JointMediationRequest>(this);

  @OneToMany({ entity: 'JointSession', mappedBy: 'matter', orderBy: { startsAt: 'asc' } as never })
  sessions = new Collection<JointSession>(this);

  @OneToMany({ entity: 'FollowUp', mappedBy: 'matter', orderBy: { createdAt: 'asc' } as never })
  followUps = new Collection<FollowUp>(this);

  @Field(() => DateTimeScalar)
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Field(() => DateTimeScalar)
  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Field(() => DateTimeScalar, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  resolvedAt?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  closedAt?: Date | null;

  /**
   * The character pairs of reference, title, description and location, kept by a trigger
   * (migration Migration20261201160000_read_paths) for the search index; never loaded or written
   * by the app.
   */
  @Property({ type: ArrayType, nullable: true, lazy: true, hidden: true })
  searchBigrams?: string[] | null;
}

/**
 * 当事人. phone and idNumber are sensitive: masked by the Party resolver unless the viewer needs
 * them, and stored sealed (envelope encryption, modules/pii/pii.crypto.ts) with a keyed hash
 * beside each for exact search. Write them with `sealPartyPii`, read them as `phone`/`idNumber`.
 */
@ObjectType({ description: '当事人' })
@Entity({ tableName: 'party' })
@Index({ name: 'party_matter_id_index', properties: ['matter'] })
export class Party {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Matter, { ref: true, deleteRule: 'cascade' })
  matter!: Ref<Matter>;

  @Property({ type: 'int' })
  position: number = 0;

  @Field()
  @Property({ type: 'text' })
  name!: string;

  @Field(() => PartyRole)
  @Enum({ items: () => PartyRole })
  role!: PartyRole;

  /** Sealed phone (`sst1.…`); a row written before encryption holds plaintext until boot seals it. */
  @Property({ type: 'text', nullable: true, fieldName: 'phone' })
  phoneSealed?: string | null;

  /** Keyed hash (HMAC) of the normalized phone: exact search without decrypting. */
  @Index({ name: 'party_phone_index_index' })
  @Property({ type: 'text', nullable: true })
  phoneIndex?: string | null;

  @Property({ type: 'text', nullable: true, fieldName: 'id_number' })
  idNumberSealed?: string | null;

  @Index({ name: 'party_id_number_index_index' })
  @Property({ type: 'text', nullable: true })
  idNumberIndex?: string | null;

  /** `<cipher>:<key id>` the row's values are sealed with; null for rows not sealed yet. */
  @Property({ type: 'text', nullable: true })
  sealedWith?: string | null;

  get phone(): string | null {
    return openPii(this, 'party.phone', this.phoneSealed);
  }

  get idNumber(): string | null {
    return openPii(this, 'party.idNumber', this.idNumberSealed);
  }
}

const opened = new WeakMap<Party, Map<string, string>>();

function openPii(party: Party, field: PartyPiiField, sealed: string | null | undefined): string | null {
  if (!sealed) return null;
  if (!sealed.startsWith(SEALED_PREFIX)) return sealed; // written before encryption; sealed at boot
  let cache = opened.get(party);
  if (!cache) opened.set(party, (cache = new Map()));
  let plain = cache.get(sealed);
  if (plain === undefined) {
    plain = piiKeyring().open(field, sealed);
    cache.set(sealed, plain);
  }
  return plain;
}

export type SealedPartyPii = Pick<Party, 'phoneSealed' | 'phoneIndex' | 'idNumberSealed' | 'idNumberIndex' | 'sealedWith'>;

/** The columns that store a party's phone and ID number, sealed with the active key. */
export function sealPartyPii(values: { phone?: string | null; idNumber?: string | null }, keyring: PiiKeyring = piiKeyring()): SealedPartyPii {
  const phone = values.phone || null;
  const idNumber = values.idNumber || null;
  return {
    phoneSealed: phone ? keyring.seal('party.phone', phone) : null,
    phoneIndex: phone ? keyring.indexOf('party.phone', phone) : null,
    idNumberSealed: idNumber ? keyring.seal('party.idNumber', idNumber) : null,
    idNumberIndex: idNumber ? keyring.indexOf('party.idNumber', idNumber) : null,
    sealedWith: phone || idNumber ? keyring.sealedWith : null,
  };
}

/** 研判. A matter may be re-assessed; the latest one counts. */
@ObjectType({ description: '研判' })
@Entity({ tableName: 'assessment' })
@Index({ name: 'assessment_matter_id_index', properties: ['matter', 'assessedAt'] })
export class Assessment {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Matter, { ref: true, deleteRule: 'cascade' })
  matter!: Ref<Matter>;

  @Field(() => RiskLevel)
  @Enum({ items: () => RiskLevel })
  riskLevel!: RiskLevel;

  @Field(() => [RiskFlag])
  @Property({ type: ArrayType })
  riskFlags: RiskFlag[] = [];

  @Field(() => MatterScale)
  @Enum({ items: () => MatterScale })
  scale!: MatterScale;

  @Field()
  @Property({ type: 'text' })
  summary!: string;

  @Property({ type: ArrayType })
  suggestedOrganizationIds: string[] = [];

  @ManyToOne(() => User, { ref: true, nullable: true })
  assessedBy?: Ref<User> | null;

  @Field(() => DateTimeScalar)
  @Property({ type: 'timestamptz' })
  assessedAt: Date = new Date();
}

/**
 * Audit of every unmasked read of a party's phone or ID number. Append-only in the database: a
 * trigger refuses UPDATE and DELETE, except the retention purge of rows older than 180 days
 * (see Migration20261201131000_pii_access_log_audit).
 */
@Entity({ tableName: 'pii_access_log' })
@Index({ name: 'pii_access_log_at_index', properties: ['at'] })
@Index({ name: 'pii_access_log_user_id_at_index', properties: ['userId', 'at'] })
@Index({ name: 'pii_access_log_matter_id_at_index', properties: ['matterId', 'at'] })
@Index({ name: 'pii_access_log_party_id_id_index', properties: ['partyId', 'id'] })
export class PiiAccessLog {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'uuid' })
  userId!: string;

  /** The reader's organization at the time of the read. */
  @Property({ type: 'uuid', nullable: true })
  organizationId?: string | null;

  /** How it was read: on screen, pushed live, exported, printed. */
  @Enum({ items: () => PiiAccessVia, default: PiiAccessVia.QUERY })
  via: PiiAccessVia = PiiAccessVia.QUERY;

  /** The client's address, when the read came over HTTP. */
  @Property({ type: 'text', nullable: true })
  ip?: string | null;

  @Property({ type: 'uuid' })
  matterId!: string;

  /** The party whose phone or ID number was read; null for an evidence file. */
  @Property({ type: 'uuid', nullable: true })
  partyId?: string | null;

  /** The evidence file holding personal data that was downloaded. */
  @Property({ type: 'uuid', nullable: true })
  attachmentId?: string | null;

  @Property({ type: 'text' })
  field!: string;

  @Property({ type: 'timestamptz' })
  at: Date = new Date();
}

/** Per-community, per-year sequence behind references like CS-2026-0007. */
@Entity({ tableName: 'reference_counter' })
export class ReferenceCounter {
  @PrimaryKey({ type: 'uuid' })
  communityId!: string;

  @PrimaryKey({ type: 'int' })
  year!: number;

  @Property({ type: 'int' })
  value!: number;
}

/** 分流规则: category and/or risk flag → the kinds of agency to involve. */
@Entity({ tableName: 'routing_rule' })
export class RoutingRule {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** null: applies to every community. */
  @Property({ type: 'uuid', nullable: true })
  communityId?: string | null;

  @Enum({ items: () => MatterCategory, nullable: true })
  category?: MatterCategory | null;

  @Enum({ items: () => RiskFlag, nullable: true })
  riskFlag?: RiskFlag | null;

  @Enum({ items: () => MatterScale, nullable: true })
  scale?: MatterScale | null;

  @Property({ type: ArrayType })
  organizationKinds: string[] = [];

  @Property({ type: 'text', nullable: true })
  note?: string | null;
}
