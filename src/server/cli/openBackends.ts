import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import {
  createDatabase,
  createLocalStorage,
  createS3Storage,
  type MediaDatabaseHandle,
  type StorageDriver,
} from 'mediashelf/server';
import { CliError, rootMessage } from './CliError';
import { type CliConfig, redactUrl } from './resolveConfig';

/** Writes one line of output. */
export type PrintLine = (line: string) => void;

/** Where the database lives, for people. */
export function describeDatabase(config: CliConfig): string {
  return config.databaseUrl
    ? `PostgreSQL at ${redactUrl(config.databaseUrl)}`
    : `PGlite in ${path.join(config.dataDir, 'db')}`;
}

/** Where files live, for people. */
export function describeStorage(config: CliConfig): string {
  if (!config.s3) return `local disk in ${path.join(config.dataDir, 'files')}`;
  const where = config.s3.endpoint ? ` at ${config.s3.endpoint}` : ` (AWS, ${config.s3.region})`;
  return `S3 bucket ${config.s3.bucket}${config.s3.prefix ? `/${config.s3.prefix}` : ''}${where}`;
}

/**
 * Opens the database (PGlite in `<dataDir>/db`, or PostgreSQL at `DATABASE_URL`) and, when
 * `migrate` is set, applies pending migrations. Failures become one-line {@link CliError}s.
 */
export async function openDatabase(config: CliConfig, migrate: boolean): Promise<MediaDatabaseHandle> {
  try {
    if (config.databaseUrl) {
      return await createDatabase({
        connectionString: config.databaseUrl,
        migrate,
        pool: { connectionTimeoutMillis: 5_000 },
      });
    }
    const dataDir = path.join(config.dataDir, 'db');
    await mkdir(dataDir, { recursive: true });
    return await createDatabase({ pglite: { dataDir }, migrate });
  } catch (error) {
    throw new CliError(`cannot open the database (${describeDatabase(config)}): ${rootMessage(error)}`, 1);
  }
}

/**
 * Opens the storage: local disk in `<dataDir>/files`, or the S3 bucket of the environment,
 * checked with one request so a wrong bucket or key fails at start rather than on the first
 * upload.
 */
export async function openStorage(config: CliConfig): Promise<StorageDriver> {
  try {
    if (!config.s3) {
      const directory = path.join(config.dataDir, 'files');
      await mkdir(directory, { recursive: true });
      return createLocalStorage({ directory });
    }
    const storage = createS3Storage(config.s3);
    await storage.exists('mediashelf-cli-check');
    return storage;
  } catch (error) {
    throw new CliError(`cannot open the storage (${describeStorage(config)}): ${rootMessage(error)}`, 1);
  }
}
