import { Arg, Ctx, Field, FieldResolver, Int, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { MatterCategory } from '../common/enums';
import { DecimalScalar } from '../common/scalars';
import { loadVisibleMatter } from '../../policy';
import { Matter } from '../matter/matter.entity';
import { RecordElevatorConsentInput, SetElevatorRegisterInput } from './dto/elevator.inputs';
import { ElevatorConsent } from './elevator.entity';
import { elevatorConsentsLoader } from './elevator.loader';
import { centiToArea } from './elevator.rules';
import { ElevatorService, tallyOf } from './elevator.service';

@ObjectType({ description: '表决统计 against Civil Code art. 278 (2/3 take part; 3/4 of participants agree — by owners and by area)' })
export class ElevatorTally {
  @Field(() => Int, { description: "Owners of the building: the register's units, or the matter's householdsAffected if more" })
  totalHouseholds!: number;

  @Field(() => Int, { description: 'Units entered in the register (楼栋业主名册), voting or not' })
  registeredHouseholds!: number;

  @Field({ description: 'Every household is in the register with its area; participation cannot be met before' })
  registerComplete!: boolean;

  @Field(() => DecimalScalar)
  totalArea!: string;

  @Field(() => Int)
  participatingOwners!: number;

  @Field(() => DecimalScalar)
  participatingArea!: string;

  @Field(() => Int)
  agreeOwners!: number;

  @Field(() => DecimalScalar)
  agreeArea!: string;

  @Field(() => Int)
  disagreeOwners!: number;

  @Field(() => Int)
  abstainOwners!: number;

  @Field(() => Int)
  notVotedOwners!: number;

  @Field({ description: '≥ 2/3 of owners and ≥ 2/3 of the area took part' })
  participationMet!: boolean;

  @Field({ description: '≥ 3/4 of participating owners and ≥ 3/4 of participating area agree' })
  approvalMet!: boolean;

  @Field()
  approved!: boolean;
}

@Resolver(() => ElevatorConsent)
export class ElevatorConsentResolver {
  @Mutation(() => ElevatorConsent, { description: '登记加装电梯业主意见 (one per unit; recording again corrects it)' })
  async recordElevatorConsent(
    @Arg('input', () => RecordElevatorConsentInput) input: RecordElevatorConsentInput,
    @Ctx() ctx: Context,
  ): Promise<ElevatorConsent> {
    return new ElevatorService(ctx).record(input);
  }

  @Mutation(() => [ElevatorConsent], {
    description: '登记楼栋业主名册: every unit of the building with its exclusive area; keeps recorded votes; the matter\'s householdsAffected becomes the number of units',
  })
  async setElevatorRegister(
    @Arg('input', () => SetElevatorRegisterInput) input: SetElevatorRegisterInput,
    @Ctx() ctx: Context,
  ): Promise<ElevatorConsent[]> {
    return new ElevatorService(ctx).setRegister(input);
  }

  @FieldResolver(() => Matter)
  async matter(@Root() c: ElevatorConsent, @Ctx() ctx: Context): Promise<Matter> {
    return loadVisibleMatter(ctx, c.matter.id);
  }
}

@Resolver(() => Matter)
export class MatterElevatorResolver {
  @FieldResolver(() => [ElevatorConsent], { description: 'Per-household consent (elevator-installation matters), by floor and unit' })
  async elevatorConsents(@Root() m: Matter, @Ctx() ctx: Context): Promise<ElevatorConsent[]> {
    if (m.category !== MatterCategory.ELEVATOR_INSTALLATION) return [];
    return elevatorConsentsLoader(ctx).load(m.id);
  }

  @FieldResolver(() => ElevatorTally, { nullable: true, description: 'null unless the matter is an elevator installation' })
  async elevatorTally(@Root() m: Matter, @Ctx() ctx: Context): Promise<ElevatorTally | null> {
    if (m.category !== MatterCategory.ELEVATOR_INSTALLATION) return null;
    const t = tallyOf(await elevatorConsentsLoader(ctx).load(m.id), m.householdsAffected);
    return {
      ...t,
      totalArea: centiToArea(t.totalAreaCenti),
      participatingArea: centiToArea(t.participatingAreaCenti),
      agreeArea: centiToArea(t.agreeAreaCenti),
    };
  }
}
