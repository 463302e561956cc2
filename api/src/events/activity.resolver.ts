import { Arg, Ctx, FieldResolver, Resolver, Root, Subscription } from 'type-graphql';
import { wrap } from '@mikro-orm/core';
import type { Context } from '../context';
import { codeOf } from '../errors';
import { User } from '../modules/auth/user.entity';
import { loadVisibleMatter } from '../policy';
import { Matter } from '../modules/matter/matter.entity';
import { ActivityEvent } from './activity.types';
import { activityStream, replayPageOf } from './activity.stream';
import type { PublishedEvent } from './event-bus';
import { enterEventScope } from './event-scope';

/**
 * Each pushed event is resolved with a fresh identity map (shared by the event's consoles) and a
 * clean access cache; the events of one replayed page share one, so their loads are batched.
 */
export function freshForEvent(ctx: Context, event: PublishedEvent): void {
  const page = replayPageOf.get(event);
  enterEventScope(ctx, page ? `page:${page[0].cursor}-${page[page.length - 1].cursor}` : event.cursor);
}

@Resolver(() => ActivityEvent)
export class ActivityResolver {
  @Subscription(() => ActivityEvent, {
    description:
      'The viewer\'s resumable event stream. No `after`: live only; a cursor: what came after it, then live; "0": from the first event the viewer may see.',
    subscribe: ({ args, context }) => activityStream(context as Context, (args as { after?: string | null }).after),
  })
  activity(@Root() event: PublishedEvent, @Ctx() ctx: Context, @Arg('after', () => String, { nullable: true }) _after?: string): ActivityEvent {
    freshForEvent(ctx, event);
    return event as unknown as ActivityEvent;
  }

  @FieldResolver(() => Matter, { nullable: true, description: 'null when the matter is no longer visible to the viewer' })
  async matter(@Root() e: ActivityEvent, @Ctx() ctx: Context): Promise<Matter | null> {
    if (!e.matterId) return null;
    // Out of sight now (or gone): null. Anything else — the database down — stays an error.
    return loadVisibleMatter(ctx, e.matterId).catch((err: unknown) => {
      if (codeOf(err) === 'NOT_FOUND') return null;
      throw err;
    });
  }

  @FieldResolver(() => User, { nullable: true })
  async actor(@Root() e: ActivityEvent, @Ctx() ctx: Context): Promise<User | null> {
    if (!e.actorId) return null;
    // A reference load: a timeline's actors are fetched in one batched statement.
    const user = await ctx.em.getReference(User, e.actorId, { wrapped: true }).load();
    return user && wrap(user).isInitialized() ? user : null;
  }
}
