import { Arg, Args, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { User } from '../auth/user.entity';
import { DateTimeScalar } from '../common/scalars';
import type { Context } from '../../context';
import { Organization } from '../community/community.entity';
import { loadOrganizations } from '../community/organization.loader';
import { loadVisibleMatter } from '../../policy';
import { Matter } from '../matter/matter.entity';
import { isTermOverdue } from '../deadline/deadline.rules';
import {
  ConfirmAgreementArgs,
  CorrectSessionOutcomeInput,
  MarkTermPerformedInput,
  RecordSessionAttendanceInput,
  RecordSessionOutcomeInput,
  ScheduleJointSessionInput,
} from './dto/session.inputs';
import { AgreementTerm, JointSession } from './session.entity';
import { sessionConflictsLoader } from './session.loader';
import { SessionService } from './session.service';

@ObjectType({ description: 'An organization convened to another session within ±2 hours (a warning, not an error)' })
export class SessionConflict {
  @Field(() => Organization)
  organization!: Organization;

  @Field(() => DateTimeScalar)
  startsAt!: Date;

  @Field(() => ID, { nullable: true, description: 'null when that session belongs to a matter the viewer may not see' })
  sessionId!: string | null;

  @Field(() => String, { nullable: true, description: 'Reference of the other matter, when the viewer may see it' })
  matterReference!: string | null;

  @Field(() => String, { nullable: true, description: 'Venue of the other session, when the viewer may see it' })
  venue!: string | null;
}

@Resolver(() => JointSession)
export class JointSessionResolver {
  @Mutation(() => JointSession, { description: '安排联合调解会' })
  async scheduleJointSession(@Arg('input', () => ScheduleJointSessionInput) input: ScheduleJointSessionInput, @Ctx() ctx: Context): Promise<JointSession> {
    return new SessionService(ctx).schedule(input);
  }

  @Mutation(() => JointSession, { description: '记录调解结果' })
  async recordSessionOutcome(@Arg('input', () => RecordSessionOutcomeInput) input: RecordSessionOutcomeInput, @Ctx() ctx: Context): Promise<JointSession> {
    return new SessionService(ctx).recordOutcome(input);
  }

  @Mutation(() => JointSession, { description: '更正调解结果 (minutes and terms) within OUTCOME_CORRECTION_HOURS of recording it; on the record' })
  async correctSessionOutcome(@Arg('input', () => CorrectSessionOutcomeInput) input: CorrectSessionOutcomeInput, @Ctx() ctx: Context): Promise<JointSession> {
    return new SessionService(ctx).correctOutcome(input);
  }

  @FieldResolver(() => DateTimeScalar, { nullable: true, description: 'Until when the recorded outcome may be corrected (null: no outcome, or no longer)' })
  outcomeCorrectableUntil(@Root() s: JointSession, @Ctx() ctx: Context): Date | null {
    if (!s.outcomeRecordedAt || s.judicialConfirmedAt) return null;
    const until = new Date(s.outcomeRecordedAt.getTime() + ctx.config.OUTCOME_CORRECTION_HOURS * 3_600_000);
    return until.getTime() > ctx.clock.now().getTime() ? until : null;
  }

  @Mutation(() => JointSession, { description: '记录出席情况' })
  async recordSessionAttendance(
    @Arg('input', () => RecordSessionAttendanceInput) input: RecordSessionAttendanceInput,
    @Ctx() ctx: Context,
  ): Promise<JointSession> {
    return new SessionService(ctx).recordAttendance(input);
  }

  @Mutation(() => JointSession, { description: '司法确认: the court confirms an agreement reached in a session' })
  async confirmAgreement(@Args(() => ConfirmAgreementArgs) args: ConfirmAgreementArgs, @Ctx() ctx: Context): Promise<JointSession> {
    return new SessionService(ctx).confirmAgreement(args);
  }

  @Mutation(() => AgreementTerm, { description: '记录协议条款已履行' })
  async markTermPerformed(@Arg('input', () => MarkTermPerformedInput) input: MarkTermPerformedInput, @Ctx() ctx: Context): Promise<AgreementTerm> {
    return new SessionService(ctx).markTermPerformed(input);
  }

  @FieldResolver(() => Matter)
  async matter(@Root() s: JointSession, @Ctx() ctx: Context): Promise<Matter> {
    return loadVisibleMatter(ctx, s.matter.id);
  }

  @FieldResolver(() => [Organization])
  async organizations(@Root() s: JointSession, @Ctx() ctx: Context): Promise<Organization[]> {
    return loadOrganizations(ctx, s.organizationIds);
  }

  @FieldResolver(() => [AgreementTerm])
  async terms(@Root() s: JointSession): Promise<AgreementTerm[]> {
    return (await s.terms.load()).getItems();
  }

  @FieldResolver(() => [Organization], { description: 'Convened organizations recorded as attending' })
  async attendedOrganizations(@Root() s: JointSession, @Ctx() ctx: Context): Promise<Organization[]> {
    return loadOrganizations(ctx, s.attendedOrganizationIds);
  }

  @FieldResolver(() => [SessionConflict], { description: 'Convened organizations that have another session within ±2 hours' })
  async conflicts(@Root() s: JointSession, @Ctx() ctx: Context): Promise<SessionConflict[]> {
    return sessionConflictsLoader(ctx).load(s);
  }

  @FieldResolver(() => User, { nullable: true, description: 'The court member who recorded the judicial confirmation' })
  async judicialConfirmedBy(@Root() s: JointSession): Promise<User | null> {
    return s.judicialConfirmedBy ? ((await s.judicialConfirmedBy.load()) ?? null) : null;
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'The court that confirmed the agreement' })
  async judicialConfirmedByOrganization(@Root() s: JointSession, @Ctx() ctx: Context): Promise<Organization | null> {
    return s.judicialConfirmedByOrganizationId ? ((await loadOrganizations(ctx, [s.judicialConfirmedByOrganizationId]))[0] ?? null) : null;
  }
}

@Resolver(() => AgreementTerm)
export class AgreementTermResolver {
  @FieldResolver(() => Boolean, { description: 'Due date passed and not yet performed' })
  overdue(@Root() t: AgreementTerm, @Ctx() ctx: Context): boolean {
    return isTermOverdue(t, ctx.clock.now());
  }

  @FieldResolver(() => JointSession, { description: 'The session whose agreement this term belongs to' })
  async session(@Root() t: AgreementTerm, @Ctx() ctx: Context): Promise<JointSession> {
    const session = (await t.session.load()) as JointSession;
    await loadVisibleMatter(ctx, session.matter.id);
    return session;
  }
}
