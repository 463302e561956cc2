/**
 * Every error the api answers with on purpose: its code (`extensions.code`), the finer reasons a
 * client may act on (`extensions.reason`) and the other extension keys. Domain code throws
 * DomainError and knows nothing of GraphQL; http/format-error.ts turns it into the GraphQL error
 * of either transport, and http/error-schema.ts publishes these enums and ErrorExtensions in the
 * schema, so the web's codegen types every code and reason it compares.
 */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  CONFLICT = 'CONFLICT',
  TOO_MANY_REQUESTS = 'TOO_MANY_REQUESTS',
  CURSOR_EXPIRED = 'CURSOR_EXPIRED',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  BAD_REQUEST = 'BAD_REQUEST',
  GRAPHQL_PARSE_FAILED = 'GRAPHQL_PARSE_FAILED',
  GRAPHQL_VALIDATION_FAILED = 'GRAPHQL_VALIDATION_FAILED',
  PERSISTED_QUERY_NOT_FOUND = 'PERSISTED_QUERY_NOT_FOUND',
  OPERATION_RESOLUTION_FAILURE = 'OPERATION_RESOLUTION_FAILURE',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

/** What each code means to a client (published as the enum values' descriptions). */
export const ERROR_CODE_DESCRIPTIONS: Record<ErrorCode, string> = {
  UNAUTHENTICATED: 'Not signed in, the session has ended, or a sign-in step failed; sign in (again).',
  FORBIDDEN: 'Signed in, but the policy does not allow this to this user.',
  NOT_FOUND: 'No such thing, or nothing this user may see (the two are not told apart). `id` when known.',
  BAD_USER_INPUT: 'The input is invalid: `field` names it, `fields` lists every invalid field of a validated input, `reason` says which rule.',
  CONFLICT: 'The request contradicts the current state (a transition not allowed, someone changed it at the same time); `reason` may say which.',
  TOO_MANY_REQUESTS: 'A limit was reached; `retryAfterSeconds` says when to try again.',
  CURSOR_EXPIRED: 'A replay cursor older than the events still kept; `oldestCursor` is the oldest kept. Reload, then subscribe without `after`.',
  SERVICE_UNAVAILABLE: 'The database cannot be reached for the moment; retry shortly.',
  BAD_REQUEST: 'The HTTP request is not a GraphQL request (e.g. a body that is not JSON).',
  GRAPHQL_PARSE_FAILED: 'The document does not parse.',
  GRAPHQL_VALIDATION_FAILED: 'The document is not valid against the schema or exceeds the depth/alias limits.',
  PERSISTED_QUERY_NOT_FOUND: 'An automatic persisted query the server does not hold.',
  OPERATION_RESOLUTION_FAILURE: 'The operation to run cannot be chosen from the document.',
  INTERNAL_SERVER_ERROR: 'Anything unexpected; logged on the server with the request id, masked here.',
};

/** The finer cause of a code, for clients that say more than the code does (`extensions.reason`). */
export enum ErrorReason {
  // Passwords (BAD_USER_INPUT, field newPassword/password).
  TOO_SHORT = 'TOO_SHORT',
  TOO_LONG = 'TOO_LONG',
  CONTAINS_USERNAME = 'CONTAINS_USERNAME',
  TOO_COMMON = 'TOO_COMMON',
  WRONG_PASSWORD = 'WRONG_PASSWORD',
  SAME_AS_CURRENT = 'SAME_AS_CURRENT',
  // Two-factor sign-in.
  WRONG_CODE = 'WRONG_CODE',
  CHALLENGE_EXPIRED = 'CHALLENGE_EXPIRED',
  MFA_TOO_MANY_FAILURES = 'MFA_TOO_MANY_FAILURES',
  MFA_ENROLMENT_REQUIRED = 'MFA_ENROLMENT_REQUIRED',
  ALREADY_ENROLLED = 'ALREADY_ENROLLED',
  NOT_STARTED = 'NOT_STARTED',
  NOT_ENROLLED = 'NOT_ENROLLED',
  // Files.
  EMPTY = 'EMPTY',
  UNSUPPORTED_TYPE = 'UNSUPPORTED_TYPE',
  TOO_LARGE = 'TOO_LARGE',
  TOO_MANY_FILES = 'TOO_MANY_FILES',
  // State.
  MATTER_FINAL = 'MATTER_FINAL',
  HAS_MATTERS = 'HAS_MATTERS',
}

