import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { parseTrustProxy } from './http/client-address';
import { UserRole } from './modules/common/enums';
import { parsePiiKeys, PiiKeyring } from './modules/pii/pii.crypto';

const boolish = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off', ''])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection string')
    .optional(),
  DATA_DIR: z.string().default('./.data'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .optional(),
  /** Prefix of this deployment's Redis channels, so two deployments can share one Redis. */
  REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'letters, digits and _ . : - (at most 64)').default('sst:'),
  /** Prometheus metrics (/metrics) on this port; unset: no metrics endpoint. Never on PORT. */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** Interface the metrics port binds to (default: HOST). */
  METRICS_HOST: z.string().optional(),
  SEED_DEMO: boolish.optional(),
  WEB_DIST: z.string().optional(),
  /** Explicitly run the in-process PGlite (required with NODE_ENV=production and no DATABASE_URL). */
  EMBEDDED_DATABASE: boolish.optional(),
  /** Which proxies may name the client in X-Forwarded-For: hops, or addresses/CIDRs (see http/client-address.ts). */
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((v, ctx) => {
      try {
        return parseTrustProxy(v);
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: (e as Error).message });
        return z.NEVER;
      }
    }),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
  SESSION_MAX_HOURS: z.coerce.number().int().positive().default(12),
  // Login throttling (modules/auth/login-throttle.ts explains the design).
  LOGIN_WINDOW_MINUTES: z.coerce.number().int().positive().default(15),
  LOGIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().positive().default(50),
  LOGIN_ATTEMPTS_BEFORE_BACKOFF: z.coerce.number().int().positive().default(5),
  LOGIN_BACKOFF_SECONDS: z.coerce.number().int().positive().default(60),
  LOGIN_BACKOFF_MAX_MINUTES: z.coerce.number().int().positive().default(60),
  LOGIN_MAX_FAILURES_PER_USERNAME: z.coerce.number().int().positive().default(20),
  LOGIN_KNOWN_ADDRESS_DAYS: z.coerce.number().int().positive().default(90),
  /** argon2id hashes computed at once; the rest wait, so logins never take every core. */
  ARGON2_CONCURRENCY: z.coerce.number().int().positive().default(Math.max(1, os.availableParallelism() - 1)),
  GRAPHQL_MAX_DEPTH: z.coerce.number().int().positive().default(10),
  GRAPHQL_MAX_ALIASES: z.coerce.number().int().positive().default(20),
  GRAPHQL_MAX_COST: z.coerce.number().int().positive().default(5000),
  /** Evidence files (证据材料): limits, and an S3-compatible store instead of DATA_DIR/files. */
  ATTACHMENT_MAX_MB: z.coerce.number().positive().max(200).default(20),
  ATTACHMENT_MAX_PER_MATTER: z.coerce.number().int().positive().default(50),
  ATTACHMENT_LINK_SECONDS: z.coerce.number().int().positive().max(3600).default(300),
  /** Photos a resident may attach to a public report (0: none), and the size of one. */
  PUBLIC_REPORT_MAX_PHOTOS: z.coerce.number().int().min(0).max(10).default(3),
  PUBLIC_REPORT_PHOTO_MAX_MB: z.coerce.number().positive().max(50).default(10),
  S3_ENDPOINT: z.string().url().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_BUCKET: z.string().optional(),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: boolish.default(true),
  /** Roles that must sign in with a second factor (TOTP). Unset: ADMIN,AGENCY_LEAD in production, none otherwise. */
  MFA_REQUIRED_ROLES: z
    .string()
    .refine((v) => roleList(v).every((r) => (Object.values(UserRole) as string[]).includes(r)), {
      message: `must be a comma-separated list of ${Object.values(UserRole).join(', ')}`,
    })
    .optional(),
  /** The name authenticator apps show next to the code. */
  MFA_ISSUER: z.string().min(1).max(60).default('说事厅'),
  /** Shortest password anyone may set (admin create/reset, change my password). */
  PASSWORD_MIN_LENGTH: z.coerce.number().int().min(8).max(128).default(12),
  /**
   * Key-encryption keys for party phones and ID numbers: `keyId:base64(32 random bytes)`, comma
   * separated; the first seals new data, the others still open what they sealed (rotation).
   */
  PII_KEYS: z
    .string()
    .optional()
    .superRefine((v, ctx) => {
      if (!v) return;
      try {
        // Validates ids and key lengths with the cipher every build has.
        new PiiKeyring('aes-256-gcm', parsePiiKeys(v));
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: (e as Error).message });
      }
    }),
  /** aes-256-gcm (default) or sm4 (SM4-CTR + HMAC-SM3, 商用密码). */
  PII_CIPHER: z.enum(['aes-256-gcm', 'sm4']).default('aes-256-gcm'),
  /** How long pii_access_log rows are kept; at least 180 days (网络安全法 art. 21). */
  PII_LOG_RETENTION_DAYS: z.coerce.number().int().min(180, 'must be at least 180 (days; 网络安全法 art. 21)').default(180),
  /**
   * How long events are kept; unset or empty: for ever (the default — events are each matter's
   * record and the audit trail; deleting them is the district's decision, not a default). When
   * set, at least 180 days (网络安全法 art. 21); whole partitions go once all their rows are older.
   */
  EVENT_RETENTION_DAYS: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.coerce.number().int().min(180, 'must be at least 180 (days; 网络安全法 art. 21), or unset to keep every event').optional(),
  ),
  /** Event ids per partition of the event table (the unit retention drops); new partitions only. */
  EVENT_PARTITION_SIZE: z.coerce.number().int().min(10_000).max(1_000_000_000).default(1_000_000),
  /** WebSocket caps: a console opens one socket with a handful of subscriptions. */
  WS_MAX_SOCKETS_PER_SESSION: z.coerce.number().int().positive().default(10),
  WS_MAX_SOCKETS_PER_ADDRESS: z.coerce.number().int().positive().default(200),
  WS_MAX_SUBSCRIPTIONS_PER_SOCKET: z.coerce.number().int().positive().default(20),
  /** How often each instance re-checks the sessions behind its open sockets (idle, expired, revoked). */
  WS_SESSION_SWEEP_SECONDS: z.coerce.number().positive().default(30),
  /** How long after recording it a session's outcome (minutes, terms) may still be corrected. */
  OUTCOME_CORRECTION_HOURS: z.coerce.number().int().min(0).max(720).default(72),
});

