import { ValidationError } from '@rustygpt/core';
import { z } from 'zod';

/** Hosts that only this machine can reach; local (no-auth) mode is refused on anything else. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  RUSTYGPT_HOST: z.string().min(1).default('127.0.0.1'),
  RUSTYGPT_PORT: int(0, 65535).default(4000),
  RUSTYGPT_DATA_DIR: z.string().min(1).default('.rustygpt/data'),
  DATABASE_URL: z.string().url().optional(),
  REDIS_URL: z.string().url().optional(),
  RUSTYGPT_AUTH: z.enum(['local', 'token']).optional(),
  RUSTYGPT_JWT_SECRET: z.string().min(32, 'must be at least 32 characters (HS256 key)').optional(),
  RUSTYGPT_JWT_ISSUER: z.string().min(1).default('rustygpt-web'),
  RUSTYGPT_JWT_AUDIENCE: z.string().min(1).default('rustygpt-api'),
  RUSTYGPT_JWT_MAX_AGE_S: int(10, 86_400).default(900),
  RUSTYGPT_ADMIN_EMAILS: z.string().default(''),
  RUSTYGPT_DEFAULT_WORKSPACE: z
    .string()
    .regex(/^[a-z0-9-]{1,64}$/, 'lower-case letters, digits and hyphens')
    .default('default'),
  RUSTYGPT_MAX_DEPTH: int(2, 50).default(12),
  RUSTYGPT_MAX_ALIASES: int(1, 500).default(30),
  RUSTYGPT_MAX_COMPLEXITY: int(10, 1_000_000).default(5_000),
  RUSTYGPT_MAX_BREADTH: int(1, 1_000).default(100),
  RUSTYGPT_MAX_BODY_BYTES: int(1_024, 512 * 1024 * 1024).default(16 * 1_048_576),
  RUSTYGPT_MAX_BUNDLE_BYTES: int(1_024, 512 * 1024 * 1024).default(10 * 1_048_576),
  RUSTYGPT_MAX_VARIABLES_BYTES: int(256, 512 * 1024 * 1024).default(12 * 1_048_576),
  RUSTYGPT_RATE_LIMIT_PER_MIN: int(1, 1_000_000).default(600),
  RUSTYGPT_RATE_LIMIT_BURST: int(1, 1_000_000).default(120),
  RUSTYGPT_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  RUSTYGPT_GRAPHIQL: bool.optional(),
  RUSTYGPT_DEMO_BUNDLE: z.string().default('data/demo/bundle.json'),
  RUSTYGPT_SHUTDOWN_GRACE_MS: int(0, 600_000).default(10_000),
  RUSTYGPT_STREAM_TOKEN_DELAY_MS: int(0, 10_000).default(0),
  RUSTYGPT_EMBEDDING_MODEL: z.string().min(1).optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
  OTEL_SERVICE_NAME: z.string().default('rustygpt-api'),
});

/** Typed, validated configuration of the API process (validated once, at start-up). */
export interface ApiConfig {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  auth: {
    /** `local`: requests without a token act as the local admin user (loopback only). */
    mode: 'local' | 'token';
    jwtSecret: string | undefined;
    issuer: string;
    audience: string;
    maxAgeSeconds: number;
    adminEmails: string[];
  };
  defaultWorkspace: string;
  limits: {
    maxDepth: number;
    maxAliases: number;
    maxComplexity: number;
    maxBreadth: number;
    maxBodyBytes: number;
    maxBundleBytes: number;
    maxVariablesBytes: number;
    ratePerMinute: number;
    rateBurst: number;
  };
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  graphiql: boolean;
  demoBundle: string;
  /** Embedding model spec for @rustygpt/models (`none` disables vectors; default: the built-in). */
  embeddingModel: string | undefined;
  shutdownGraceMs: number;
  /** Pause between streamed answer tokens (0: none); paces demos and tests of cancellation. */
  streamTokenDelayMs: number;
  otlpEndpoint: string | undefined;
  serviceName: string;
}

/** Reads the API configuration from an environment map; throws one ValidationError listing every bad value. */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: Partial<Pick<ApiConfig, 'host' | 'port'>> = {},
): ApiConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new ValidationError(`invalid configuration:\n${lines.join('\n')}`, undefined, {
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  const e = parsed.data;
  const host = overrides.host ?? e.RUSTYGPT_HOST;
  const port = overrides.port ?? e.RUSTYGPT_PORT;
  const mode = e.RUSTYGPT_AUTH ?? (e.RUSTYGPT_JWT_SECRET ? 'token' : 'local');
  const problems: string[] = [];
  if (mode === 'local' && !isLoopbackHost(host)) {
    problems.push(
      `  RUSTYGPT_AUTH: local (no-auth) mode is only allowed on a loopback host, not ${host}; set RUSTYGPT_JWT_SECRET or bind to 127.0.0.1`,
    );
  }
  if (mode === 'token' && !e.RUSTYGPT_JWT_SECRET && e.NODE_ENV === 'production') {
    problems.push('  RUSTYGPT_JWT_SECRET: required in production with token auth');
  }
  if (problems.length > 0) throw new ValidationError(`invalid configuration:\n${problems.join('\n')}`);
  return {
    env: e.NODE_ENV,
    host,
    port,
    dataDir: e.RUSTYGPT_DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    auth: {
      mode,
      jwtSecret: e.RUSTYGPT_JWT_SECRET,
      issuer: e.RUSTYGPT_JWT_ISSUER,
      audience: e.RUSTYGPT_JWT_AUDIENCE,
      maxAgeSeconds: e.RUSTYGPT_JWT_MAX_AGE_S,
      adminEmails: e.RUSTYGPT_ADMIN_EMAILS.split(',')
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean),
    },
    defaultWorkspace: e.RUSTYGPT_DEFAULT_WORKSPACE,
    limits: {
      maxDepth: e.RUSTYGPT_MAX_DEPTH,
      maxAliases: e.RUSTYGPT_MAX_ALIASES,
      maxComplexity: e.RUSTYGPT_MAX_COMPLEXITY,
      maxBreadth: e.RUSTYGPT_MAX_BREADTH,
      maxBodyBytes: e.RUSTYGPT_MAX_BODY_BYTES,
      maxBundleBytes: e.RUSTYGPT_MAX_BUNDLE_BYTES,
      maxVariablesBytes: e.RUSTYGPT_MAX_VARIABLES_BYTES,
      ratePerMinute: e.RUSTYGPT_RATE_LIMIT_PER_MIN,
      rateBurst: e.RUSTYGPT_RATE_LIMIT_BURST,
    },
    logLevel: e.RUSTYGPT_LOG_LEVEL,
    graphiql: e.RUSTYGPT_GRAPHIQL ?? e.NODE_ENV === 'development',
    demoBundle: e.RUSTYGPT_DEMO_BUNDLE,
    embeddingModel: e.RUSTYGPT_EMBEDDING_MODEL,
    shutdownGraceMs: e.RUSTYGPT_SHUTDOWN_GRACE_MS,
    streamTokenDelayMs: e.RUSTYGPT_STREAM_TOKEN_DELAY_MS,
    otlpEndpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT,
    serviceName: e.OTEL_SERVICE_NAME,
  };
}
