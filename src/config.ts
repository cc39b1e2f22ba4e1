import { createHmac } from 'node:crypto';
import { z } from 'zod';

/**
 * Process configuration, read once from the environment.
 * Everything has a development default except what would be unsafe in production:
 * there a JWT key must be given explicitly.
 */
const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    HOST: z.string().default('0.0.0.0'),
    DATABASE_URL: z.string().optional(),
    REDIS_URL: z.string().optional(),
    /** HS256 shared secret (at least 32 characters). */
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    /** PEM public key (RS256/ES256) for verifying tokens minted elsewhere. */
    JWT_PUBLIC_KEY: z.string().optional(),
    JWT_ISSUER: z.string().default('talent-schemes'),
    JWT_AUDIENCE: z.string().default('talent-schemes-api'),
    /** Longest token lifetime accepted, in seconds (local default: one working day; identity providers usually issue 1–12 h). */
    TOKEN_MAX_LIFETIME_SECONDS: z.coerce.number().int().positive().default(24 * 3600),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Seed demo data into demo tenants at start. */
    SEED_DEMO: z
      .enum(['0', '1', 'true', 'false'])
      .default('1')
      .transform((v) => v === '1' || v === 'true'),
    /** BullMQ key prefix; the braces make it a Redis Cluster hash tag. */
    QUEUE_PREFIX: z.string().default('{ts}'),
    /** Worker lock duration (ms): a crashed worker's job is retried after about this long. */
    JOB_LOCK_MS: z.coerce.number().int().min(500).default(30_000),
    /** How often the sweep re-enqueues reminders and webhooks whose jobs Redis lost (ms). */
    SWEEP_EVERY_MS: z.coerce.number().int().min(500).default(60_000),
    /** How often each worker process checks that the job schedulers are in Redis, re-creating lost ones (ms). */
    SCHEDULER_CHECK_MS: z.coerce.number().int().min(200).default(30_000),
    /** Run the job workers inside the API process (set 0 when `npm run worker` runs them). */
    WORKERS: z
      .enum(['0', '1', 'true', 'false'])
      .default('1')
      .transform((v) => v === '1' || v === 'true'),
    /** Bytes; larger request bodies are refused with 413. */
    MAX_BODY_BYTES: z.coerce.number().int().positive().default(1_000_000),
    /**
     * Bytes of one GraphQL document (QUERY_TOO_LARGE beyond), checked before it is parsed. Local
     * default: the largest document this API's own clients send (the dashboard) is under 1 KB,
     * GraphiQL's introspection query about 2 KB.
     */
    MAX_QUERY_BYTES: z.coerce.number().int().positive().default(32_768),
    /**
     * Lexical tokens of one document (QUERY_TOO_MANY_TOKENS beyond), counted by the parser, which
     * stops there. Local default: introspection is about 200 tokens; 4,000 leave room for a
     * front-end's large fragment-based queries while bounding every later walk.
     */
    MAX_QUERY_TOKENS: z.coerce.number().int().positive().default(4_000),
    /** Deepest selection nesting a query may have (QUERY_TOO_DEEP beyond). */
    MAX_QUERY_DEPTH: z.coerce.number().int().positive().default(12),
    /**
     * Estimated cost of one operation: one point per field, list fields times their page size
     * (QUERY_TOO_COMPLEX beyond). A page of 500 talents with their unit costs about 14,000; the
     * commission dashboard (1,000 placements with talent, units, reports, outcomes) about 70,000.
     */
    MAX_QUERY_COMPLEXITY: z.coerce.number().int().positive().default(100_000),
    /** Aliased fields in one operation: aliases multiply work without nesting (TOO_MANY_ALIASES beyond). */
    MAX_ALIASES: z.coerce.number().int().min(0).default(30),
    /** When set, `GET /metrics` wants `Authorization: Bearer <METRICS_TOKEN>`; unset, it is open (block it at the ingress). */
    METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    /** The GraphiQL explorer at `GET /graphql` (from a browser); default on, off in production. */
    EXPLORER: z.enum(['on', 'off']).optional(),
    /** `off` sends every read through the resolvers (src/graphql/sql-reads.ts answers the plannable ones in one SQL statement). */
    SQL_READS: z.enum(['on', 'off']).default('on'),
    /**
     * `on` (local default): a planned read by id is a named prepared statement, parsed and planned
     * once per connection (src/db/prepared-statements.ts); `off` sends it as text each time. Off
     * behind PgBouncer in transaction pooling before 1.21, which loses them between transactions
     * (README, "Behind PgBouncer").
     */
    PREPARED_STATEMENTS: z.enum(['on', 'off']).default('on'),
    /**
     * Prepared statements kept on one connection; the least recently used is deallocated beyond
     * (they differ per tenant schema and selection). Local default: 100, as PostGraphile v5's
     * `@dataplan/pg` keeps (`DATAPLAN_PG_PREPARED_STATEMENT_CACHE_SIZE`).
     */
    PREPARED_STATEMENTS_PER_CONNECTION: z.coerce.number().int().positive().default(100),
    /**
     * `on` (local default): planned reads by id of one shape that arrive in the same turn of the
     * event loop are sent as one prepared statement over their ids (src/db/read-batches.ts);
     * `off` sends one statement per read. Needs PREPARED_STATEMENTS=on.
     */
    READ_BATCHES: z.enum(['on', 'off']).default('on'),
    /** Requests per token (subject and tenant) per window; 0 turns rate limiting off (RATE_LIMITED beyond). */
    RATE_LIMIT_MAX: z.coerce.number().int().min(0).default(600),
    RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().positive().default(60),
    /**
     * 32 bytes, base64 or hex: encrypts personal data at rest (AES-256-GCM) and keys its blind
     * index (HMAC). Required in production; elsewhere a fixed development key is used.
     */
    DATA_ENCRYPTION_KEY: z.string().optional(),
    /**
     * After SIGTERM/SIGINT, the process is gone within this many ms: requests in flight get all
     * but the last 5 s, closing gets the rest, and at the deadline what is still open is abandoned.
     */
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(1000).default(15_000),
    /** Where uploaded files live: `disk` (a folder, the embedded default) or `s3` (an S3-compatible bucket; src/files/s3-storage.ts). */
    FILE_STORAGE: z.enum(['disk', 's3']).default('disk'),
    /** The folder of the disk store (local default: `.data/files`, beside embedded PostgreSQL's data; created at start). */
    FILE_STORAGE_DIR: z.string().default('.data/files'),
    /** Where uploads are spooled while they are hashed and sniffed (local default: `.data/spool`). */
    FILE_SPOOL_DIR: z.string().default('.data/spool'),
    /** Largest attachment, bytes (local default 20 MiB: a scanned certificate or host letter is 1–5 MB). */
    FILE_MAX_BYTES: z.coerce.number().int().positive().default(20 * 1024 * 1024),
    /** Largest .xlsx import, bytes (local default 20 MiB: 10,000 rows of a name list are about 1 MB). */
    IMPORT_MAX_BYTES: z.coerce.number().int().positive().default(20 * 1024 * 1024),
    S3_BUCKET: z.string().optional(),
    /** An S3-compatible endpoint (MinIO, OSS, COS); unset for AWS. */
    S3_ENDPOINT: z.string().optional(),
    S3_REGION: z.string().default('us-east-1'),
    /** Path-style URLs (MinIO and most compatible stores); `0` for virtual-hosted buckets. */
    S3_FORCE_PATH_STYLE: z.enum(['0', '1']).default('1').transform((v) => v === '1'),
    /** Unset to use the AWS SDK's default credential chain. */
    S3_ACCESS_KEY_ID: z.string().optional(),
    S3_SECRET_ACCESS_KEY: z.string().optional(),
    S3_PREFIX: z.string().optional(),
    /** Send x-amz-checksum-sha256 with uploads (S3, MinIO verify it); `0` for stores that refuse it. */
    S3_SEND_CHECKSUM: z.enum(['0', '1']).default('1').transform((v) => v === '1'),
    /**
     * The address people reach this server at, for links in messages (signed confirmation links).
     * Local default: http://localhost:<PORT>.
     */
    PUBLIC_URL: z.string().url().optional(),
    /**
     * HMAC key of signed confirmation links (at least 32 characters). Unset: derived from
     * DATA_ENCRYPTION_KEY (required in production), so a deployment has one secret less to keep.
     */
    LINK_SIGNING_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
    /** Milliseconds to wait for a database connection before answering SERVICE_UNAVAILABLE. */
    DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().positive().default(3_000),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.JWT_SECRET && !env.JWT_PUBLIC_KEY) {
      ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'JWT_SECRET or JWT_PUBLIC_KEY is required in production' });
    }
    if (env.NODE_ENV === 'production' && !env.DATA_ENCRYPTION_KEY) {
      ctx.addIssue({ code: 'custom', path: ['DATA_ENCRYPTION_KEY'], message: 'is required in production (32 bytes, base64 or hex)' });
    }
    if (env.FILE_STORAGE === 's3' && !env.S3_BUCKET) {
      ctx.addIssue({ code: 'custom', path: ['S3_BUCKET'], message: 'is required when FILE_STORAGE=s3' });
    }
    if (env.DATA_ENCRYPTION_KEY && !parseKey(env.DATA_ENCRYPTION_KEY)) {
      ctx.addIssue({ code: 'custom', path: ['DATA_ENCRYPTION_KEY'], message: 'must be 32 bytes, base64 or hex encoded' });
    }
  });