function roleList(v: string): string[] {
  return v
    .split(',')
    .map((r) => r.trim().toUpperCase())
    .filter(Boolean);
}

export type RawConfig = z.infer<typeof schema>;

/** Every environment variable the api reads (infra.test.ts checks infra/ against it). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(schema.shape);

export interface Config extends RawConfig {
  /** true when no DATABASE_URL is given: PostgreSQL runs in-process (PGlite). */
  embedded: boolean;
  seedDemo: boolean;
  production: boolean;
  webDist: string;
  /** MFA_REQUIRED_ROLES, parsed (with its production default). */
  mfaRequiredRoles: readonly UserRole[];
}

export class ConfigError extends Error {}

/** Reads and validates every variable at once; one error lists every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  // Settings that no longer exist: refused rather than silently ignored, since they were security settings.
  const retired = ['LOGIN_MAX_FAILURES', 'LOGIN_LOCK_MINUTES'].filter((k) => env[k] !== undefined);
  if (retired.length) {
    throw new ConfigError(
      `Invalid configuration:\n  ${retired.join(', ')}: no longer used — there is no account lockout any more; see LOGIN_WINDOW_MINUTES, ` +
        'LOGIN_MAX_FAILURES_PER_ADDRESS, LOGIN_ATTEMPTS_BEFORE_BACKOFF, LOGIN_BACKOFF_SECONDS and LOGIN_MAX_FAILURES_PER_USERNAME (README, Configuration)',
    );
  }
  const raw = parsed.data;
  const embedded = !raw.DATABASE_URL;
  if (embedded && raw.NODE_ENV === 'production' && raw.EMBEDDED_DATABASE !== true) {
    throw new ConfigError(
      'Invalid configuration:\n  DATABASE_URL: required with NODE_ENV=production. Set it to your PostgreSQL server, ' +
        'or set EMBEDDED_DATABASE=1 to run the in-process PGlite on purpose (one instance, data in DATA_DIR).',
    );
  }
  if (raw.NODE_ENV === 'production' && !raw.PII_KEYS) {
    throw new ConfigError(
      'Invalid configuration:\n  PII_KEYS: required in production — party phones and ID numbers are stored encrypted with it.\n' +
        '    Generate one with: node -e "console.log(\'k1:\' + require(\'crypto\').randomBytes(32).toString(\'base64\'))"',
    );
  }
  return {
    ...raw,
    DATA_DIR: path.resolve(raw.DATA_DIR),
    embedded,
    seedDemo: raw.SEED_DEMO ?? embedded,
    production: raw.NODE_ENV === 'production',
    mfaRequiredRoles: roleList(raw.MFA_REQUIRED_ROLES ?? (raw.NODE_ENV === 'production' ? 'ADMIN,AGENCY_LEAD' : '')) as UserRole[],
    webDist: path.resolve(raw.WEB_DIST ?? path.join(__dirname, '..', '..', 'web', 'dist')),
  };
}
