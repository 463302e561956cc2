import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { logger } from './logger';

export type ErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_USER_INPUT' | 'CONFLICT' | 'TOO_MANY_REQUESTS' | 'CURSOR_EXPIRED';

/** Every error a feature throws on purpose. Mapped once, in formatError, to extensions.code. */
export class DomainError extends GraphQLError {
  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message, { extensions: { code, ...details } });
  }
}
export const unauthenticated = (m = 'Not signed in or the session has expired') => new DomainError('UNAUTHENTICATED', m);
export const forbidden = (m = 'You are not allowed to do this') => new DomainError('FORBIDDEN', m);
export const notFound = (what: string, id?: string) =>
  new DomainError('NOT_FOUND', `${what} not found`, id ? { id } : undefined);
export const badInput = (m: string, field?: string) => new DomainError('BAD_USER_INPUT', m, field ? { field } : undefined);
export const conflict = (m: string, details?: Record<string, unknown>) => new DomainError('CONFLICT', m, details);
/** A replay cursor older than the events still kept (EVENT_RETENTION_DAYS): reload, then subscribe without `after`. */
export const cursorExpired = (oldestCursor: string) =>
  new DomainError('CURSOR_EXPIRED', 'Events after this cursor are past retention; reload and subscribe again without `after`', { oldestCursor });

const PASS_THROUGH = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'CONFLICT',
  'TOO_MANY_REQUESTS',
  'CURSOR_EXPIRED',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/**
 * Known errors keep their message and code; anything else is logged and masked so that
 * SQL, stack traces and internal names never reach a client.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown, production: boolean): GraphQLFormattedError {
  // In production, nothing tells a prober what the schema holds: no "Did you mean …?" under any
  // code (unknown fields, arguments, enum values, variables), on either transport.
  if (production && formatted.message.includes('Did you mean')) formatted = { ...formatted, message: withoutSuggestions(formatted.message) };
  const code = formatted.extensions?.code as string | undefined;
  const validation = formatted.extensions?.validationErrors;
  if (code === 'BAD_USER_INPUT' && Array.isArray(validation)) {
    const fields = flattenValidation(validation as ValidationNode[]);
    const summary = fields.map((f) => `${f.field}: ${f.messages.join('; ')}`).join(' | ');
    return { message: `Invalid input — ${summary}`, locations: formatted.locations, path: formatted.path, extensions: { code, fields } };
  }
  if (code && PASS_THROUGH.has(code)) {
    const { stacktrace: _s, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  // Input coercion failures (wrong scalar, missing required field) arrive without a code.
  if ((!code || code === 'INTERNAL_SERVER_ERROR') && isCoercionError(formatted.message)) {
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code: 'BAD_USER_INPUT' } };
  }
  // An ill-formed id (`matter(id: "x")`) reaches PostgreSQL as a uuid it cannot read: the
  // client's mistake, one rule for every ID argument and input field.
  if (isMalformedUuid(error)) {
    return { message: 'Malformed id: ids are UUIDs', locations: formatted.locations, path: formatted.path, extensions: { code: 'BAD_USER_INPUT' } };
  }
  // Two people changing the same thing at once: the database's unique constraints decide, and
  // the loser is told to reload rather than shown an internal error.
  const original = error instanceof GraphQLError ? error.originalError : error;
  if (original instanceof UniqueConstraintViolationException) {
    return {
      message: 'Someone changed this at the same time; reload and try again',
      path: formatted.path,
      extensions: { code: 'CONFLICT' },
    };
  }
  logger.error({ err: error }, 'unexpected error');
  return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

/** PostgreSQL's invalid_text_representation (22P02) for a uuid, anywhere in the error's chain. */
function isMalformedUuid(err: unknown): boolean {
  let e: unknown = err;
  for (let depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (code === '22P02' && typeof message === 'string' && /type uuid/.test(message)) return true;
    const next = e as { originalError?: unknown; cause?: unknown };
    e = next.originalError ?? next.cause;
  }
  return false;
}

/** `extensions.code` of a thrown DomainError / GraphQLError (undefined for anything else). */
export function codeOf(e: unknown): string | undefined {
  return (e as { extensions?: { code?: string } } | undefined)?.extensions?.code;
}

/** graphql-js appends suggestions as a last sentence: ` Did you mean "x", "y" or "z"?` */
function withoutSuggestions(message: string): string {
  return message.replace(/\s*Did you mean [^?]*\?/g, '').trim();
}

function isCoercionError(message: string): boolean {
  return /^Variable "\$|^Argument ".*" of |Expected value of type|Expected type|cannot represent/.test(message);
}

interface ValidationNode {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationNode[];
}

/** class-validator's tree → [{ field: 'input.parties.0.phone', messages }] for clients to show per field. */
function flattenValidation(nodes: ValidationNode[], prefix = ''): { field: string; messages: string[] }[] {
  const out: { field: string; messages: string[] }[] = [];
  for (const n of nodes) {
    const field = prefix ? `${prefix}.${n.property}` : n.property;
    if (n.constraints) out.push({ field, messages: Object.values(n.constraints) });
    if (n.children?.length) out.push(...flattenValidation(n.children, field));
  }
  return out;
}
