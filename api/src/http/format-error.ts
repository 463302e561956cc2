import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { isDatabaseUnavailable } from '../db/orm';
import { DomainError, ERROR_CODE_DESCRIPTIONS, ErrorCode } from '../errors';
import { logger } from '../logger';

/**
 * The one mapper from the domain's errors to GraphQL's: DomainError (api/src/errors.ts) carries a
 * typed code and details; here they become GraphQL errors and formatted responses, for Apollo
 * over HTTP and graphql-ws over WebSocket alike.
 */

export const SERVICE_UNAVAILABLE = {
  message: 'The service is temporarily unavailable; try again shortly',
  extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
} as const;

/** A GraphQLError for an error answered outside a resolver (a plugin, the WebSocket's onSubscribe). */
export function toGraphQLError(e: DomainError | GraphQLError): GraphQLError {
  if (e instanceof GraphQLError) return e;
  return new GraphQLError(e.message, { originalError: e, extensions: { ...e.extensions } });
}

/** A GraphQLError with a code of ErrorCode (for errors the GraphQL layer itself raises). */
export function graphQLError(code: ErrorCode, message: string, options: { nodes?: GraphQLError['nodes'] } = {}): GraphQLError {
  return new GraphQLError(message, { nodes: options.nodes, extensions: { code } });
}

export { ERROR_CODE_DESCRIPTIONS };

export type ErrorFormatter = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/**
 * The one error formatter of both transports (Apollo over HTTP, graphql-ws over WebSocket):
 * formatError, except that a database that cannot be reached (restarting, failing over) is
 * SERVICE_UNAVAILABLE — a state to wait out and retry — rather than a masked internal error.
 */
export function errorFormatter(production: boolean): ErrorFormatter {
  return (formatted, error) => {
    if (isDatabaseUnavailable(error)) {
      logger.warn({ err: (error as Error).message }, 'database unavailable');
      return { ...SERVICE_UNAVAILABLE, path: formatted.path };
    }
    return formatError(formatted, error, production);
  };
}

/** Codes answered as they were thrown; anything else is masked (INTERNAL_SERVER_ERROR). */
const PASS_THROUGH = new Set<string>(Object.values(ErrorCode).filter((c) => c !== ErrorCode.INTERNAL_SERVER_ERROR));

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
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code: ErrorCode.BAD_USER_INPUT } };
  }
  // An ill-formed id (`matter(id: "x")`) reaches PostgreSQL as a uuid it cannot read: the
  // client's mistake, one rule for every ID argument and input field.
  if (isMalformedUuid(error)) {
    return { message: 'Malformed id: ids are UUIDs', locations: formatted.locations, path: formatted.path, extensions: { code: ErrorCode.BAD_USER_INPUT } };
  }
  // Two people changing the same thing at once: the database's unique constraints decide, and
  // the loser is told to reload rather than shown an internal error.
  const original = error instanceof GraphQLError ? error.originalError : error;
  if (original instanceof UniqueConstraintViolationException) {
    return {
      message: 'Someone changed this at the same time; reload and try again',
      path: formatted.path,
      extensions: { code: ErrorCode.CONFLICT },
    };
  }
  logger.error({ err: error }, 'unexpected error');
  return { message: 'Internal server error', path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
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
