import path from 'node:path';
import { z } from 'zod';
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
  SEED_DEMO: boolish.optional(),
  WEB_DIST: z.string().optional(),
  /** Behind a reverse proxy: take the client address from X-Forwarded-For (rate limits per resident). */
  TRUST_PROXY: boolish.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
  SESSION_MAX_HOURS: z.coerce.number().int().positive().default(12),
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().positive().default(15),
  GRAPHQL_MAX_DEPTH: z.coerce.number().int().positive().default(10),
  GRAPHQL_MAX_ALIASES: z.coerce.number().int().positive().default(20),
  GRAPHQL_MAX_COST: z.coerce.number().int().positive().default(5000),
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
  /** WebSocket caps: a console opens one socket with a handful of subscriptions. */
  WS_MAX_SOCKETS_PER_SESSION: z.coerce.number().int().positive().default(10),
  WS_MAX_SOCKETS_PER_ADDRESS: z.coerce.number().int().positive().default(200),
  WS_MAX_SUBSCRIPTIONS_PER_SOCKET: z.coerce.number().int().positive().default(20),
  /** How often each instance re-checks the sessions behind its open sockets (idle, expired, revoked). */
  WS_SESSION_SWEEP_SECONDS: z.coerce.number().positive().default(30),
});

export type RawConfig = z.infer<typeof schema>;

export interface Config extends RawConfig {
  /** true when no DATABASE_URL is given: PostgreSQL runs in-process (PGlite). */
  embedded: boolean;
  seedDemo: boolean;
  production: boolean;
  webDist: string;
}

export class ConfigError extends Error {}

/** Reads and validates every variable at once; one error lists every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const raw = parsed.data;
  const embedded = !raw.DATABASE_URL;
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
    webDist: path.resolve(raw.WEB_DIST ?? path.join(__dirname, '..', '..', 'web', 'dist')),
  };
}
