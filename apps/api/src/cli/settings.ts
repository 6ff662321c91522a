/**
 * Every environment setting RustyGPT reads, documented in one place so `rustygpt config` can write
 * an example file. Owners: add your setting here when you add one (group, name, default, meaning).
 */
export interface SettingDoc {
  group: string;
  name: string;
  /** Example or default value; empty = unset by default. */
  example: string;
  description: string;
  /** Written commented out in the example file (optional settings). */
  optional?: boolean;
}

export const SETTINGS: readonly SettingDoc[] = [
  {
    group: 'Database',
    name: 'RUSTYGPT_DATA_DIR',
    example: '.rustygpt/data',
    description:
      'Embedded PGlite data directory (created on first use; one process at a time holds <dir>.lock).',
  },
  {
    group: 'Database',
    name: 'DATABASE_URL',
    example: 'postgres://postgres@127.0.0.1:5433/postgres?sslmode=disable',
    description:
      'PostgreSQL server with pgvector and ltree, or `rustygpt db serve`; wins over RUSTYGPT_DATA_DIR.',
    optional: true,
  },
  {
    group: 'Database',
    name: 'RUSTYGPT_PG_SHARED_BUFFERS',
    example: '512MB',
    description:
      'Embedded PGlite shared_buffers (default 128MB); larger keeps a big HNSW index cached, out of the 2 GiB WASM heap.',
    optional: true,
  },
  {
    group: 'Database',
    name: 'RUSTYGPT_MIGRATIONS_DIR',
    example: 'prisma/migrations',
    description: 'Where the SQL migrations live (default: prisma/migrations of this checkout).',
    optional: true,
  },
  {
    group: 'Server',
    name: 'NODE_ENV',
    example: 'development',
    description: 'development | production | test.',
  },
  { group: 'Server', name: 'RUSTYGPT_HOST', example: '127.0.0.1', description: 'Address the API binds to.' },
  {
    group: 'Server',
    name: 'RUSTYGPT_PORT',
    example: '4000',
    description: 'Port of the API (GraphQL at /graphql, /healthz, /readyz, /metrics).',
  },
  {
    group: 'Server',
    name: 'REDIS_URL',
    example: 'redis://127.0.0.1:6379',
    description: 'Share subscriptions between several API instances; in-memory when unset.',
    optional: true,
  },
  {
    group: 'Server',
    name: 'RUSTYGPT_LOG_LEVEL',
    example: 'info',
    description: 'fatal | error | warn | info | debug | trace | silent.',
  },
  {
    group: 'Server',
    name: 'RUSTYGPT_GRAPHIQL',
    example: 'true',
    description: 'Serve GraphiQL (default: on in development).',
    optional: true,
  },
  {
    group: 'Server',
    name: 'RUSTYGPT_DEMO_BUNDLE',
    example: 'data/demo/bundle.json',
    description: 'Knowledge bundle loaded into an empty database on first start.',
  },
  {
    group: 'Server',
    name: 'RUSTYGPT_SHUTDOWN_GRACE_MS',
    example: '10000',
    description: 'How long in-flight work may finish on SIGTERM.',
  },
  {
    group: 'Auth',
    name: 'RUSTYGPT_AUTH',
    example: 'local',
    description:
      'local (no sign-in, loopback only) | token (session JWTs and API tokens). Default: token when a JWT secret is set.',
    optional: true,
  },
  {
    group: 'Auth',
    name: 'RUSTYGPT_JWT_SECRET',
    example: 'change-me-to-at-least-32-random-characters',
    description: 'HS256 key shared with the web app to verify session tokens (>= 32 characters).',
    optional: true,
  },
  {
    group: 'Auth',
    name: 'RUSTYGPT_JWT_ISSUER',
    example: 'rustygpt-web',
    description: 'Expected `iss` of session tokens.',
  },
  {
    group: 'Auth',
    name: 'RUSTYGPT_JWT_AUDIENCE',
    example: 'rustygpt-api',
    description: 'Expected `aud` of session tokens.',
  },
  {
    group: 'Auth',
    name: 'RUSTYGPT_JWT_MAX_AGE_S',
    example: '900',
    description: 'Oldest session token accepted, in seconds.',
  },
  {
    group: 'Auth',
    name: 'RUSTYGPT_ADMIN_EMAILS',
    example: '',
    description: 'Comma-separated e-mails that get the admin role on sign-in.',
  },
  {
    group: 'Auth',
    name: 'RUSTYGPT_DEFAULT_WORKSPACE',
    example: 'default',
    description: 'Workspace slug used when a request names none.',
  },
  {
    group: 'Limits',
    name: 'RUSTYGPT_MAX_DEPTH',
    example: '12',
    description: 'Deepest GraphQL query accepted.',
  },
  {
    group: 'Limits',
    name: 'RUSTYGPT_MAX_ALIASES',
    example: '30',
    description: 'Most field aliases per GraphQL operation.',
  },
  {
    group: 'Limits',
    name: 'RUSTYGPT_MAX_COMPLEXITY',
    example: '5000',
    description: 'Highest GraphQL complexity score accepted.',
  },
  {
    group: 'Limits',
    name: 'RUSTYGPT_MAX_BREADTH',
    example: '100',
    description: 'Most fields per selection set.',
  },
  {
    group: 'Limits',
    name: 'RUSTYGPT_MAX_BODY_BYTES',
    example: '16777216',
    description: 'Largest request body.',
  },
  {
    group: 'Limits',
    name: 'RUSTYGPT_MAX_BUNDLE_BYTES',
    example: '10485760',
    description: 'Largest knowledge bundle accepted through the API.',
  },
  {
    group: 'Limits',
    name: 'RUSTYGPT_MAX_VARIABLES_BYTES',
    example: '12582912',
    description: 'Largest GraphQL variables object.',
  },
  {
    group: 'Limits',
    name: 'RUSTYGPT_RATE_LIMIT_PER_MIN',
    example: '600',
    description: 'Requests per minute per client.',
  },
  {
    group: 'Limits',
    name: 'RUSTYGPT_RATE_LIMIT_BURST',
    example: '120',
    description: 'Burst allowance of the rate limiter.',
  },
  {
    group: 'Models',
    name: 'RUSTYGPT_EMBEDDING_MODEL',
    example: 'builtin:glove-100d',
    description: 'Embedding model: builtin:glove-100d, builtin:use-lite-512, or a GGUF file path.',
    optional: true,
  },
  {
    group: 'Models',
    name: 'RUSTYGPT_MODELS_DIR',
    example: '.rustygpt/models',
    description: 'Where model files are kept.',
    optional: true,
  },
  {
    group: 'Models',
    name: 'RUSTYGPT_GPU',
    example: 'auto',
    description: 'auto | cpu | cuda | vulkan.',
    optional: true,
  },
  {
    group: 'Models',
    name: 'RUSTYGPT_EMBEDDING_THREADS',
    example: '1',
    description: 'CPU threads per embedding context.',
    optional: true,
  },
  {
    group: 'Models',
    name: 'RUSTYGPT_EMBEDDING_CONTEXTS',
    example: '1',
    description: 'Parallel embedding contexts.',
    optional: true,
  },
  {
    group: 'Models',
    name: 'RUSTYGPT_CHAT_MODEL',
    example: '.rustygpt/models/chat.gguf',
    description: 'GGUF chat model used to phrase answers.',
    optional: true,
  },
  {
    group: 'Models',
    name: 'RUSTYGPT_CHAT_THREADS',
    example: '2',
    description: 'CPU threads for generation.',
    optional: true,
  },
  {
    group: 'Models',
    name: 'RUSTYGPT_CHAT_CONTEXT',
    example: '4096',
    description: 'Context size of the chat model, in tokens.',
    optional: true,
  },
  {
    group: 'Models',
    name: 'RUSTYGPT_CHAT_TEMPERATURE',
    example: '0.2',
    description: 'Sampling temperature in [0, 2].',
    optional: true,
  },
  {
    group: 'Models',
    name: 'RUSTYGPT_LLAMA_LOG',
    example: 'debug',
    description: 'Set to debug for llama.cpp logs.',
    optional: true,
  },
  {
    group: 'Observability',
    name: 'OTEL_EXPORTER_OTLP_ENDPOINT',
    example: 'http://127.0.0.1:4318',
    description: 'Send OpenTelemetry traces there (OTLP/HTTP).',
    optional: true,
  },
  {
    group: 'Observability',
    name: 'OTEL_SERVICE_NAME',
    example: 'rustygpt-api',
    description: 'Service name on traces.',
  },
];

/** The example `.env` file: every setting, grouped, with its meaning; optional ones commented out. */
export function exampleEnvFile(settings: readonly SettingDoc[] = SETTINGS): string {
  const lines = [
    '# RustyGPT configuration (environment variables). Generated by `rustygpt config`.',
    '# Copy to .env and adjust; unset optional settings stay commented out.',
    '',
  ];
  let group = '';
  for (const s of settings) {
    if (s.group !== group) {
      if (group) lines.push('');
      lines.push(`# ---- ${s.group}`);
      group = s.group;
    }
    lines.push(`# ${s.description}`);
    lines.push(`${s.optional ? '# ' : ''}${s.name}=${s.example}`);
  }
  return `${lines.join('\n')}\n`;
}
