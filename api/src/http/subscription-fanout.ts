import type { EntityManager } from '@mikro-orm/postgresql';
import { createSourceEventStream, execute, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { WebSocket } from 'ws';
import type { Clock } from '../clock';
import type { Context, PiiRead, Viewer } from '../context';
import { replayPageOf } from '../events/activity.stream';
import type { PublishedEvent } from '../events/event-bus';
import { logger } from '../logger';
import { writePiiReadsForReaders, type PiiReader } from '../modules/pii/pii-access-log.service';
import { AUDIENCE_FACTS, audienceKeyOf, PERSONAL_FACTS } from '../policy';
import type { ErrorFormatter } from './format-error';

/** Where a subscription's frames go: the socket and the client's operation id. */
export interface FanoutTarget {
  socket: WebSocket;
  id: string;
  /** The operation as the client sent it (query, operation name, variables): equal keys, equal selection. */
  documentKey: string;
}

export interface FanoutDeps {
  makeContext: (viewer: Viewer, ip?: string) => Context;
  /** Per-console path (a personal document): writes the audit rows of one result. */
  afterResult: (ctx: Context) => Promise<void>;
  formatError: ErrorFormatter;
  em: () => EntityManager;
  clock: Clock;
}

/** One event resolved for one audience and one document. */
interface SharedAnswer {
  /** The `payload` of the next frame, serialised once; null: the answer turned out personal. */
  json: string | null;
  /** Unmasked reads made while resolving it, to be logged for every reader it is sent to. */
  reads: PiiRead[];
}

interface SharedEntry {
  at: number;
  answer: Promise<SharedAnswer>;
  /** Readers waiting for their audit rows, written together in the next turn of the loop. */
  pending: PiiReader[];
  flushing: Promise<void> | null;
}

const TTL_MS = 10_000;

/**
 * Push at province scale: an event is resolved once per *audience* — the consoles whose viewers
 * have the same policy facts (rules.ts `AUDIENCE_FACTS`: role, organization and its kind,
 * community) and sent the same operation — and the serialised answer is written, as the same
 * bytes, to each console of that audience with its own operation id.
 *
 * What stays per console: which events reach it (its own stream: replay, gap filling, the
 * policy's event check with its own viewer, the session re-check), the audit rows of unmasked
 * reads (one row per reader, `via` PUSH), and the socket's state at the moment of writing (a
 * socket closed by a revocation is never written to). The shared resolution runs with a viewer
 * that has the audience's facts only; a resolver that reads who the person is (user, session,
 * name — a signed download link, say) makes the answer personal, and that document is then
 * resolved per console as before.
 */
export class SubscriptionFanout {
  private readonly shared = new Map<string, SharedEntry>();
  private readonly personal = new Set<string>();
  private lastPurge = 0;
  /** How many times a document was executed for an event (tests count them). */
  executions = 0;

  constructor(private readonly deps: FanoutDeps) {}

  /**
   * graphql-ws's `subscribe`: the console's own source stream, resolved through the audience's
   * shared answers; frames are written here and the iterator handed back to graphql-ws yields
   * nothing (it ends, or throws, when the stream does: complete and error stay graphql-ws's).
   */
  async subscribe(args: ExecutionArgs, target: FanoutTarget): Promise<AsyncGenerator<ExecutionResult> | ExecutionResult> {
    const source = await createSourceEventStream(args);
    if (!isAsyncIterable(source)) return source as ExecutionResult;
    const ctx = args.contextValue as Context;
    const viewer = ctx.viewer!;
    const audienceKey = `${audienceKeyOf(viewer)}\u0001${target.documentKey}`;
    const prefix = `{"id":${JSON.stringify(target.id)},"type":"next","payload":`;
    const it = source[Symbol.asyncIterator]() as AsyncIterator<PublishedEvent>;
    let closed = false;
    let prefetched: readonly PublishedEvent[] | undefined;

    const deliver = async (event: PublishedEvent) => {
      let json: string | null = null;
      if (!this.personal.has(target.documentKey)) {
        // A replayed page is resolved at once: every event of it starts in this tick, so their
        // loads share one identity map and are batched; the frames still go out in order.
        const page = replayPageOf.get(event);
        if (page && page !== prefetched) {
          prefetched = page;
          for (const e of page) this.answerFor(audienceKey, target.documentKey, args, viewer, e);
        }
        const entry = this.answerFor(audienceKey, target.documentKey, args, viewer, event);
        const answer = await entry.answer;
        if (answer.json !== null) {
          if (closed) return;
          if (answer.reads.length) await this.logRead(entry, answer.reads, { viewer, ip: ctx.ip });
          json = answer.json;
        }
      }
      if (json === null) {
        // Personal: resolved with this console's own context, as graphql-js would.
        this.executions++;
        const result = (await execute({ ...args, rootValue: event })) as ExecutionResult;
        await this.deps.afterResult(ctx);
        json = JSON.stringify(this.format(result));
      }
      // Checked at the moment of writing: a revoked session's socket was closed synchronously
      // when the revocation arrived, and a completed operation is not written to.
      if (closed || target.socket.readyState !== WebSocket.OPEN) return;
      target.socket.send(prefix + json + '}');
    };

    const pump = (async () => {
      for (;;) {
        const r = await it.next();
        if (r.done || closed) return;
        await deliver(r.value);
      }
    })();

    const done = { done: true, value: undefined } as const;
    const outer: AsyncGenerator<ExecutionResult> = {
      next: async () => {
        await pump;
        return done;
      },
      return: async () => {
        closed = true;
        await it.return?.();
        return done;
      },
      throw: async (err) => {
        closed = true;
        await it.return?.();
        throw err;
      },
      [Symbol.asyncIterator]: () => outer,
    };
    return outer;
  }

  private answerFor(audienceKey: string, documentKey: string, args: ExecutionArgs, viewer: Viewer, event: PublishedEvent): SharedEntry {
    const key = `${audienceKey}\u0001${event.cursor}`;
    const now = Date.now();
    if (now - this.lastPurge > 1_000) {
      this.lastPurge = now;
      for (const [k, e] of this.shared) if (now - e.at > TTL_MS) this.shared.delete(k);
    }
    let entry = this.shared.get(key);
    if (!entry) {
      entry = { at: now, answer: this.resolveOnce(documentKey, args, viewer, event), pending: [], flushing: null };
      // A prefetched answer nobody awaits (its console closed) must not fail the process.
      entry.answer.catch(() => undefined);
      this.shared.set(key, entry);
    }
    return entry;
  }

  private async resolveOnce(documentKey: string, args: ExecutionArgs, viewer: Viewer, event: PublishedEvent): Promise<SharedAnswer> {
    let personal = false;
    const ctx = this.deps.makeContext(audienceViewer(viewer, () => (personal = true)));
    this.executions++;
    const result = (await execute({ ...args, contextValue: ctx, rootValue: event })) as ExecutionResult;
    if (personal) {
      logger.info({ documentKey: documentKey.slice(0, 200) }, 'a subscription reads who the viewer is: resolved per console from now on');
      this.personal.add(documentKey);
      return { json: null, reads: [] };
    }
    return { json: JSON.stringify(this.format(result)), reads: ctx.piiReads.splice(0) };
  }

  /** This reader's audit rows, written with the other readers of the same answer in one statement. */
  private logRead(entry: SharedEntry, reads: PiiRead[], reader: PiiReader): Promise<void> {
    entry.pending.push(reader);
    entry.flushing ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      const readers = entry.pending.splice(0);
      entry.flushing = null;
      return writePiiReadsForReaders(this.deps.em(), this.deps.clock.now(), reads, readers);
    });
    return entry.flushing;
  }

  private format(result: ExecutionResult): ExecutionResult {
    if (!result.errors) return result;
    return { ...result, errors: result.errors.map((e) => this.deps.formatError(e.toJSON(), e)) } as unknown as ExecutionResult;
  }
}

/**
 * The viewer a shared answer is resolved with: the audience's facts, and personal fields that
 * raise a flag when read (the answer could then differ between the audience's members).
 */
function audienceViewer(viewer: Viewer, onPersonalRead: () => void): Viewer {
  const v = {} as Record<string, unknown>;
  for (const f of AUDIENCE_FACTS) v[f] = viewer[f];
  for (const f of PERSONAL_FACTS) {
    Object.defineProperty(v, f, {
      enumerable: true,
      get() {
        onPersonalRead();
        return viewer[f];
      },
    });
  }
  return v as unknown as Viewer;
}

function isAsyncIterable(x: unknown): x is AsyncIterable<unknown> {
  return typeof x === 'object' && x !== null && typeof (x as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function';
}