export type AppConfig = z.infer<typeof EnvSchema> & { jwtSecret: string | undefined; dataKey: Buffer; explorer: boolean; linkKey: string; publicUrl: string };

/** Only for development and tests: personal data encrypted with a key everybody knows is not protected. */
export const DEVELOPMENT_DATA_KEY = Buffer.from('development-only-data-key-000000', 'utf8');

/** A 32-byte key from hex (64 characters) or base64. */
function parseKey(text: string): Buffer | null {
  const key = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  return key.length === 32 ? key : null;
}

/** Only for development and tests: a fixed, obviously-not-secret key so `npm run token` works out of the box. */
export const DEVELOPMENT_JWT_SECRET = 'development-only-secret-change-me-0123456789';

/** Only for development and tests: signed links made with a key everybody knows prove nothing. */
export const DEVELOPMENT_LINK_KEY = 'development-only-link-key-0123456789abcdef';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join('\n')}`);
  }
  const cfg = parsed.data;
  const jwtSecret = cfg.JWT_SECRET ?? (cfg.JWT_PUBLIC_KEY ? undefined : DEVELOPMENT_JWT_SECRET);
  const dataKey = cfg.DATA_ENCRYPTION_KEY ? parseKey(cfg.DATA_ENCRYPTION_KEY)! : DEVELOPMENT_DATA_KEY;
  const explorer = cfg.EXPLORER ? cfg.EXPLORER === 'on' : cfg.NODE_ENV !== 'production';
  const linkKey = cfg.LINK_SIGNING_KEY ?? (cfg.DATA_ENCRYPTION_KEY ? createHmac('sha256', dataKey).update('talent-schemes signed links').digest('hex') : DEVELOPMENT_LINK_KEY);
  const publicUrl = (cfg.PUBLIC_URL ?? `http://localhost:${cfg.PORT}`).replace(/\/+$/, '');
  return { ...cfg, jwtSecret, dataKey, explorer, linkKey, publicUrl };
}
