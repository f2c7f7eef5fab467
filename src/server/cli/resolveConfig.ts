import path from 'node:path';
import { parseArgs } from 'node:util';
import { usageError } from './CliError';
import { parseSize } from './parseSize';

/** The CLI's commands; `serve` when none is given. */
export type CliCommand = 'serve' | 'migrate' | 'purge' | 'seed';

export const COMMANDS: readonly CliCommand[] = ['serve', 'migrate', 'purge', 'seed'];

/** Default port of `mediashelf serve`. */
export const DEFAULT_PORT = 4000;
/** Default interface of `mediashelf serve`: loopback only. */
export const DEFAULT_HOST = '127.0.0.1';
/** Default data folder, relative to the working directory. */
export const DEFAULT_DATA_DIR = '.data';
/** Default file count of `mediashelf seed`. */
export const DEFAULT_SEED_COUNT = 24;
/** Tenant and user of the development identity (and of `seed`) when no header names one. */
export const DEMO_TENANT = 'demo';
export const DEMO_USER = 'demo';
/** Largest upload the CLI accepts by default: 5 GiB, like the service. */
export const DEFAULT_CLI_MAX_FILE_SIZE = 5 * 1024 ** 3;

/** S3-compatible storage from the environment. */
export interface S3Config {
  bucket: string;
  region: string;
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  forcePathStyle: boolean;
  prefix?: string;
}

/** Everything a command needs, resolved from flags, then environment, then defaults. */
export interface CliConfig {
  command: CliCommand;
  help: boolean;
  version: boolean;
  port: number;
  host: string;
  /** Absolute data folder: PGlite in `<dataDir>/db`, files in `<dataDir>/files`. */
  dataDir: string;
  /** PostgreSQL instead of PGlite when set. */
  databaseUrl: string | null;
  /** S3-compatible storage instead of local disk when set. */
  s3: S3Config | null;
  maxFileSize: number;
  /** Browser origins allowed to call the API from another origin (`['*']` for any), or null. */
  corsOrigins: string[] | null;
  seed: { count: number; tenantId: string; userId: string };
}

/** Environment variables the CLI reads. */
export type CliEnv = Record<string, string | undefined>;

const OPTIONS = {
  port: { type: 'string', short: 'p' },
  host: { type: 'string' },
  'data-dir': { type: 'string' },
  'database-url': { type: 'string' },
  'max-file-size': { type: 'string' },
  cors: { type: 'string' },
  tenant: { type: 'string' },
  user: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/** A flag's value, else the environment variable's, parsed with the name of its source for errors. */
function flagOrEnv<T>(
  flag: string | undefined,
  flagName: string,
  env: CliEnv,
  variable: string,
  parse: (value: string, source: string) => T,
): T | undefined {
  if (flag !== undefined) return parse(flag, flagName);
  const value = nonEmpty(env[variable]);
  return value === undefined ? undefined : parse(value, variable);
}

function parsePort(value: string, source: string): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) > 65_535) {
    throw usageError(`${source} must be a port number from 0 to 65535 (got '${value}')`);
  }
  return Number(value);
}

function parseCorsOrigins(value: string, source: string): string[] {
  const origins = value
    .split(',')
    .map((entry) => entry.trim().replace(/\/+$/, ''))
    .filter((entry) => entry !== '');
  if (origins.length === 0) throw usageError(`${source} is empty`);
  for (const origin of origins) {
    if (origin === '*') continue;
    let parsed: URL | null = null;
    try {
      parsed = new URL(origin);
    } catch {
      // Reported below.
    }
    if (parsed === null || !/^https?:$/.test(parsed.protocol) || parsed.origin !== origin) {
      throw usageError(
        `${source} takes origins like http://localhost:6006 (scheme, host, port; no path), or * (got '${origin}')`,
      );
    }
  }
  return origins;
}

function parseCount(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 100_000) {
    throw usageError(`seed count must be a whole number from 1 to 100000 (got '${value}')`);
  }
  return Number(value);
}

function parseFlags(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    // parseArgs explains the mistake ("Unknown option '--prot'"), minus Node's hints.
    const message = (error as Error).message.split('. To specify')[0]!.replace(/\.$/, '');
    throw usageError(message);
  }
}

