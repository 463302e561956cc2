import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { Organization } from '../community/community.entity';
import { loadVisibleMatter } from '../matter/matter.access';
import { Matter } from '../matter/matter.entity';
import { isTermOverdue } from '../deadline/deadline.rules';
import { MarkTermPerformedInput, RecordSessionOutcomeInput, ScheduleJointSessionInput } from './dto/session.inputs';
import { AgreementTerm, JointSession } from './session.entity';
import { SessionService } from './session.service';

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
    if (s.organizationIds.length === 0) return [];
    return ctx.em.find(Organization, { id: { $in: s.organizationIds } }, { orderBy: { kind: 'asc' } });
  }

  @FieldResolver(() => [AgreementTerm])
  async terms(@Root() s: JointSession): Promise<AgreementTerm[]> {
    return (await s.terms.load()).getItems();
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
