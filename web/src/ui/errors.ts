import { CombinedGraphQLErrors } from '@apollo/client';
import type { ErrorCode, ErrorExtensions, ErrorReason } from '../gql/error-contract';

export type { ErrorCode, ErrorExtensions, ErrorReason };

/**
 * The api's `extensions` of the first error, typed by the schema's error contract (ErrorExtensions
 * in schema/schema.graphql): a code or reason compared here that the api does not have fails the
 * type check.
 */
export function errorExtensions(error: unknown): ErrorExtensions | undefined {
  const errors = CombinedGraphQLErrors.is(error)
    ? error.errors
    : ((error as { errors?: readonly { extensions?: unknown }[] } | null | undefined)?.errors ?? undefined);
  const extensions = Array.isArray(errors) ? (errors[0] as { extensions?: unknown } | undefined)?.extensions : undefined;
  if (!extensions || typeof extensions !== 'object' || typeof (extensions as { code?: unknown }).code !== 'string') return undefined;
  return extensions as ErrorExtensions;
}

/** Whether any of the errors (not only the first) has `code`. */
export function hasErrorCode(error: unknown, code: ErrorCode): boolean {
  const errors = CombinedGraphQLErrors.is(error) ? error.errors : (error as { errors?: unknown } | null | undefined)?.errors;
  return Array.isArray(errors) && errors.some((e: { extensions?: { code?: unknown } }) => e?.extensions?.code === code);
}

export function errorCode(error: unknown): ErrorCode | undefined {
  return errorExtensions(error)?.code;
}

export function errorReason(error: unknown): ErrorReason | undefined {
  return errorExtensions(error)?.reason ?? undefined;
}

export function errorMessage(error: unknown): string {
  if (CombinedGraphQLErrors.is(error)) return error.errors.map((e) => e.message).join('; ');
  return error instanceof Error ? error.message : String(error);
}