/** The extension keys besides `code` (ErrorExtensions in the schema documents each). */
export interface ErrorDetails {
  reason?: ErrorReason | `${ErrorReason}`;
  field?: string;
  id?: string;
  retryAfterSeconds?: number;
  oldestCursor?: string;
  /** A MIME type the content was found to be (UNSUPPORTED_TYPE). */
  detected?: string;
  /** CONFLICT: the current status that refuses the request (of the matter, request, invitation, session, …). */
  status?: string;
  /** CONFLICT of a matter's status transition: the status it is in and the one asked for. */
  from?: string;
  to?: string;
  /** CONFLICT of a session: its recorded outcome. */
  outcome?: string | null;
  /** CONFLICT: the time (ISO 8601) that makes the request too early or too late. */
  startsAt?: string;
  heldAt?: string;
  recordedAt?: string;
  confirmedAt?: string;
  outcomeRecordedAt?: string;
  performedAt?: string;
  waivedAt?: string;
  /** CONFLICT on closing a matter: the agreement's terms neither performed nor waived. */
  openTerms?: OpenTerm[];
  /** Read by Apollo for the HTTP status of a request refused before execution; never sent. */
  http?: { status: number };
}

export interface OpenTerm {
  id: string;
  description: string;
  amount: string | null;
  dueAt: string | null;
}

export type ErrorExtensionsOf = { code: ErrorCode } & ErrorDetails;

/**
 * Every error a feature throws on purpose. Not a GraphQLError: graphql-js copies `extensions`
 * from an error a resolver throws, and http/format-error.ts's toGraphQLError converts it where
 * an error is answered outside a resolver (plugins, the WebSocket's onSubscribe).
 */
export class DomainError extends Error {
  readonly extensions: ErrorExtensionsOf;
  constructor(
    readonly code: ErrorCode | `${ErrorCode}`,
    message: string,
    details?: ErrorDetails,
  ) {
    super(message);
    this.name = 'DomainError';
    this.extensions = { code: code as ErrorCode, ...details };
  }
}
export const unauthenticated = (m = 'Not signed in or the session has expired', details?: ErrorDetails) => new DomainError(ErrorCode.UNAUTHENTICATED, m, details);
export const forbidden = (m = 'You are not allowed to do this', details?: ErrorDetails) => new DomainError(ErrorCode.FORBIDDEN, m, details);
export const notFound = (what: string, id?: string) =>
  new DomainError(ErrorCode.NOT_FOUND, `${what} not found`, id ? { id } : undefined);
export const badInput = (m: string, field?: string, reason?: ErrorReason | `${ErrorReason}`) =>
  new DomainError(ErrorCode.BAD_USER_INPUT, m, field || reason ? { ...(field ? { field } : {}), ...(reason ? { reason } : {}) } : undefined);
export const conflict = (m: string, details?: ErrorDetails) => new DomainError(ErrorCode.CONFLICT, m, details);
export const tooManyRequests = (m: string, details?: ErrorDetails) => new DomainError(ErrorCode.TOO_MANY_REQUESTS, m, details);
/** A replay cursor older than the events still kept (EVENT_RETENTION_DAYS): reload, then subscribe without `after`. */
export const cursorExpired = (oldestCursor: string) =>
  new DomainError(ErrorCode.CURSOR_EXPIRED, 'Events after this cursor are past retention; reload and subscribe again without `after`', { oldestCursor });

/** `extensions.code` of a thrown DomainError / GraphQLError (undefined for anything else). */
export function codeOf(e: unknown): string | undefined {
  return (e as { extensions?: { code?: string } } | undefined)?.extensions?.code;
}
