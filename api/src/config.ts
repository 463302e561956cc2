import path from 'node:path';
import { z } from 'zod';

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
  /** Evidence files (证据材料): limits, and an S3-compatible store instead of DATA_DIR/files. */
  ATTACHMENT_MAX_MB: z.coerce.number().positive().max(200).default(20),
  ATTACHMENT_MAX_PER_MATTER: z.coerce.number().int().positive().default(50),
  ATTACHMENT_LINK_SECONDS: z.coerce.number().int().positive().max(3600).default(300),
  S3_ENDPOINT: z.string().url().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_BUCKET: z.string().optional(),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: boolish.default(true),
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
  return {
    ...raw,
    DATA_DIR: path.resolve(raw.DATA_DIR),
    embedded,
    seedDemo: raw.SEED_DEMO ?? embedded,
    production: raw.NODE_ENV === 'production',
    webDist: path.resolve(raw.WEB_DIST ?? path.join(__dirname, '..', '..', 'web', 'dist')),
  };
}