function s3From(env: CliEnv): S3Config | null {
  const bucket = nonEmpty(env.MEDIASHELF_S3_BUCKET);
  if (!bucket) return null;
  const endpoint = nonEmpty(env.MEDIASHELF_S3_ENDPOINT);
  const accessKeyId = nonEmpty(env.AWS_ACCESS_KEY_ID);
  const secretAccessKey = nonEmpty(env.AWS_SECRET_ACCESS_KEY);
  if ((accessKeyId === undefined) !== (secretAccessKey === undefined)) {
    throw usageError('set both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or neither');
  }
  const sessionToken = nonEmpty(env.AWS_SESSION_TOKEN);
  const pathStyle = nonEmpty(env.MEDIASHELF_S3_FORCE_PATH_STYLE);
  if (pathStyle !== undefined && !['true', 'false', '1', '0'].includes(pathStyle)) {
    throw usageError(`MEDIASHELF_S3_FORCE_PATH_STYLE must be true or false (got '${pathStyle}')`);
  }
  const prefix = nonEmpty(env.MEDIASHELF_S3_PREFIX);
  return {
    bucket,
    region: nonEmpty(env.MEDIASHELF_S3_REGION) ?? nonEmpty(env.AWS_REGION) ?? 'us-east-1',
    ...(endpoint ? { endpoint } : {}),
    ...(accessKeyId && secretAccessKey
      ? { credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) } }
      : {}),
    // A custom endpoint (MinIO, s3rver, B2, R2) is addressed path-style unless told otherwise.
    forcePathStyle:
      pathStyle === undefined ? endpoint !== undefined : pathStyle === 'true' || pathStyle === '1',
    ...(prefix ? { prefix } : {}),
  };
}

/**
 * Reads the command line and the environment. Flags win over environment variables, which win
 * over the defaults. Mistakes throw a usage error (exit code 2).
 */
export function resolveConfig(argv: string[], env: CliEnv, cwd: string): CliConfig {
  const { values, positionals } = parseFlags(argv);
  if (positionals[0] === 'help') {
    positionals.shift();
    values.help = true;
  }
  const [first, ...rest] = positionals;
  const command = (first ?? 'serve') as CliCommand;
  if (!COMMANDS.includes(command)) {
    throw usageError(`unknown command '${first}' (expected ${COMMANDS.join(', ')})`);
  }
  const seedCountArg = command === 'seed' ? rest.shift() : undefined;
  if (rest.length > 0) throw usageError(`unexpected argument '${rest[0]}'`);
  for (const flag of ['tenant', 'user'] as const) {
    if (values[flag] !== undefined && command !== 'seed') {
      throw usageError(`--${flag} applies to 'seed' only`);
    }
  }

  const port = flagOrEnv(values.port, '--port', env, 'PORT', parsePort) ?? DEFAULT_PORT;
  const host = nonEmpty(values.host) ?? nonEmpty(env.HOST) ?? DEFAULT_HOST;
  if (values.host !== undefined && nonEmpty(values.host) === undefined) throw usageError('--host is empty');
  const dataDirValue = values['data-dir'] ?? nonEmpty(env.MEDIASHELF_DATA_DIR) ?? DEFAULT_DATA_DIR;
  if (dataDirValue.trim() === '') throw usageError('--data-dir is empty');
  const databaseUrl = nonEmpty(values['database-url']) ?? nonEmpty(env.DATABASE_URL) ?? null;
  if (databaseUrl !== null && !/^postgres(ql)?:\/\//i.test(databaseUrl)) {
    throw usageError('DATABASE_URL must be a postgresql:// URL');
  }
  const maxFileSize =
    flagOrEnv(values['max-file-size'], '--max-file-size', env, 'MEDIASHELF_MAX_FILE_SIZE', parseSize) ??
    DEFAULT_CLI_MAX_FILE_SIZE;
  const corsOrigins =
    flagOrEnv(values.cors, '--cors', env, 'MEDIASHELF_CORS_ORIGINS', parseCorsOrigins) ?? null;
  const tenantId = nonEmpty(values.tenant) ?? DEMO_TENANT;
  const userId = nonEmpty(values.user) ?? DEMO_USER;

  return {
    command,
    help: values.help ?? false,
    version: values.version ?? false,
    port,
    host,
    dataDir: path.resolve(cwd, dataDirValue),
    databaseUrl,
    s3: s3From(env),
    maxFileSize,
    corsOrigins,
    seed: {
      count: seedCountArg === undefined ? DEFAULT_SEED_COUNT : parseCount(seedCountArg),
      tenantId,
      userId,
    },
  };
}

/** A database URL safe to print: the password replaced by `***`. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
